package ru.journalarchive.storage.evidence;

import java.time.Duration;
import java.util.Set;
import ru.journalarchive.storage.retention.RetentionMode;

/**
 * How evidence records are made and renewed: the digest of new hash trees, the digests no longer
 * trusted (a record using one gets a hash-tree renewal with {@code renewalDigest}), how long before
 * a TSA's (or its CA's) certificate expires its time-stamps are renewed, and the lock mode.
 */
public record EvidencePolicy(EvidenceDigest digest, Set<EvidenceDigest> retiredDigests, EvidenceDigest renewalDigest,
                             Duration renewalMargin, RetentionMode mode) {

    public static final Duration DEFAULT_MARGIN = Duration.ofDays(180);

    public EvidencePolicy {
        retiredDigests = Set.copyOf(retiredDigests);
        if (retiredDigests.contains(digest) || retiredDigests.contains(renewalDigest))
            throw new IllegalArgumentException("new hash trees must not use a retired digest: " + retiredDigests);
    }

    /** Streebog-256, nothing retired, renewal 180 days before expiry. */
    public static EvidencePolicy defaults(RetentionMode mode) {
        return new EvidencePolicy(EvidenceDigest.STREEBOG_256, Set.of(), EvidenceDigest.STREEBOG_512, DEFAULT_MARGIN, mode);
    }

    public EvidencePolicy retiring(EvidenceDigest retired, EvidenceDigest replacement) {
        var retiredNow = new java.util.HashSet<>(retiredDigests);
        retiredNow.add(retired);
        return new EvidencePolicy(replacement, retiredNow, replacement, renewalMargin, mode);
    }

    public EvidencePolicy margin(Duration margin) {
        return new EvidencePolicy(digest, retiredDigests, renewalDigest, margin, mode);
    }
}
