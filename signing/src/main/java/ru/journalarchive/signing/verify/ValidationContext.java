package ru.journalarchive.signing.verify;

import java.time.Instant;
import java.util.List;

/**
 * When and with what a signature is judged (ETSI EN 319 102-1): the validation time {@code at} (null:
 * now, as the verifier always did), whether CRLs may be fetched, the proofs of existence given from
 * outside the document (an evidence record's archive time-stamps over it), and the end of the
 * retention the signature must last to (null: not asked).
 *
 * <p>With an explicit {@code at} the verifier validates in the past: revocation of the signer counts
 * only CRLs and OCSP responses issued after the proven signing time.
 */
public record ValidationContext(Instant at, boolean offline, List<ProofOfExistence> externalProofs, Instant retainUntil) {

    public ValidationContext {
        externalProofs = List.copyOf(externalProofs);
    }

    /** Now, fetching CRLs when the trust anchors say so: the verifier's behaviour before validation times existed. */
    public static ValidationContext now() {
        return new ValidationContext(null, false, List.of(), null);
    }

    /** Validation at a chosen time (e.g. decades after signing). */
    public static ValidationContext at(Instant at) {
        return new ValidationContext(at, false, List.of(), null);
    }

    /** Never fetch CRLs: judge from the data in the document, the package and the trust anchors alone. */
    public ValidationContext withoutFetching() {
        return new ValidationContext(at, true, externalProofs, retainUntil);
    }

    /** Proofs that the verified bytes existed at their times, in chain order (see {@link EvidenceRecordCheck}). */
    public ValidationContext withProofs(List<ProofOfExistence> proofs) {
        return new ValidationContext(at, offline, proofs, retainUntil);
    }

    /** The retention the signature must stay verifiable for: the report then says why a lower level is not enough. */
    public ValidationContext retainUntil(Instant until) {
        return new ValidationContext(at, offline, externalProofs, until);
    }

    Instant time() {
        return at == null ? Instant.now() : at;
    }

    /** Validation at an explicit time: only fresh revocation data counts for the signer. */
    boolean inThePast() {
        return at != null;
    }

    CrlFetcher fetcher(TrustAnchors trust) {
        return offline ? null : trust.fetcher();
    }
}
