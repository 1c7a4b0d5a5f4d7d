package ru.journalarchive.signing.verify;

/**
 * The baseline level a signature reached (ETSI EN 319 142-1 / 319 122-1): B without a time-stamp, T
 * with a signature time-stamp, LT with the chains and fresh CRLs of signer and TSA inside the document,
 * LTA with a document time-stamp over all that, LTA_ER when an evidence record (RFC 4998) also (or
 * instead of a document time-stamp) protects it.
 */
public enum SignatureLevel {
    B("B"), T("T"), LT("LT"), LTA("LTA"), LTA_ER("LTA + доказательство хранения");

    private final String russian;

    SignatureLevel(String russian) {
        this.russian = russian;
    }

    public String russian() {
        return russian;
    }
}
