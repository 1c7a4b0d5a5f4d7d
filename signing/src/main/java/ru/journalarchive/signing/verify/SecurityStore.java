package ru.journalarchive.signing.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import ru.journalarchive.signing.pki.CertificateFiles;

/** What a PDF's document security store (/DSS, PAdES-LT) holds for its verifier. */
final class SecurityStore {

    private SecurityStore() {}

    static List<X509CRL> crls(PDDocument document) {
        var crls = new ArrayList<X509CRL>();
        for (byte[] der : streams(document, "CRLs")) crls.addAll(CertificateFiles.crls(der));
        return crls;
    }

    /** The DER OCSP responses of /OCSPs. */
    static List<byte[]> ocsps(PDDocument document) {
        return streams(document, "OCSPs");
    }

    static List<java.security.cert.X509Certificate> certificates(PDDocument document) {
        var certificates = new ArrayList<java.security.cert.X509Certificate>();
        for (byte[] der : streams(document, "Certs")) certificates.addAll(CertificateFiles.certificates(der));
        return certificates;
    }

    private static List<byte[]> streams(PDDocument document, String key) {
        COSDictionary dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
        COSArray array = dss == null ? null : dss.getCOSArray(COSName.getPDFName(key));
        var out = new ArrayList<byte[]>();
        if (array == null) return out;
        for (COSBase entry : array) {
            COSBase base = entry instanceof COSObject o ? o.getObject() : entry;
            if (base instanceof COSStream s) try (var in = s.createInputStream()) {
                out.add(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable validation data in the PDF", e);
            }
        }
        return out;
    }
}
