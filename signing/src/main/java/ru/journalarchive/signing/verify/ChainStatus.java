package ru.journalarchive.signing.verify;

/** Whether the signer's certificate chains up to a configured trust anchor. */
public enum ChainStatus {
    TRUSTED, UNTRUSTED, NOT_CHECKED
}
