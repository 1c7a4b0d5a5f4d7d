package ru.journalarchive.storage.evidence;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/** Whether a TSA certificate is on one of the given CRLs (of its issuer); the CRLs are taken as trusted. */
final class TsaRevocation {

    private final List<X509CRL> crls;

    TsaRevocation(Collection<X509CRL> crls) {
        this.crls = List.copyOf(crls);
    }

    boolean revoked(byte[] certificateDer) {
        if (crls.isEmpty() || certificateDer == null) return false;
        try {
            var certificate = (X509Certificate) CertificateFactory.getInstance("X.509", EvidenceDigest.provider())
                    .generateCertificate(new ByteArrayInputStream(certificateDer));
            for (var crl : crls)
                if (crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal()) && crl.isRevoked(certificate)) return true;
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable TSA certificate in the catalogue", e);
        }
    }
}
