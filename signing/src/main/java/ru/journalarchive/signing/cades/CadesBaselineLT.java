package ru.journalarchive.signing.cades;

import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.util.CollectionStore;
import ru.journalarchive.signing.pades.PadesBaselineLT;

/**
 * CAdES with its validation data inside (the LT level of a detached signature): the certificates of
 * the signer's and the TSA's chains, and CRLs and OCSP responses newer than the signature time-stamp,
 * in the SignedData's own certificates and crls fields (OCSP as RFC 5940's other revocation info).
 * Those fields are not signed, so the signature stays as it was.
 */
public final class CadesBaselineLT {

    /**
     * @param ocsps    DER OCSP responses (may be empty)
     * @param provenAt the signature time-stamp's time: every CRL and OCSP status must have been issued after it
     * @throws PadesBaselineLT.StaleRevocationData when one is not newer than {@code provenAt}
     */
    public byte[] extend(byte[] cms, List<X509Certificate> certificates, List<X509CRL> crls, List<byte[]> ocsps, Instant provenAt) {
        PadesBaselineLT.requireFresh(crls, ocsps, provenAt);
        try {
            var signed = new CMSSignedData(cms);
            var certs = new LinkedHashMap<X509CertificateHolder, Boolean>();
            for (X509CertificateHolder held : signed.getCertificates().getMatches(null)) certs.put(held, true);
            for (X509Certificate c : certificates) certs.putIfAbsent(new JcaX509CertificateHolder(c), true);
            // Held by what they are, so that what the SignedData carries already is not added twice.
            var revocations = new LinkedHashMap<Object, Boolean>();
            for (X509CRLHolder held : signed.getCRLs().getMatches(null)) revocations.put(held, true);
            for (X509CRL crl : crls) revocations.putIfAbsent(new JcaX509CRLHolder(crl), true);
            for (byte[] held : CmsOcspResponses.of(signed)) revocations.putIfAbsent(CmsOcspResponses.entry(held), true);
            for (byte[] ocsp : ocsps) revocations.putIfAbsent(CmsOcspResponses.entry(ocsp), true);
            return CmsEncoding.der(CMSSignedData.replaceCertificatesAndCRLs(signed, new CollectionStore<>(certs.keySet()),
                    signed.getAttributeCertificates(), new CollectionStore<>(revocations.keySet())));
        } catch (CMSException e) {
            throw new IllegalArgumentException("not a CMS signature: " + e.getMessage(), e);
        } catch (CertificateEncodingException | CRLException e) {
            throw new IllegalArgumentException("an unreadable certificate or CRL: " + e.getMessage(), e);
        }
    }
}
