package ru.journalarchive.signing.keys;

/**
 * Where signing keys come from: a PKCS#12 file here; a PKCS#11 token or an HSM in production
 * (a JCA provider's KeyStore behind the same interface).
 */
public interface KeySource {

    /** The credentials under this alias; an error naming the alias when there are none. */
    SigningCredentials credentials(String alias);
}
