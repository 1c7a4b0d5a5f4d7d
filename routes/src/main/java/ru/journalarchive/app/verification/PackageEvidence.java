package ru.journalarchive.app.verification;

import java.util.List;
import ru.journalarchive.signing.verify.EvidenceRecordCheck;
import ru.journalarchive.signing.verify.ValidationContext;

/**
 * A package's evidence record as proof for its files: the record covers manifest.json, and the
 * manifest holds the files' hashes (checked by whoever holds the files), so the archive time-stamps
 * that prove the manifest existed prove the files existed too.
 */
public final class PackageEvidence {

    /** The record's file name in a package download. */
    public static final String FILE = "evidence-record.ers";

    private PackageEvidence() {}

    /** The context with the record's proofs; a record that does not cover the manifest adds its reasons to {@code problems} instead. */
    public static ValidationContext withEvidence(ValidationContext context, byte[] record, byte[] manifest, List<String> problems) {
        var evidence = EvidenceRecordCheck.check(record, manifest);
        if (evidence.covers()) return context.withProofs(evidence.proofs());
        problems.addAll(evidence.reasons());
        return context;
    }
}
