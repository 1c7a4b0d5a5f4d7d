package ru.journalarchive.signing.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** The certificate as the report shows it: serial (hex), issuer, validity. */
public record CertificateSummary(String serial, String issuer, Instant notBefore, Instant notAfter) {

    public static CertificateSummary of(X509Certificate c) {
        return new CertificateSummary(c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT),
                DistinguishedNames.readable(c.getIssuerX500Principal()), c.getNotBefore().toInstant(),
                c.getNotAfter().toInstant());
    }
}
