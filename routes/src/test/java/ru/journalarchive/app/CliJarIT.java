package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import ru.journalarchive.app.cli.TestPackages;
import ru.journalarchive.signing.cades.CadesBaselineB;
import ru.journalarchive.signing.pades.PadesBaselineB;
import ru.journalarchive.signing.pades.PadesTestDocuments;
import ru.journalarchive.signing.pades.StampPlacement;
import ru.journalarchive.signing.testing.Signers;
import ru.journalarchive.signing.timestamp.TimeStampClient;

/**
 * The built jar run as a program runs it, in a process of its own: what a command prints on stdout
 * is its output and nothing else (no log line, no library's notice), so that JSON parses whole.
 */
class CliJarIT {

    static final Path JAR = Path.of(System.getProperty("journal-archive.jar", "target/journal-archive.jar"));
    /** Fails on anything after the JSON; anything before it fails the parse anyway. */
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    @TempDir
    static Path dir;
    static Path root;
    static byte[] pdf;
    static byte[] sig;

    record Run(int exit, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    /** A year-end ledger as the archive keeps it: the PDF signed and time-stamped inside, and its detached .sig. */
    @BeforeAll
    static void signALedger() throws Exception {
        var now = Instant.now();
        var director = TestKeys.PKI.credentials(TestKeys.PKI.issueSigner(Signers.director(), now.minusSeconds(3600),
                now.plusSeconds(86_400)));
        var tsa = TimeStampClient.http(java.net.URI.create("http://127.0.0.1:" + TestKeys.TSA_PORT + "/"), Duration.ofSeconds(10));
        pdf = new PadesBaselineB(tsa).sign(PadesTestDocuments.pdf(2), director, now, new StampPlacement(227, 50, 340, 110),
                TestKeys.PKI.emptyCrls(now), "Утверждаю");
        sig = new CadesBaselineB().sign(pdf, director, now, TestKeys.PKI.emptyCrls(now));
        Files.write(dir.resolve("ledger.pdf"), pdf);
        Files.write(dir.resolve("ledger.pdf.sig"), sig);
        root = TestKeys.DIR.resolve("root.pem");
    }

    @Test
    void verifyOfASignedPdfPrintsOnlyItsJson() throws Exception {
        var run = jar(Map.of(), null, "verify", dir.resolve("ledger.pdf").toString(), "--trust", root.toString(), "--format", "json");
        JsonNode report = json(run);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(report.get("verdict").asText()).isEqualTo("VALID");
        assertThat(report.at("/signatures/0/timestamp").isNull()).as("time-stamped").isFalse();
    }

    @Test
    void verifyOfAFileAndItsDetachedSignaturePrintsOnlyItsJson() throws Exception {
        var run = jar(Map.of(), null, "verify", dir.resolve("ledger.pdf").toString(), "--detached",
                dir.resolve("ledger.pdf.sig").toString(), "--trust", root.toString(), "--format", "json");
        JsonNode report = json(run);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(report.get("verdict").asText()).isEqualTo("VALID");
        assertThat(report.at("/signatures/0/signer/commonName").asText()).isEqualTo("Лебедева Ирина Викторовна");
    }

    @Test
    void verifyOfAnArchivePackagePrintsOnlyItsJson() throws Exception {
        var files = new LinkedHashMap<String, byte[]>();
        files.put("document.pdf", pdf);
        files.put("document.pdf.sig", sig);
        files.put("data.json", "{\"class\": \"11А\"}".getBytes(StandardCharsets.UTF_8));
        Path zip = Files.write(dir.resolve("package.zip"), TestPackages.zip(files));
        var run = jar(Map.of(), null, "verify", zip.toString(), "--trust", root.toString(), "--format", "json");
        JsonNode report = json(run);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(report.get("verdict").asText()).isEqualTo("VALID");
        assertThat(report.get("signatures")).hasSize(2);
    }

    @Test
    void keysPrintsOnlyItsSummaryLine() throws Exception {
        Path pki = dir.resolve("pki");
        var run = jar(Map.of("JA_KEYS_PASSWORD", "пароль-ключей"), null, "keys", "--out", pki.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.text()).isEqualTo("test PKI (GOST R 34.10-2012, 256 bit) written to " + pki.toAbsolutePath() + ": root.pem, "
                + "intermediate.pem, root.crl.pem, intermediate.crl.pem, director.p12, seal.p12, tsa.p12\n");
        assertThat(pki.resolve("director.p12")).exists();
    }

    @Test
    void passwordHashPrintsOnlyTheHash() throws Exception {
        var run = jar(Map.of(), "correct horse battery\n", "password-hash");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.text()).matches("\\{bcrypt}\\$2a\\$\\S+\n");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("correct horse battery", run.text().trim()))
                .isTrue();
    }

    private static JsonNode json(Run run) throws Exception {
        try {
            return JSON.readTree(run.out());
        } catch (Exception e) {
            throw new AssertionError("stdout is not one JSON document:\n" + run.text() + "\nstderr:\n" + run.err(), e);
        }
    }

    private static Run jar(Map<String, String> env, String stdin, String... args) throws Exception {
        assertThat(JAR).as("the fat jar, built by package").exists();
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        var builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.environment().putAll(env);
        var process = builder.start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("exited").isTrue();
        return new Run(process.exitValue(), out, Files.readString(err));
    }
}
