package ru.journalarchive.signing.verify;

import java.time.Instant;

/**
 * An RFC 3161 time-stamp token proving that the verified bytes existed at its time, whose link to
 * those bytes was checked elsewhere (an evidence record's hash tree, {@link EvidenceRecordCheck}).
 * The verifier still checks the token itself: its signature and its TSA's chain and validity.
 *
 * @param token       the DER TimeStampToken (CMS SignedData)
 * @param description what it is, in Russian, for the reasons («архивный штамп времени …»)
 */
public record ProofOfExistence(Instant time, byte[] token, String description) {}
