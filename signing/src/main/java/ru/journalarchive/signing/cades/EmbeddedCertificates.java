package ru.journalarchive.signing.cades;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
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

    /** Of every signature of a PDF but its document time-stamps. */
    public static List<X509Certificate> ofPdf(byte[] pdf) {
        try (var document = Loader.loadPDF(pdf)) {
            var certificates = new ArrayList<X509Certificate>();
            for (PDSignature signature : document.getSignatureDictionaries()) {
                if ("ETSI.RFC3161".equals(signature.getSubFilter())) continue;
                try (var in = new ASN1InputStream(signature.getContents(pdf))) {
                    certificates.addAll(of(new CMSSignedData(in.readObject().getEncoded())));
                }
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable PDF", e);
        } catch (CMSException e) {
            throw new IllegalArgumentException("a PDF signature that is not CMS: " + e.getMessage(), e);
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
