package ru.journalarchive.app.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import ru.journalarchive.signing.verify.CmsSignatureVerifier;
import ru.journalarchive.app.verification.PackageEvidence;
import ru.journalarchive.signing.verify.ValidationContext;
import ru.journalarchive.signing.verify.DocumentTimeStampReport;
import ru.journalarchive.signing.verify.PdfSignatureVerifier;
import ru.journalarchive.signing.verify.SignatureReport;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.Verdict;
import ru.journalarchive.signing.verify.VerificationReport;
import ru.journalarchive.storage.archive.Manifest;
import ru.journalarchive.storage.archive.ObjectHashes;

/**
 * An archive package as an inspector downloads it ({@code GET /api/v1/documents/{id}/package.zip}):
 * every file against the hashes of its manifest, then the signature inside document.pdf and the
 * detached document.pdf.sig over it. A file missing or changed makes the verdict INVALID. With the
 * package's evidence record ({@link PackageEvidence}) its archive time-stamps prove when the files existed. The manifest's retain-until is the retention the signatures must last.
 */
final class PackageVerification {

    private static final String PDF = "document.pdf";
    private static final String SIGNATURE = "document.pdf.sig";

    private PackageVerification() {}

    static boolean isPackage(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    static VerificationReport verify(byte[] zip, TrustAnchors trust, ValidationContext context) throws IOException {
        var problems = new ArrayList<String>();
        Map<String, byte[]> files = unzip(zip, problems);
        Manifest manifest = checkManifest(files, problems);
        if (manifest != null && manifest.retainUntil() != null) context = context.retainUntil(manifest.retainUntil().toInstant());
        byte[] record = files.get(PackageEvidence.FILE);
        if (record != null && problems.isEmpty()) context = PackageEvidence.withEvidence(context, record, files.get(Manifest.FILE), problems);
        byte[] pdf = files.get(PDF);
        var reports = new ArrayList<VerificationReport>();
        if (pdf == null) {
            problems.add("В пакете нет документа " + PDF);
        } else {
            reports.add(new PdfSignatureVerifier(trust, context).verify(pdf));
            byte[] signature = files.get(SIGNATURE);
            if (signature != null) reports.add(new CmsSignatureVerifier(trust, context).verifyDetached(pdf, signature));
        }

        Verdict verdict = problems.isEmpty() ? Verdict.VALID : Verdict.INVALID;
        var signatures = new ArrayList<SignatureReport>();
        var documentTimestamps = new ArrayList<DocumentTimeStampReport>();
        for (var r : reports) {
            verdict = verdict.and(r.verdict());
            signatures.addAll(r.signatures());
            problems.addAll(r.reasons());
            documentTimestamps.addAll(r.documentTimestamps());
        }
        return new VerificationReport(verdict, signatures, problems, documentTimestamps);
    }

    private static Map<String, byte[]> unzip(byte[] zip, List<String> problems) throws IOException {
        var files = new HashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                // Two entries of one name would let one be checked and the other believed.
                if (files.put(entry.getName(), in.readAllBytes()) != null) problems.add("Файл " + entry.getName() + " в пакете дважды");
            }
        }
        return files;
    }

    /** The manifest, every file checked against it; null when it is missing or unreadable. */
    private static Manifest checkManifest(Map<String, byte[]> files, List<String> problems) {
        byte[] json = files.get(Manifest.FILE);
        if (json == null) {
            problems.add("В пакете нет описи " + Manifest.FILE);
            return null;
        }
        Manifest manifest;
        try {
            manifest = Jackson2ObjectMapperBuilder.json().build().readValue(json, Manifest.class); // as the service reads it
        } catch (IOException e) {
            problems.add("Опись " + Manifest.FILE + " не читается: " + e.getMessage());
            return null;
        }
        for (var entry : manifest.objects()) {
            byte[] file = files.get(entry.name());
            if (file == null) problems.add("В пакете нет файла " + entry.name() + " из описи");
            else if (!entry.sha256().equals(ObjectHashes.sha256(file)) || !entry.streebog256().equals(ObjectHashes.streebog256(file)))
                problems.add("Файл " + entry.name() + " не совпадает с описью пакета");
        }
        return manifest;
    }
}
