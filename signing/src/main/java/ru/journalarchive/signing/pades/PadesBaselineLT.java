package ru.journalarchive.signing.pades;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;

/**
 * PAdES baseline LT: the validation data of a signed PDF — the signer's and the TSA's chains, and
 * revocation data made after the signature's time-stamp — in the document's security store (/DSS
 * with /Certs, /CRLs, /OCSPs), added as an incremental update so that every earlier signature keeps
 * its bytes. What the store holds already is not added twice. A CRL or an OCSP response not newer than
 * the latest signature time-stamp would prove nothing about the signature: that is refused.
 */
public final class PadesBaselineLT {

    static final COSName DSS = COSName.getPDFName("DSS");
    static final COSName CERTS = COSName.getPDFName("Certs");
    static final COSName CRLS = COSName.getPDFName("CRLs");
    static final COSName OCSPS = COSName.getPDFName("OCSPs");

    /** The revocation data was issued before the time the signature's time-stamp proves. */
    public static final class StaleRevocationData extends RuntimeException {
        public StaleRevocationData(String message) {
            super(message);
        }
    }

    /**
     * Refuses revocation data issued before {@code provenAt} (null: no check): it proves nothing about a
     * later signature. An OCSP response counts by the thisUpdate of each status it gives.
     */
    public static void requireFresh(List<X509CRL> crls, List<byte[]> ocsps, Instant provenAt) {
        if (provenAt == null) return;
        for (X509CRL crl : crls)
            if (!crl.getThisUpdate().toInstant().isAfter(provenAt))
                throw new StaleRevocationData("the CRL of " + crl.getIssuerX500Principal().getName() + " was issued at "
                        + crl.getThisUpdate().toInstant() + ", not after the signature's time-stamp " + provenAt);
        for (byte[] ocsp : ocsps)
            for (SingleResp status : statuses(ocsp))
                if (!status.getThisUpdate().toInstant().isAfter(provenAt))
                    throw new StaleRevocationData("the OCSP response about serial " + status.getCertID().getSerialNumber()
                            + " was issued at " + status.getThisUpdate().toInstant() + ", not after the signature's time-stamp "
                            + provenAt);
    }

    private static SingleResp[] statuses(byte[] ocsp) {
        try {
            if (new OCSPResp(ocsp).getResponseObject() instanceof BasicOCSPResp basic) return basic.getResponses();
        } catch (IOException | OCSPException e) {
            // refused below
        }
        throw new IllegalArgumentException("not a successful basic OCSP response");
    }

    /**
     * @param certificates every certificate a verifier needs (signer, CAs, TSA)
     * @param crls         CRLs of the CAs, each issued after {@code provenAt}
     * @param ocsps        DER OCSP responses, each status in them issued after {@code provenAt} (may be empty)
     * @param provenAt     the latest signature time-stamp of the document (null: none, no freshness check)
     */
    public byte[] extend(byte[] signedPdf, List<X509Certificate> certificates, List<X509CRL> crls, List<byte[]> ocsps,
                         Instant provenAt) {
        requireFresh(crls, ocsps, provenAt);
        try (PDDocument document = Loader.loadPDF(signedPdf)) {
            var catalog = document.getDocumentCatalog().getCOSObject();
            COSDictionary dss = catalog.getCOSDictionary(DSS);
            if (dss == null) {
                dss = new COSDictionary();
                dss.setDirect(false);
                catalog.setItem(DSS, dss);
            }
            COSDocument cos = document.getDocument();
            add(cos, dss, CERTS, certificates.stream().map(PadesBaselineLT::encoded).toList());
            add(cos, dss, CRLS, crls.stream().map(PadesBaselineLT::encoded).toList());
            add(cos, dss, OCSPS, ocsps);
            catalog.setNeedToBeUpdated(true);
            dss.setNeedToBeUpdated(true);
            var out = new ByteArrayOutputStream(signedPdf.length + 65_536);
            document.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the validation data", e);
        }
    }

    /** Appends to the store's array those of {@code items} it does not hold yet, each as a stream. */
    private static void add(COSDocument cos, COSDictionary dss, COSName key, List<byte[]> items) throws IOException {
        if (items.isEmpty()) return;
        COSArray array = dss.getCOSArray(key);
        if (array == null) {
            array = new COSArray();
            dss.setItem(key, array);
        }
        Set<String> held = new LinkedHashSet<>();
        for (COSBase entry : array) {
            COSBase base = entry instanceof COSObject o ? o.getObject() : entry;
            if (base instanceof COSStream s) try (var in = s.createInputStream()) {
                held.add(sha256(in.readAllBytes()));
            }
        }
        for (byte[] item : items) {
            if (!held.add(sha256(item))) continue;
            COSStream stream = cos.createCOSStream();
            try (var out = stream.createOutputStream(COSName.FLATE_DECODE)) {
                out.write(item);
            }
            stream.setNeedToBeUpdated(true);
            array.add(stream);
        }
        array.setNeedToBeUpdated(true);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] encoded(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
