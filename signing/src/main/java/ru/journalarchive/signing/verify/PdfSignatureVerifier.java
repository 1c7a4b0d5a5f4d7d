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

    static final String ETSI_RFC3161 = "ETSI.RFC3161";

    private final TrustAnchors trust;
    private final CmsSignatureVerifier cms;
    private final TimeStampCheck timestamps;

    public PdfSignatureVerifier(TrustAnchors trust) {
        this(trust, ValidationContext.now());
    }

    /** Judged at {@code context}'s validation time; its external proofs are over the whole PDF file. */
    public PdfSignatureVerifier(TrustAnchors trust, ValidationContext context) {
        this.trust = trust;
        this.cms = new CmsSignatureVerifier(trust, context);
        this.timestamps = new TimeStampCheck(trust, new CertificateValidation.Revocation(context.fetcher(trust), false));
    }

    /** A document time-stamp as checked: its report, the proof when valid, and where its ranges end. */
    private record DocumentStamp(DocumentTimeStampReport report, ProofChain.Proof proof, long end) {}

    public VerificationReport verify(byte[] pdf) {
        var reports = new ArrayList<SignatureReport>();
        var stamps = new ArrayList<DocumentStamp>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var stored = new RevocationData(SecurityStore.crls(document), SecurityStore.ocsps(document));
            var storedCertificates = SecurityStore.certificates(document);
            var revocationData = RevocationData.crls(trust.crls()).plus(stored);
            var signatures = new ArrayList<PDSignature>();
            for (PDSignature signature : document.getSignatureDictionaries()) {
                if (ETSI_RFC3161.equals(signature.getSubFilter())) stamps.add(documentTimeStamp(pdf, signature, revocationData));
                else signatures.add(signature);
            }
            stamps.sort(java.util.Comparator.comparingLong(DocumentStamp::end));
            for (PDSignature signature : signatures)
                reports.addAll(verify(pdf, signature, new CmsSignatureVerifier.DocumentData(stored, storedCertificates,
                        covering(stamps, end(signature)))));
        } catch (IOException e) {
            return VerificationReport.unreadable("Файл не является документом PDF: " + e.getMessage());
        }
        return VerificationReport.of(reports, stamps.stream().map(DocumentStamp::report).toList());
    }

    /** The document time-stamps after a signature, in file order, up to the first that does not check out. */
    private static List<ProofChain.Proof> covering(List<DocumentStamp> stamps, long signatureEnd) {
        var proofs = new ArrayList<ProofChain.Proof>();
        for (DocumentStamp stamp : stamps) {
            if (stamp.end() <= signatureEnd) continue;
            if (stamp.proof() == null) break;
            proofs.add(stamp.proof());
        }
        return proofs;
    }

    private static long end(PDSignature signature) {
        int[] range = signature.getByteRange();
        return (long) range[2] + range[3];
    }

    private List<SignatureReport> verify(byte[] pdf, PDSignature signature, CmsSignatureVerifier.DocumentData data)
            throws IOException {
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
        for (SignatureReport report : cms.verify(signed, claimed, data)) {
            var reasons = new ArrayList<>(report.reasons());
            if (!COSName.getPDFName("ETSI.CAdES.detached").getName().equals(signature.getSubFilter())
                    && !"adbe.pkcs7.detached".equals(signature.getSubFilter()))
                reasons.add("Формат подписи " + signature.getSubFilter() + " не относится к PAdES/CAdES");
            Verdict verdict = report.verdict().and(coverage(pdf, signature, reasons));
            if (verdict != report.verdict()) reasons.set(0, "Подпись не подтверждена");
            result.add(new SignatureReport(verdict, report.integrity(), report.chain(), report.signingTime(),
                    report.timestamp(), reasons, report.certificate(), report.signer(), report.level(), report.retentionNote()));
        }
        return result;
    }

    /** A document time-stamp: its token over the byte ranges, and nothing but validation data or later stamps after it. */
    private DocumentStamp documentTimeStamp(byte[] pdf, PDSignature signature, RevocationData revocationData) throws IOException {
        var reasons = new ArrayList<String>();
        var checked = timestamps.check(trimmed(signature.getContents(pdf)), signature.getSignedContent(pdf), revocationData, reasons);
        Verdict verdict = (checked == null ? Verdict.INDETERMINATE : Verdict.VALID).and(coverage(pdf, signature, reasons));
        reasons.add(0, verdict == Verdict.VALID ? "Штамп времени документа подтверждён" : "Штамп времени документа не подтверждён");
        var report = new DocumentTimeStampReport(verdict, checked == null ? null : checked.time(), reasons);
        var proof = verdict == Verdict.VALID
                ? new ProofChain.Proof(ProofChain.Kind.DOCUMENT_TIMESTAMP, checked, "штамп времени документа") : null;
        return new DocumentStamp(report, proof, end(signature));
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
