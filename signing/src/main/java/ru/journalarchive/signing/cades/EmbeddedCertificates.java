package ru.journalarchive.signing.cades;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import ru.journalarchive.signing.keys.GostProvider;

/** The certificates a signature carries in its SignedData (a token's CMS often brings the signer's whole chain). */
public final class EmbeddedCertificates {

    private EmbeddedCertificates() {}

    public static List<X509Certificate> ofCms(byte[] cms) {
        try {
            return of(new CMSSignedData(cms));
        } catch (CMSException e) {
            throw new IllegalArgumentException("not a CMS signature: " + e.getMessage(), e);
        }
    }

    /** The certificates of a SignedData, a time-stamp token's included. */
    public static List<X509Certificate> of(CMSSignedData signed) {
        var converter = new JcaX509CertificateConverter().setProvider(GostProvider.get());
        var certificates = new ArrayList<X509Certificate>();
        try {
            for (X509CertificateHolder held : signed.getCertificates().getMatches(null)) certificates.add(converter.getCertificate(held));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("an unreadable certificate in a signature: " + e.getMessage(), e);
        }
        return certificates;
    }
}
