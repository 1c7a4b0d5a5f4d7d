package ru.journalarchive.reports.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;

/** Independent readers of our PDFs: poppler's pdftotext and pdffonts, and the veraPDF validator. */
public final class PdfTools {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfTools() {}

    /** A word pdftotext found, with its box in points from the top left of its page. */
    public record Word(int page, double xMin, double yMin, double xMax, double yMax, String text) {}

    public static String text(byte[] pdf) {
        return run(pdf, "pdftotext", "-enc", "UTF-8", "-layout", "%in", "-");
    }

    public static List<Word> words(byte[] pdf) {
        String html = run(pdf, "pdftotext", "-enc", "UTF-8", "-bbox", "%in", "-");
        var words = new ArrayList<Word>();
        var pages = html.split("<page ");
        var word = Pattern.compile("<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)</word>");
        for (int p = 1; p < pages.length; p++) {
            var m = word.matcher(pages[p]);
            while (m.find()) {
                words.add(new Word(p, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), unescape(m.group(5))));
            }
        }
        return words;
    }

    /** pdffonts rows: name, type, encoding, emb, sub, uni. */
    public static List<String[]> fonts(byte[] pdf) {
        var rows = new ArrayList<String[]>();
        var lines = run(pdf, "pdffonts", "%in").split("\n");
        for (int i = 2; i < lines.length; i++) {
            if (!lines[i].isBlank()) rows.add(lines[i].trim().split("\\s+"));
        }
        return rows;
    }

    /** The failed veraPDF rules for PDF/A-2b (empty when compliant). */
    public static List<String> pdfA2bFailures(byte[] pdf) {
        try (var parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
             var validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            var result = validator.validate(parser);
            return result.getTestAssertions().stream().filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                    .distinct().toList();
        } catch (Exception e) {
            throw new IllegalStateException("veraPDF could not validate the document", e);
        }
    }

    private static String run(byte[] pdf, String... command) {
        try {
            Path file = Files.createTempFile("ja-", ".pdf");
            try {
                Files.write(file, pdf);
                var args = new ArrayList<String>();
                for (String c : command) args.add(c.equals("%in") ? file.toString() : c);
                var process = new ProcessBuilder(args).redirectErrorStream(false).start();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0)
                    throw new IllegalStateException(command[0] + " failed: "
                            + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + " (Debian package poppler-utils)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
