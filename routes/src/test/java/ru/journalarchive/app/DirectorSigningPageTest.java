package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.app.run.ArchiveRuns;
import ru.journalarchive.app.run.RunDocument;
import ru.journalarchive.signing.pki.CertificateSubject;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.signing.testing.Signers;
import ru.journalarchive.storage.catalogue.AuditedRetrieval;
import ru.journalarchive.storage.catalogue.Catalogue;

/**
 * The director's signing page in a real Chromium. The CryptoPro plug-in, a boundary we do not own, is
 * played by a fake injected before each page loads ({@link FakeCryptoProPlugin}); the signatures it
 * returns are real GOST CMS made with a test key, and OpenSSL checks what ends up in the archive.
 */
class DirectorSigningPageTest extends ServiceTestBase {

    @Autowired
    ArchiveRuns runs;
    @Autowired
    Catalogue catalogue;
    @Autowired
    AuditedRetrieval retrieval;

    @Test
    void theDirectorSignsAWholeClassOnATokenThroughAFakeCryptoProPluginAndOpenSslVerifiesTheArchive() throws Exception {
        loadDemoSchoolOnce();
        long run = yearEnd("c-2025-2b");
        var director = PKI.issueSigner(Signers.director(), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400));
        var plugin = new FakeCryptoProPlugin(List.of(token(director)));
        try (var browser = new Browser(port)) {
            plugin.install(browser);
            browser.signIn(directorOfDemo(), DIRECTOR_PASSWORD);
            assertThat(browser.path()).isEqualTo("/");
            browser.accessible().screenshot("start-director");
            browser.find("ul.tiles a").click();
            assertThat(browser.path()).isEqualTo("/schools/demo/signing");

            var group = browser.find("fieldset[data-class='c-2025-2b']");
            var ids = group.findElements(By.cssSelector(".select-document")).stream().map(e -> e.getAttribute("value")).toList();
            assertThat(ids).hasSize(planned(run)).contains("summary-ledger--demo--2025--year--c-2025-2b");
            assertThat(group.getText()).contains("2Б класс", "Сводная ведомость", "Классный журнал");

            // The preview opens the very PDF that waits for the signature, inline.
            String preview = browser.find("tr[data-document='summary-ledger--demo--2025--year--c-2025-2b'] a").getAttribute("href");
            var pdf = http.send(HttpRequest.newBuilder(java.net.URI.create(preview)).header("Cookie", browser.sessionCookie()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");
            assertThat(pdftotext(pdf.body())).contains("2Б");

            group.findElement(By.cssSelector(".select-class")).click();
            assertThat(browser.text("#selected-count")).isEqualTo("Выбрано: " + ids.size());
            // One certificate in the store: chosen at once, its owner shown, nothing to confirm.
            browser.await(Duration.ofSeconds(15), d -> browser.find("#sign-token").isEnabled());
            assertThat(browser.text("#certificate-details")).contains("Лебедева Ирина Викторовна", "Директор");
            assertThat(browser.find("#certificate-warning").isDisplayed()).isFalse();
            browser.accessible().screenshot("director-signing").screenshot("director-signing-tablet", 820);

            browser.find("#sign-token").click();
            int signatures = plugin.serve(browser, Duration.ofMinutes(4), () -> browser.text("#batch-text").startsWith("Готово"));
            assertThat(signatures).as("the PDF and its .sig per document").isEqualTo(2 * ids.size());
            assertThat(browser.text("#batch-text")).isEqualTo("Готово. Подписано и передано в архив: " + ids.size() + ".");
            assertThat(group.findElements(By.cssSelector(".outcome.done"))).hasSize(ids.size());
            browser.accessible().screenshot("director-signed");
        }
        assertThat(awaitRun(run, p -> !p.get("finishedAt").isNull()).at("/byState/ARCHIVED").asInt()).isEqualTo(planned(run));
        assertOpenSslVerifies("summary-ledger--demo--2025--year--c-2025-2b");
        assertThat(catalogue.find("summary-ledger--demo--2025--year--c-2025-2b").orElseThrow().metadata().get("signer"))
                .isEqualTo("Лебедева Ирина Викторовна, Директор");
    }

    @Test
    void theDirectorSignsAWholeClassWithTheKeyHeldOnTheServer() throws Exception {
        loadDemoSchoolOnce();
        long run = yearEnd("c-2025-2c");
        try (var browser = new Browser(port)) {
            browser.signIn(directorOfDemo(), DIRECTOR_PASSWORD).open("/schools/demo/signing");
            var group = browser.find("fieldset[data-class='c-2025-2c']");
            group.findElement(By.cssSelector(".select-class")).click();
            browser.find("#sign-server").click();
            browser.await(Duration.ofMinutes(4), d -> browser.text("#batch-text").startsWith("Готово"));
            assertThat(browser.text("#batch-text")).isEqualTo("Готово. Подписано и передано в архив: " + planned(run) + ".");
        }
        assertThat(awaitRun(run, p -> !p.get("finishedAt").isNull()).at("/byState/ARCHIVED").asInt()).isEqualTo(planned(run));
        assertOpenSslVerifies("summary-ledger--demo--2025--year--c-2025-2c");
    }

    @Test
    void aMissingPluginNoCertificateACancelledPinARemovedTokenAndAnExpiredCertificateEachSayWhyAndSignNothing() throws Exception {
        loadDemoSchoolOnce();
        long run = yearEnd("c-2025-4b");
        String ledger = "summary-ledger--demo--2025--year--c-2025-4b";
        var director = PKI.issueSigner(Signers.director(), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400));

        try (var browser = new Browser(port)) { // no fake: the plug-in is simply not there
            browser.signIn(directorOfDemo(), DIRECTOR_PASSWORD).open("/schools/demo/signing");
            browser.await(Duration.ofSeconds(15), d -> browser.find("#plugin-missing").isDisplayed());
            assertThat(browser.text("#plugin-missing")).contains("КриптоПро ЭЦП Browser plug-in не найден", "cryptopro.ru");
            browser.accessible().screenshot("director-no-plugin");
        }
        try (var browser = withPlugin(new FakeCryptoProPlugin(List.of()))) {
            browser.await(Duration.ofSeconds(15), d -> browser.find("#certificate-error").isDisplayed());
            assertThat(browser.text("#certificate-error")).contains("нет сертификатов с закрытым ключом");
        }
        for (var plugin : List.of(new FakeCryptoProPlugin(List.of(token(director))).cancelPin(),
                new FakeCryptoProPlugin(List.of(token(director))).tokenRemoved())) {
            try (var browser = withPlugin(plugin)) {
                browser.find("tr[data-document='" + ledger + "'] .select-document").click();
                browser.await(Duration.ofSeconds(15), d -> browser.find("#sign-token").isEnabled());
                browser.find("#sign-token").click();
                browser.await(Duration.ofSeconds(30), d -> browser.text("#batch-text").startsWith("Подписание остановлено"));
                assertThat(browser.text("tr[data-document='" + ledger + "'] .outcome"))
                        .isIn("Ввод PIN-кода отменён: документ не подписан.", "Токен с ключом недоступен: вставьте его и продолжите подписание.");
            }
        }
        var expired = PKI.issueSigner(Signers.director(), Instant.now().minusSeconds(3 * 86_400), Instant.now().minusSeconds(86_400));
        try (var browser = withPlugin(new FakeCryptoProPlugin(List.of(token(expired))))) {
            browser.await(Duration.ofSeconds(15), d -> browser.find("#certificate-error").isDisplayed());
            assertThat(browser.text("#certificate-error")).startsWith("Срок действия сертификата истёк");
            assertThat(browser.find("#sign-token").isEnabled()).isFalse();
            browser.accessible().screenshot("director-expired-certificate");
        }
        var stranger = PKI.issueSigner(new CertificateSubject("Смирнов Пётр Ильич", "Смирнов", "Пётр Ильич", "Завуч",
                "МБОУ «СОШ № 18»", null, null, null, null, null, null, null, null, null, null),
                Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400));
        try (var browser = withPlugin(new FakeCryptoProPlugin(List.of(token(stranger))))) {
            browser.await(Duration.ofSeconds(15), d -> browser.find("#certificate-warning").isDisplayed());
            assertThat(browser.text("#certificate-warning")).contains("Смирнов Пётр Ильич", "Лебедева Ирина Викторовна");
            browser.find("tr[data-document='" + ledger + "'] .select-document").click();
            assertThat(browser.find("#sign-token").isEnabled()).as("not before the director confirms").isFalse();
            browser.find("#confirm-owner").click();
            assertThat(browser.find("#sign-token").isEnabled()).isTrue();
        }
        assertThat(runs.awaitingSignature("demo").stream().filter(d -> d.plan().classId().equals("c-2025-4b")).toList())
                .as("nothing signed").hasSize(planned(run)).allSatisfy(d -> assertThat(d.state()).isEqualTo(RunDocument.State.AWAITING_SIGNATURE));
    }

    private Browser withPlugin(FakeCryptoProPlugin plugin) throws Exception {
        var browser = new Browser(port);
        plugin.install(browser);
        browser.signIn(directorOfDemo(), DIRECTOR_PASSWORD).open("/schools/demo/signing");
        return browser;
    }

    private static FakeCryptoProPlugin.Token token(ru.journalarchive.signing.pki.TestPki.Issued signer) {
        return new FakeCryptoProPlugin.Token(signer.certificate(), signer.keys().getPrivate(), List.of(PKI.intermediate().certificate()));
    }

    /** The class's year-end run, rendered and waiting for the director. */
    private long yearEnd(String classId) throws Exception {
        long run = body(admin("POST", "/api/v1/archive-runs", "{\"school\":\"demo\",\"schoolYear\":\"2025\",\"classId\":\"" + classId + "\"}"))
                .get("id").asLong();
        awaitRun(run, p -> p.at("/byState/AWAITING_SIGNATURE").asInt() == p.get("planned").asInt());
        return run;
    }

    private int planned(long run) throws Exception {
        return body(admin("GET", "/api/v1/archive-runs/" + run, null)).get("planned").asInt();
    }

    /** OpenSSL with the gost engine, independent of our code: the PDF's embedded signature and the detached .sig. */
    private void assertOpenSslVerifies(String documentId) throws Exception {
        var openssl = new OpenSsl(Files.createDirectories(KEYS.resolve("page-" + System.nanoTime())));
        openssl.write("root.pem", Files.readAllBytes(KEYS.resolve("root.pem")));
        byte[] pdf = retrieval.read(documentId, "document.pdf", "test:inspector", "127.0.0.1");
        openssl.write("document.pdf", pdf);
        openssl.write("document.pdf.sig", retrieval.read(documentId, "document.pdf.sig", "test:inspector", "127.0.0.1"));
        var detached = openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", "document.pdf.sig", "-content",
                "document.pdf", "-CAfile", "root.pem", "-purpose", "any", "-out", "/dev/null");
        assertThat(detached.exitCode()).as(detached.output()).isZero();
        try (var document = Loader.loadPDF(pdf)) {
            var signatures = new ArrayList<>(document.getSignatureDictionaries());
            // The last revision is the document time-stamp (PAdES-LTA) over the signed file and its validation data.
            var stamp = signatures.remove(signatures.size() - 1);
            assertThat(stamp.getSubFilter()).isEqualTo("ETSI.RFC3161");
            openssl.write("stamped.bin", stamp.getSignedContent(pdf));
            try (var in = new org.bouncycastle.asn1.ASN1InputStream(stamp.getContents(pdf))) {
                openssl.write("doc-ts.der", in.readObject().getEncoded());
            }
            openssl.pem("chain.pem", PKI.intermediate().certificate());
            assertThat(openssl.run("ts", "-verify", "-data", "stamped.bin", "-in", "doc-ts.der", "-token_in", "-CAfile", "root.pem",
                    "-untrusted", "chain.pem").output()).contains("Verification: OK");
            var director = signatures.get(signatures.size() - 1);
            openssl.write("ranges.bin", director.getSignedContent(pdf));
            try (var in = new org.bouncycastle.asn1.ASN1InputStream(director.getContents(pdf))) {
                openssl.write("embedded.der", in.readObject().getEncoded());
            }
            var embedded = openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", "embedded.der", "-content", "ranges.bin",
                    "-CAfile", "root.pem", "-purpose", "any", "-out", "/dev/null");
            assertThat(embedded.exitCode()).as(embedded.output()).isZero();
        }
    }
}
