package ru.journalarchive.app.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.journalarchive.signing.cades.CadesBaselineB;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.interop.OpenSslGost;
import ru.journalarchive.signing.pades.PadesBaselineB;
import ru.journalarchive.signing.pades.StampPlacement;
import ru.journalarchive.signing.pki.CertificateSubject;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.verify.CmsSignatureVerifier;
import ru.journalarchive.signing.verify.TrustAnchors;

@Command(name = "signing", description = "CAdES-BES sign and verify per second (256 and 512 bit, one thread and all cores), "
        + "PAdES signing of a 100-page PDF, Streebog-256 throughput next to openssl dgst.")
final class SigningBenchmark extends CliCommand {

    @Option(names = "--seconds", paramLabel = "N", description = "Measuring time of each rate.")
    int seconds = 5;

    @Override
    public Integer call() throws Exception {
        PrintStream out = out();
        int threads = Runtime.getRuntime().availableProcessors();
        byte[] document = new byte[200_000];
        new java.util.Random(1).nextBytes(document);
        var now = Instant.now();
        for (GostAlgorithm algorithm : GostAlgorithm.values()) {
            var pki = new TestPki(algorithm, now);
            var signer = pki.issueSigner(CertificateSubject.service("Bench", "Bench"), now.minusSeconds(60), now.plusSeconds(86_400));
            var credentials = pki.credentials(signer);
            var crls = pki.emptyCrls(now);
            var cades = new CadesBaselineB();
            byte[] signature = cades.sign(document, credentials, now, crls);
            var verifier = new CmsSignatureVerifier(new TrustAnchors(List.of(pki.root().certificate()), List.of(), crls));
            for (int t : new int[] {1, threads}) {
                double signs = rate(() -> cades.sign(document, credentials, now, crls), t, seconds);
                double verifies = rate(() -> verifier.verifyDetached(document, signature), t, seconds);
                out.printf("%s, %d thread(s): CAdES-BES sign %7.1f/s, verify (chain + CRLs) %7.1f/s (200 kB document)%n",
                        algorithm, t, signs, verifies);
            }
            if (algorithm == GostAlgorithm.GOST_2012_256) {
                byte[] pdf = hundredPages();
                var pades = new PadesBaselineB();
                var stamp = new StampPlacement(227, 50, 340, 110);
                for (int i = 0; i < 3; i++) pades.sign(pdf, credentials, now, stamp, crls, "bench"); // warm-up
                int n = 10;
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) pades.sign(pdf, credentials, now, stamp, crls, "bench");
                out.printf("PAdES-B sign of a 100-page PDF (%.1f MB): %.1f ms each%n", pdf.length / 1e6,
                        (System.nanoTime() - start) / 1e6 / n);
            }
        }
        streebog(out);
        return 0;
    }

    private static void streebog(PrintStream out) throws Exception {
        Path file = Files.createTempFile("streebog-", ".bin");
        try {
            byte[] chunk = new byte[1 << 20];
            new java.util.Random(2).nextBytes(chunk);
            try (var o = Files.newOutputStream(file)) {
                for (int i = 0; i < 100; i++) o.write(chunk);
            }
            var digest = MessageDigest.getInstance(GostAlgorithm.GOST_2012_256.digestAlgorithm(), GostProvider.get());
            hash(digest, file); // warm-up
            long start = System.nanoTime();
            hash(digest, file);
            double ours = 100 * 1_048_576 / 1e6 / ((System.nanoTime() - start) / 1e9);
            var conf = OpenSslGost.writeConfig(Files.createTempFile("openssl-gost-", ".cnf"));
            var builder = new ProcessBuilder("openssl", "dgst", "-md_gost12_256", file.toString()).redirectErrorStream(true);
            builder.environment().put("OPENSSL_CONF", conf.toString());
            builder.start().waitFor(); // warm the page cache alike
            start = System.nanoTime();
            var process = builder.start();
            process.getInputStream().readAllBytes();
            int code = process.waitFor();
            double openssl = 100 * 1_048_576 / 1e6 / ((System.nanoTime() - start) / 1e9);
            Files.delete(conf);
            out.printf("Streebog-256 over 100 MB: BouncyCastle %.0f MB/s, openssl dgst %s -> ratio %.2f%n", ours,
                    code == 0 ? String.format("%.0f MB/s", openssl) : "failed (exit " + code + ")", ours / openssl);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void hash(MessageDigest digest, Path file) throws Exception {
        byte[] buffer = new byte[1 << 16];
        try (var in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        digest.digest();
    }

    /** Operations per second over {@code seconds} on {@code threads} threads, after a one-second warm-up. */
    private static double rate(Callable<?> operation, int threads, int seconds) throws Exception {
        long warmUntil = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmUntil) operation.call();
        var pool = Executors.newFixedThreadPool(threads);
        try {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            var futures = new ArrayList<Future<Long>>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long n = 0;
                    while (System.nanoTime() < end) {
                        operation.call();
                        n++;
                    }
                    return n;
                }));
            }
            long total = 0;
            for (var f : futures) total += f.get();
            return total / (double) seconds;
        } finally {
            pool.shutdown();
        }
    }

    private static byte[] hundredPages() throws Exception {
        try (var document = new PDDocument();
             var ttf = PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            var font = PDType0Font.load(document, ttf);
            for (int i = 1; i <= 100; i++) {
                var page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (var cs = new PDPageContentStream(document, page)) {
                    cs.setFont(font, 9);
                    for (int line = 0; line < 60; line++) {
                        cs.beginText();
                        cs.newLineAtOffset(40, 800 - line * 13);
                        cs.showText("Лист " + i + ", строка " + line + ": Сложение и вычитание, № 8–11, отметки 5 4 3 н б");
                        cs.endText();
                    }
                }
            }
            var out = new java.io.ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
