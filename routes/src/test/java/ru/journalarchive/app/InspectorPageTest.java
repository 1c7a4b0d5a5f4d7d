package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.storage.catalogue.AuditedRetrieval;

/** The inspector's check in a real Chromium: an archived ledger with its .sig, a tampered copy, the protocol, an archived pick. */
class InspectorPageTest extends ServiceTestBase {

    static final String LEDGER = "summary-ledger--demo--2025--year--c-2025-4c";

    @Autowired
    AuditedRetrieval retrieval;

    @Test
    void anInspectorChecksAnArchivedLedgerWithItsSigThenATamperedCopyAndDownloadsTheProtocol() throws Exception {
        Path dir = archivedLedger();
        Path pdf = dir.resolve("ledger.pdf");
        Path sig = dir.resolve("ledger.pdf.sig");
        byte[] tampered = Files.readAllBytes(pdf);
        int at = tampered.length / 4; // inside the rendered document, long before the signature's own bytes
        tampered[at] = (byte) (tampered[at] ^ 0x20);
        Path copy = Files.write(dir.resolve("ledger-changed.pdf"), tampered);
        Path text = Files.writeString(dir.resolve("notes.txt"), "не PDF");
        users.add("inspector-page", "inspector-page-password", Role.INSPECTOR, null, "Петрова Анна Сергеевна");

        try (var browser = new Browser(port)) {
            browser.signIn("inspector-page", "inspector-page-password").open("/inspector");
            browser.accessible().screenshot("inspector");

            browser.find("#file").sendKeys(text.toString());
            browser.clickAndAwaitNextPage("#upload button", java.time.Duration.ofSeconds(60));
            assertThat(browser.text("#file-error")).startsWith("Это не PDF");

            // Over the upload limit: refused before anything is read into the check, with the message at the field.
            Path huge = dir.resolve("huge.pdf");
            try (var file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
                file.setLength(65L * 1024 * 1024);
            }
            browser.find("#file").sendKeys(huge.toString());
            browser.clickAndAwaitNextPage("#upload button", java.time.Duration.ofSeconds(60));
            assertThat(browser.text("#file-error")).isEqualTo("Файл слишком большой: такой не проверяется.");
            Files.delete(huge);

            browser.find("#file").sendKeys(pdf.toString());
            browser.find("#signature").sendKeys(sig.toString());
            browser.clickAndAwaitNextPage("#upload button", java.time.Duration.ofSeconds(60));
            assertThat(browser.shown("#verdict").getText()).isEqualTo("Подпись подтверждена");
            String result = browser.text("#result");
            assertThat(result).contains("Подпись 1 (в PDF)", "Подпись 2 (открепленная, .sig)", "Лебедева Ирина Викторовна", "Директор",
                    "МБОУ «СОШ № 18»", "12345678901", "9102012345", "подтверждает время", "документ не изменён после подписания",
                    "до доверенного корневого сертификата", "не отозван");
            browser.accessible().screenshot("inspector-valid");

            browser.open("/inspector");
            browser.find("#file").sendKeys(copy.toString());
            browser.find("#signature").sendKeys(sig.toString());
            browser.clickAndAwaitNextPage("#upload button", java.time.Duration.ofSeconds(60));
            assertThat(browser.shown("#verdict").getText()).isEqualTo("Подпись не подтверждена");
            assertThat(browser.text("#result")).contains("документ изменён после подписания");
            browser.accessible().screenshot("inspector-invalid");

            var protocol = http.send(HttpRequest.newBuilder(uri("/inspector/protocol")).header("Cookie", browser.sessionCookie()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(protocol.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
            assertThat(pdftotext(protocol.body())).contains("ledger-changed.pdf", "не подтверждена");

            // A document of the archive, by its number: read through the audit log.
            int reads = jdbc.queryForObject("SELECT count(*) FROM document_read WHERE reader = 'inspector-page'", Integer.class);
            browser.open("/inspector");
            browser.find("#documentId").sendKeys(LEDGER);
            browser.find("#documentId").submit();
            assertThat(browser.shown("#verdict").getText()).isEqualTo("Подпись подтверждена");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM document_read WHERE reader = 'inspector-page'", Integer.class))
                    .isEqualTo(reads + 2);
            browser.open("/inspector");
            browser.find("#documentId").sendKeys("no-such-document");
            browser.find("#documentId").submit();
            assertThat(browser.shown("#documentId-error").getText()).isEqualTo("Документа с номером «no-such-document» в архиве нет.");
        }
    }

    /** The archived ledger of a class signed with the director's server key, and its .sig, as files. */
    private Path archivedLedger() throws Exception {
        assertThat(archivedLedger("c-2025-4c")).isEqualTo(LEDGER);
        Path dir = Files.createTempDirectory("inspector-");
        Files.write(dir.resolve("ledger.pdf"), retrieval.read(LEDGER, "document.pdf", "test:setup", "127.0.0.1"));
        Files.write(dir.resolve("ledger.pdf.sig"), retrieval.read(LEDGER, "document.pdf.sig", "test:setup", "127.0.0.1"));
        return dir;
    }
}
