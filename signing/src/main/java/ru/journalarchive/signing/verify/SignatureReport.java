package ru.journalarchive.signing.verify;

import java.time.Instant;
import java.util.List;

/**
 * One signature's result: the verdict, whether the signed bytes are intact, the chain status, the
 * signing time (claimed), the signature time-stamp's time (null without one), the reasons in
 * Russian, the certificate and signer, the baseline level reached and — when a retention end was
 * asked for — why that level will not last to it (null when it will or when not asked).
 */
public record SignatureReport(Verdict verdict, boolean integrity, ChainStatus chain, Instant signingTime,
                              Instant timestamp, List<String> reasons, CertificateSummary certificate,
                              SignerDetails signer, SignatureLevel level, String retentionNote) {

    /** Without a level: the report of a signature that could not be read far enough to tell. */
    public SignatureReport(Verdict verdict, boolean integrity, ChainStatus chain, Instant signingTime, Instant timestamp,
                           List<String> reasons, CertificateSummary certificate, SignerDetails signer) {
        this(verdict, integrity, chain, signingTime, timestamp, reasons, certificate, signer, null, null);
    }
}
