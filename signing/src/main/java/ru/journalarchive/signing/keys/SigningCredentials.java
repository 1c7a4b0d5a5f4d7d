package ru.journalarchive.signing.keys;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A signing key with its certificate and the chain above it (intermediates, optionally the root),
 * as a key source hands it out. The private key may be a handle into a token (PKCS#11).
 */
public record SigningCredentials(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

    public SigningCredentials {
        chain = List.copyOf(chain);
    }

    public GostAlgorithm algorithm() {
        return GostAlgorithm.of(certificate.getPublicKey());
    }
}
