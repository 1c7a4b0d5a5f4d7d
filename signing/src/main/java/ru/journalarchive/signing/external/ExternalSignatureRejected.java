package ru.journalarchive.signing.external;

/** A CMS from a token that cannot complete the session: its reason is in Russian, for the signer. */
public class ExternalSignatureRejected extends RuntimeException {
    public ExternalSignatureRejected(String reason) {
        super(reason);
    }
}
