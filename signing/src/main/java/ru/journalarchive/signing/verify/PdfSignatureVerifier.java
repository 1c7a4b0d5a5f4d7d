package ru.journalarchive.signing.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.security.cert.X509CRL;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;

/**
 * Verifies every signature of a PDF: the CMS over its byte ranges ({@link CmsSignatureVerifier}),
 * that the ranges cover the file up to the signature's revision, and what was added after it. An
 * update that changes what the pages show makes the signature INVALID; one that does not (another
 * signature, metadata) leaves it as it was, with a note.
 */
public final class PdfSignatureVerifier {

    static final String ETSI_RFC3161 = "ETSI.RFC3161";

    private final TrustAnchors trust;
    private final CmsSignatureVerifier cms;
    private final TimeStampCheck timestamps;

    public PdfSignatureVerifier(TrustAnchors trust) {
        this.trust = trust;
        this.cms = new CmsSignatureVerifier(trust);
        this.timestamps = new TimeStampCheck(trust);
    }

    public VerificationReport verify(byte[] pdf) {
        var reports = new ArrayList<SignatureReport>();
        var stamps = new ArrayList<DocumentTimeStampReport>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var stored = SecurityStore.crls(document);
            var crls = new ArrayList<>(trust.crls());
            crls.addAll(stored);
            for (PDSignature signature : document.getSignatureDictionaries()) {
                if (ETSI_RFC3161.equals(signature.getSubFilter())) stamps.add(documentTimeStamp(pdf, signature, crls));
                else reports.addAll(verify(pdf, signature, stored));
            }
        } catch (IOException e) {
            return VerificationReport.unreadable("Файл не является документом PDF: " + e.getMessage());
        }
        return VerificationReport.of(reports, stamps);
    }

    private List<SignatureReport> verify(byte[] pdf, PDSignature signature, List<X509CRL> stored) throws IOException {
        byte[] contents = signature.getContents(pdf);
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)), trimmed(contents));
        } catch (CMSException | RuntimeException e) {
            return List.of(new SignatureReport(Verdict.INVALID, false, ChainStatus.NOT_CHECKED, null, null,
                    List.of("Подпись в PDF не является подписью CMS: " + e.getMessage()), null, null));
        }
        var claimed = signature.getSignDate() == null ? null : signature.getSignDate().toInstant();
        var result = new ArrayList<SignatureReport>();
        for (SignatureReport report : cms.verify(signed, claimed, stored)) {
            var reasons = new ArrayList<>(report.reasons());
            if (!COSName.getPDFName("ETSI.CAdES.detached").getName().equals(signature.getSubFilter())
                    && !"adbe.pkcs7.detached".equals(signature.getSubFilter()))
                reasons.add("Формат подписи " + signature.getSubFilter() + " не относится к PAdES/CAdES");
            Verdict verdict = report.verdict().and(coverage(pdf, signature, reasons));
            if (verdict != report.verdict()) reasons.set(0, "Подпись не подтверждена");
            result.add(new SignatureReport(verdict, report.integrity(), report.chain(), report.signingTime(),
                    report.timestamp(), reasons, report.certificate(), report.signer()));
        }
        return result;
    }

    /** A document time-stamp: its token over the byte ranges, and nothing but validation data or later stamps after it. */
    private DocumentTimeStampReport documentTimeStamp(byte[] pdf, PDSignature signature, List<X509CRL> crls) throws IOException {
        var reasons = new ArrayList<String>();
        java.time.Instant time = timestamps.provenTime(trimmed(signature.getContents(pdf)), signature.getSignedContent(pdf),
                crls, reasons);
        Verdict verdict = (time == null ? Verdict.INDETERMINATE : Verdict.VALID).and(coverage(pdf, signature, reasons));
        reasons.add(0, verdict == Verdict.VALID ? "Штамп времени документа подтверждён" : "Штамп времени документа не подтверждён");
        return new DocumentTimeStampReport(verdict, time, reasons);
    }

    /** INVALID when the ranges do not start the file or what came after them changes what the pages show. */
    private static Verdict coverage(byte[] pdf, PDSignature signature, List<String> reasons) throws IOException {
        int[] range = signature.getByteRange();
        long end = (long) range[2] + range[3];
        if (range[0] != 0) {
            reasons.add("Подписанный диапазон не начинается с начала файла");
            return Verdict.INVALID;
        }
        if (end < pdf.length) {
            String change = ContentComparison.difference(Arrays.copyOf(pdf, (int) end), pdf);
            if (change != null) {
                reasons.add("Документ изменён после подписания: " + change);
                return Verdict.INVALID;
            }
            reasons.add("После подписания к документу добавлены изменения, не затрагивающие его содержимое "
                    + "(например, другая подпись)");
        }
        return Verdict.VALID;
    }

    /** /Contents is padded with zeros up to the reserved size; the DER parser wants the exact object. */
    private static byte[] trimmed(byte[] contents) throws IOException {
        try (var in = new org.bouncycastle.asn1.ASN1InputStream(contents)) {
            return in.readObject().getEncoded();
        }
    }
}
