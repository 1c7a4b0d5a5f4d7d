package ru.journalarchive.storage.retention;

/** S3 object lock modes: COMPLIANCE nobody can shorten or lift; GOVERNANCE privileged users can (pilots only). */
public enum RetentionMode {
    COMPLIANCE, GOVERNANCE
}
