package ru.journalarchive.signing.pki;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Certificates and CRLs from the bytes of a file, PEM or DER, as inspectors and administrators hand them over. */
public final class CertificateFiles {

    private CertificateFiles() {}

    public static List<X509Certificate> certificates(byte[] file) {
        try {
            var result = new ArrayList<X509Certificate>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(file)))
                result.add((X509Certificate) c);
            if (result.isEmpty()) throw new IllegalArgumentException("no certificate in the file");
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a certificate: " + e.getMessage(), e);
        }
    }

    public static List<X509CRL> crls(byte[] file) {
        try {
            var result = new ArrayList<X509CRL>();
            for (var c : CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(file)))
                result.add((X509CRL) c);
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a CRL: " + e.getMessage(), e);
        }
    }
}
