package ru.journalarchive.signing.pki;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** PEM text of DER objects: certificates, CRLs, as OpenSSL and browsers read them. */
public final class Pem {

    private Pem() {}

    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** A chain of certificates, one PEM block after the other. */
    public static String certificates(List<X509Certificate> certificates) {
        var text = new StringBuilder();
        try {
            for (var c : certificates) text.append(encode("CERTIFICATE", c.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("unencodable certificate", e);
        }
        return text.toString();
    }
}
