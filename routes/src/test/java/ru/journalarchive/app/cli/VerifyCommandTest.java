package ru.journalarchive.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.signing.cades.CadesBaselineB;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.signing.testing.Signers;

/** The inspector's offline {@code verify}: exit codes and the JSON fields fixed in DESIGN.md. */
class VerifyCommandTest {

    @TempDir
    Path dir;

    final Instant now = Instant.now();
    final TestPki pki = new TestPki(GostAlgorithm.GOST_2012_512, now);
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path document;
    Path signature;
    Path root;

    @BeforeEach
    void signADocument() throws Exception {
        var director = pki.issueSigner(Signers.director(), now.minusSeconds(86_400), now.plusSeconds(86_400 * 365));
        byte[] content = "Сводная ведомость 11А".getBytes(StandardCharsets.UTF_8);
        document = Files.write(dir.resolve("ledger.pdf"), content);
        signature = Files.write(dir.resolve("ledger.pdf.sig"),
                new CadesBaselineB().sign(content, pki.credentials(director), now, pki.emptyCrls(now)));
        root = new OpenSsl(dir).pem("root.pem", pki.root().certificate());
    }

    @Test
    void aValidSignatureExitsZeroWithTheJsonOfDesignMd() throws Exception {
        int code = verify("verify", document.toString(), "--detached", signature.toString(), "--trust", root.toString(),
                "--format", "json");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        var json = new ObjectMapper().readTree(out.toByteArray());
        assertThat(json.get("verdict").asText()).isEqualTo("VALID");
        var s = json.get("signatures").get(0);
        assertThat(s.get("integrity").asBoolean()).isTrue();
        assertThat(s.get("chain").asText()).isEqualTo("TRUSTED");
        assertThat(s.get("signingTime").asText()).startsWith(now.toString().substring(0, 16));
        assertThat(s.has("timestamp")).isTrue();
        assertThat(s.get("reasons").isArray()).isTrue();
        for (String field : List.of("serial", "issuer", "notBefore", "notAfter")) assertThat(s.get("certificate").has(field)).isTrue();
        var signer = s.get("signer");
        assertThat(signer.get("commonName").asText()).isEqualTo("Лебедева Ирина Викторовна");
        assertThat(signer.get("surname").asText()).isEqualTo("Лебедева");
        assertThat(signer.get("givenName").asText()).isEqualTo("Ирина Викторовна");
        assertThat(signer.get("title").asText()).isEqualTo("Директор");
        assertThat(signer.get("organization").asText()).isEqualTo("МБОУ «СОШ № 18»");
        assertThat(signer.get("snils").asText()).isEqualTo("12345678901");
        assertThat(signer.get("inn").asText()).isEqualTo("910201234567");
        assertThat(signer.get("innLe").asText()).isEqualTo("9102012345");
        assertThat(signer.get("ogrn").asText()).isEqualTo("1149102012345");
        assertThat(signer.get("email").asText()).isEqualTo("director@school18.example");
    }

    @Test
    void aChangedDocumentExitsOneAndSaysSoInRussian() throws Exception {
        byte[] content = Files.readAllBytes(document);
        content[3] ^= 1;
        Files.write(document, content);
        int code = verify("verify", document.toString(), "--detached", signature.toString(), "--trust", root.toString());
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Итог: подпись не подтверждена",
                "Документ изменён после подписания");
    }

    @Test
    void anUntrustedChainExitsTwo() throws Exception {
        var stranger = new OpenSsl(dir).pem("stranger.pem", new TestPki(GostAlgorithm.GOST_2012_512, now).root().certificate());
        int code = verify("verify", document.toString(), "--detached", signature.toString(), "--trust", stranger.toString(),
                "--format", "json");
        assertThat(code).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(out.toByteArray()).get("signatures").get(0).get("chain").asText())
                .isEqualTo("UNTRUSTED");
    }

    @Test
    void usageErrorsExitSixtyFour() {
        assertThat(verify("verify")).isEqualTo(64);
        assertThat(verify("verify", document.toString(), "--format", "xml")).isEqualTo(64);
        assertThat(verify("verify", dir.resolve("missing.pdf").toString())).isEqualTo(64);
        assertThat(verify("verify", document.toString(), "--trust", dir.resolve("missing.pem").toString())).isEqualTo(64);
        assertThat(verify("verify", document.toString(), "--bogus", "x")).isEqualTo(64);
    }

    @Test
    void theReportCanGoToAFile() throws Exception {
        Path report = dir.resolve("report.json");
        int code = verify("verify", document.toString(), "--detached", signature.toString(), "--trust", root.toString(),
                "--format", "json", "--out", report.toString());
        assertThat(code).isZero();
        assertThat(new ObjectMapper().readTree(report.toFile()).get("verdict").asText()).isEqualTo("VALID");
        assertThat(out.size()).isZero();
    }

    private int verify(String... args) {
        return Cli.run(new ArrayList<>(List.of(args)).toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void thePrintableProtocolSaysWhoSignedAndThatTheDocumentIsUnchanged() throws Exception {
        Path protocol = dir.resolve("protocol.pdf");
        int code = verify("verify", document.toString(), "--detached", signature.toString(), "--trust", root.toString(),
                "--format", "pdf", "--out", protocol.toString());
        assertThat(code).isZero();
        var process = new ProcessBuilder("pdftotext", "-enc", "UTF-8", protocol.toString(), "-").start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertThat(process.waitFor()).isZero();
        assertThat(text).contains("ПРОТОКОЛ ПРОВЕРКИ ЭЛЕКТРОННОЙ ПОДПИСИ", "Файл: ledger.pdf", "Итог: подпись подтверждена",
                "Подписант: Лебедева Ирина Викторовна", "Должность: Директор", "Организация: МБОУ «СОШ № 18»",
                "Документ после подписания: не изменён", "Цепочка сертификатов: доверенная");
    }

    @Test
    void aRevokedSignerExitsOne() throws Exception {
        var revoked = pki.issueSigner(ru.journalarchive.signing.testing.Signers.director(), now.minusSeconds(86_400),
                now.plusSeconds(86_400 * 365));
        byte[] content = Files.readAllBytes(document);
        var crls = new ArrayList<>(pki.emptyCrls(now));
        crls.set(0, pki.crl(now.minusSeconds(60), now.plusSeconds(86_400), java.util.Map.of(revoked.certificate(), now.minusSeconds(30))));
        Files.write(signature, new CadesBaselineB().sign(content, pki.credentials(revoked), now, crls));
        assertThat(verify("verify", document.toString(), "--detached", signature.toString(), "--trust", root.toString(),
                "--format", "json")).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(out.toByteArray()).get("signatures").get(0).get("reasons").toString()).contains("отозван");
    }

    @Test
    void aCertificateExpiredAtSigningExitsOne() throws Exception {
        var expired = pki.issueSigner(ru.journalarchive.signing.testing.Signers.director(), now.minusSeconds(86_400 * 30),
                now.minusSeconds(86_400));
        Files.write(signature, new CadesBaselineB().sign(Files.readAllBytes(document), pki.credentials(expired), now, pki.emptyCrls(now)));
        assertThat(verify("verify", document.toString(), "--detached", signature.toString(), "--trust", root.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("не действовал на момент подписания");
    }

    @Test
    void aPackageIsCheckedAgainstItsManifestAndByBothItsSignatures() throws Exception {
        var director = pki.credentials(pki.issueSigner(Signers.director(), now.minusSeconds(86_400), now.plusSeconds(86_400 * 365)));
        byte[] pdf = new ru.journalarchive.signing.pades.PadesBaselineB().sign(ru.journalarchive.signing.pades.PadesTestDocuments.pdf(1),
                director, now, new ru.journalarchive.signing.pades.StampPlacement(227, 50, 340, 110), pki.emptyCrls(now), "Утверждаю");
        var files = new java.util.LinkedHashMap<String, byte[]>();
        files.put("document.pdf", pdf);
        files.put("document.pdf.sig", new CadesBaselineB().sign(pdf, director, now, pki.emptyCrls(now)));
        files.put("data.json", "{\"class\": \"11А\"}".getBytes(StandardCharsets.UTF_8));
        Path zip = Files.write(dir.resolve("package.zip"), TestPackages.zip(files));
        assertThat(verify("verify", zip.toString(), "--trust", root.toString(), "--format", "json")).as(err.toString()).isZero();
        var json = new ObjectMapper().readTree(out.toByteArray());
        assertThat(json.get("verdict").asText()).isEqualTo("VALID");
        assertThat(json.get("signatures")).hasSize(2);

        var entries = new java.util.LinkedHashMap<>(files);
        entries.put("manifest.json", TestPackages.manifest(files));
        entries.put("data.json", "{\"class\": \"11Б\"}".getBytes(StandardCharsets.UTF_8));
        entries.remove("document.pdf.sig");
        Files.write(zip, TestPackages.entries(entries));
        out.reset();
        assertThat(verify("verify", zip.toString(), "--trust", root.toString(), "--format", "json")).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(out.toByteArray()).get("reasons").toString())
                .contains("Файл data.json не совпадает с описью пакета", "В пакете нет файла document.pdf.sig из описи");
    }

    @Test
    void aTimeStampedPdfExitsZeroWithTheStampsTimeAndAChangedOneExitsOne() throws Exception {
        var tsa = new ru.journalarchive.signing.timestamp.TimeStampAuthority(pki.tsa().credentials(pki.intermediate().certificate(),
                pki.root().certificate()), java.time.Clock.systemUTC());
        var director = pki.issueSigner(ru.journalarchive.signing.testing.Signers.director(), now.minusSeconds(86_400),
                now.plusSeconds(86_400 * 365));
        byte[] pdf = new ru.journalarchive.signing.pades.PadesBaselineB(ru.journalarchive.signing.timestamp.TimeStampClient.local(tsa))
                .sign(ru.journalarchive.signing.pades.PadesTestDocuments.pdf(2), pki.credentials(director), now,
                        new ru.journalarchive.signing.pades.StampPlacement(227, 50, 340, 110), pki.emptyCrls(now), "Утверждаю");
        Path signed = Files.write(dir.resolve("journal.pdf"), pdf);
        assertThat(verify("verify", signed.toString(), "--trust", root.toString(), "--format", "json")).isZero();
        var s = new ObjectMapper().readTree(out.toByteArray()).get("signatures").get(0);
        assertThat(s.get("timestamp").isNull()).isFalse();

        byte[] changed = pdf.clone();
        int at = new String(changed, StandardCharsets.ISO_8859_1).indexOf("/Contents");
        changed[at - 40] ^= 1; // a byte inside the signed range
        Files.write(signed, changed);
        out.reset();
        assertThat(verify("verify", signed.toString(), "--trust", root.toString())).isEqualTo(1);
    }
}
