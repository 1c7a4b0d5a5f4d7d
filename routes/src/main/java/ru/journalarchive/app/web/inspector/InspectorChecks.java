package ru.journalarchive.app.web.inspector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.verification.Verifications;
import ru.journalarchive.signing.verify.VerificationReport;

/**
 * What the inspector's page checks: a PDF's own signatures, and with a detached signature that one too,
 * in one report whose verdict is the worst of them. A file that is no PDF needs its .sig.
 */
@Component
public class InspectorChecks {

    /** The report and, per signature in it, where it was found. */
    public record Checked(VerificationReport report, List<String> sources) {}

    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private final Verifications verifications;

    public InspectorChecks(Verifications verifications) {
        this.verifications = verifications;
    }

    public static boolean isPdf(byte[] file) {
        return file.length >= PDF_HEADER.length && Arrays.equals(file, 0, PDF_HEADER.length, PDF_HEADER, 0, PDF_HEADER.length);
    }

    /** @param signature the detached signature, or null: then file must be a PDF */
    public Checked check(byte[] file, byte[] signature) {
        var reports = new ArrayList<VerificationReport>();
        var sources = new ArrayList<String>();
        if (isPdf(file)) {
            var own = verifications.pdf(file);
            // An unsigned PDF that came with its .sig is judged by the .sig alone.
            if (signature == null || !own.signatures().isEmpty()) add(reports, sources, own, "в PDF");
        }
        if (signature != null) add(reports, sources, verifications.detached(file, signature), "открепленная, .sig");
        var signatures = reports.stream().flatMap(r -> r.signatures().stream()).toList();
        var timestamps = reports.stream().flatMap(r -> r.documentTimestamps().stream()).toList();
        if (signatures.isEmpty()) {
            var reasons = reports.stream().flatMap(r -> r.reasons().stream()).distinct().toList();
            return new Checked(new VerificationReport(reports.get(0).verdict(), List.of(), reasons, timestamps), List.of());
        }
        return new Checked(VerificationReport.of(signatures, timestamps), Collections.unmodifiableList(sources));
    }

    private static void add(List<VerificationReport> reports, List<String> sources, VerificationReport report, String source) {
        reports.add(report);
        report.signatures().forEach(s -> sources.add(source));
    }
}
