package ru.journalarchive.signing.verify;

import java.time.Instant;
import java.util.List;

/**
 * One signature: its verdict, whether the signed bytes and the signature value agree (integrity), the
 * chain, the claimed signing time and the time-stamp's time (null without one), the reasons in
 * Russian, and the certificate and signer.
 */
public record SignatureReport(Verdict verdict, boolean integrity, ChainStatus chain, Instant signingTime,
                              Instant timestamp, List<String> reasons, CertificateSummary certificate,
                              SignerDetails signer) {}
