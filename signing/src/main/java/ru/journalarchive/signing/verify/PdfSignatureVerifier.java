package ru.journalarchive.signing.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    private final CmsSignatureVerifier cms;

    public PdfSignatureVerifier(TrustAnchors trust) {
        this.cms = new CmsSignatureVerifier(trust);
    }

    public VerificationReport verify(byte[] pdf) {
        var reports = new ArrayList<SignatureReport>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDSignature signature : document.getSignatureDictionaries()) reports.addAll(verify(pdf, signature));
        } catch (IOException e) {
            return VerificationReport.unreadable("Файл не является документом PDF: " + e.getMessage());
        }
        return VerificationReport.of(reports);
    }

    private List<SignatureReport> verify(byte[] pdf, PDSignature signature) throws IOException {
        int[] range = signature.getByteRange();
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
        for (SignatureReport report : cms.verify(signed, claimed)) {
            var reasons = new ArrayList<>(report.reasons());
            Verdict verdict = report.verdict();
            if (!COSName.getPDFName("ETSI.CAdES.detached").getName().equals(signature.getSubFilter())
                    && !"adbe.pkcs7.detached".equals(signature.getSubFilter()))
                reasons.add("Формат подписи " + signature.getSubFilter() + " не относится к PAdES/CAdES");
            long end = (long) range[2] + range[3];
            if (range[0] != 0) {
                reasons.add("Подписанный диапазон не начинается с начала файла");
                verdict = Verdict.INVALID;
            } else if (end < pdf.length) {
                String change = ContentComparison.difference(Arrays.copyOf(pdf, (int) end), pdf);
                if (change != null) {
                    reasons.add("Документ изменён после подписания: " + change);
                    verdict = Verdict.INVALID;
                } else {
                    reasons.add("После подписания к документу добавлены изменения, не затрагивающие его содержимое "
                            + "(например, другая подпись)");
                }
            }
            if (verdict != report.verdict()) reasons.set(0, "Подпись не подтверждена");
            result.add(new SignatureReport(verdict, report.integrity(), report.chain(), report.signingTime(),
                    report.timestamp(), reasons, report.certificate(), report.signer()));
        }
        return result;
    }

    /** /Contents is padded with zeros up to the reserved size; the DER parser wants the exact object. */
    private static byte[] trimmed(byte[] contents) throws IOException {
        try (var in = new org.bouncycastle.asn1.ASN1InputStream(contents)) {
            return in.readObject().getEncoded();
        }
    }
}
