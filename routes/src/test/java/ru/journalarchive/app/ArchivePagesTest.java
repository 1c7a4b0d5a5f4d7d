package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.ObjectHashes;
import ru.journalarchive.storage.archive.StoredVersion;
import ru.journalarchive.storage.catalogue.Catalogue;

/**
 * The archivist's search and a document's page in a real Chromium: find a class's ledger by filters, download its
 * package and check it against the hashes the page shows, place and lift a legal hold (down to the S3 objects),
 * every read in the page's audit list; an inspector reads but holds nothing; a destroyed document says so.
 */
class ArchivePagesTest extends ServiceTestBase {

    static final String PASSWORD = "archive-pages-password";

    @Autowired
    Catalogue catalogue;
    @Autowired
    LockedObjects archive;

    @Test
    void anArchivistFindsALedgerDownloadsItsPackageAndHoldsItThenReleasesIt() throws Exception {
        String ledger = archivedLedger("c-2025-6b");
        users.add("archivist-pages", PASSWORD, Role.ARCHIVIST, null, "Смирнова Ольга Петровна");
        try (var browser = new Browser(port)) {
            browser.signIn("archivist-pages", PASSWORD).open("/archive");
            browser.accessible();
            // A wrong school year: the message at the field, no search.
            browser.find("#schoolYear").sendKeys("двадцать пятый");
            browser.clickAndAwaitNextPage("#search button[type=submit]", java.time.Duration.ofSeconds(60));
            assertThat(browser.shown("#schoolYear-error").getText()).startsWith("Учебный год — год его начала");
            assertThat(browser.all("#results")).isEmpty();

            browser.open("/archive");
            new Select(browser.find("#school")).selectByValue("demo");
            browser.find("#schoolYear").sendKeys("2025/26");
            browser.find("#classId").sendKeys("6Б");
            new Select(browser.find("#kind")).selectByValue("summary-ledger");
            browser.clickAndAwaitNextPage("#search button[type=submit]", java.time.Duration.ofSeconds(60));
            assertThat(browser.shown("#found").getText()).isEqualTo("Найдено: 1 документ");
            assertThat(browser.text("table.hits tbody")).contains("Сводная ведомость", "6Б", "Лебедева Ирина Викторовна", "01.01.2052");
            String bookmark = browser.driver.getCurrentUrl();
            assertThat(bookmark).contains("school=demo", "classId=6%D0%91", "kind=summary-ledger");
            browser.accessible().screenshot("archive-search");

            // The address is the search: opened again, and sorted by a column, the filters stay.
            browser.driver.get(bookmark);
            assertThat(browser.find("table.hits th[aria-sort]").getAttribute("aria-sort")).isEqualTo("descending"); // newest signed first
            browser.clickAndAwaitNextPage("table.hits th:nth-child(1) a", java.time.Duration.ofSeconds(60));
            assertThat(browser.shown("table.hits th[aria-sort=ascending]").getText()).startsWith("Документ");
            assertThat(browser.driver.getCurrentUrl()).contains("classId=6%D0%91", "sort=title");
            assertThat(browser.text("#found")).isEqualTo("Найдено: 1 документ");

            browser.clickAndAwaitNextPage("table.hits tbody a", java.time.Duration.ofSeconds(60));
            assertThat(browser.shown("#retention").getText()).contains("хранить до 01.01.2052", "COMPLIANCE");
            assertThat(browser.path()).isEqualTo("/archive/documents/" + ledger);
            assertThat(browser.text("#metadata")).contains("Сводная ведомость", "школа № 18» (demo)", "2025/26", "6Б (c-2025-6b)");
            assertThat(browser.text("#signature")).contains("Подписан: Лебедева Ирина Викторовна");
            browser.accessible();

            // The package: its files and manifest agree with the hashes the page shows.
            var shown = new LinkedHashMap<String, String[]>();
            for (var row : browser.all("#files tbody tr"))
                shown.put(row.getAttribute("data-file"), new String[] {row.findElement(org.openqa.selenium.By.cssSelector("code.sha256")).getText(),
                        row.findElement(org.openqa.selenium.By.cssSelector("code.streebog")).getText()});
            assertThat(shown.keySet()).containsExactlyInAnyOrder("document.pdf", "document.pdf.sig", "data.json");
            String cookie = browser.sessionCookie();
            var zip = get(cookie, browser.find("#download-package").getAttribute("href"));
            assertThat(zip.statusCode()).isEqualTo(200);
            var files = new LinkedHashMap<String, byte[]>();
            try (var in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) files.put(e.getName(), in.readAllBytes());
            }
            assertThat(files.keySet()).contains("document.pdf", "document.pdf.sig", "data.json", "manifest.json");
            JsonNode manifest = json.readTree(files.get("manifest.json"));
            assertThat(manifest.get("documentId").asText()).isEqualTo(ledger);
            for (var objectEntry : manifest.get("objects")) {
                String name = objectEntry.get("name").asText();
                byte[] bytes = files.get(name);
                assertThat(ObjectHashes.sha256(bytes)).as(name).isEqualTo(shown.get(name)[0]).isEqualTo(objectEntry.get("sha256").asText());
                assertThat(ObjectHashes.streebog256(bytes)).as(name).isEqualTo(shown.get(name)[1])
                        .isEqualTo(objectEntry.get("streebog256").asText());
            }
            assertThat(manifest.get("objects")).hasSize(3);
            var pdf = get(cookie, browser.find("#download-document-pdf").getAttribute("href"));
            assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
            assertThat(pdf.body()).isEqualTo(files.get("document.pdf"));
            assertThat(get(cookie, browser.find("#download-document-pdf-sig").getAttribute("href")).body()).isEqualTo(files.get("document.pdf.sig"));
            assertThat(get(cookie, browser.find("#download-data-json").getAttribute("href")).body()).isEqualTo(files.get("data.json"));

            // A hold needs a reason: without one the page says so and nothing is written.
            browser.clickAndAwaitNextPage("#hold-form button", java.time.Duration.ofSeconds(60));
            assertThat(browser.shown("#reason-error").getText()).startsWith("Укажите причину удержания");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM legal_hold_event WHERE document_id = ?", Integer.class, ledger)).isZero();
            browser.find("#reason").sendKeys("Запрос суда № 2-123/2031");
            browser.clickAndAwaitNextPage("#hold-form button", java.time.Duration.ofSeconds(60));
            assertThat(browser.shown("#confirm-reason").getText()).isEqualTo("Запрос суда № 2-123/2031");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM legal_hold_event WHERE document_id = ?", Integer.class, ledger))
                    .as("not before the confirmation").isZero();
            browser.accessible().screenshot("archive-hold-confirm");
            browser.clickAndAwaitNextPage("#confirm", java.time.Duration.ofSeconds(60));
            assertThat(browser.shown("#hold-history").getText()).contains("наложено", "Запрос суда № 2-123/2031",
                    "Смирнова Ольга Петровна (archivist-pages)");
            assertThat(browser.text("#hold-state")).startsWith("Удержание наложено");
            assertThat(heldOnS3(ledger)).containsOnly(true);

            // Every read made so far is in the page's audit list, with who and from where.
            int reads = jdbc.queryForObject("SELECT count(*) FROM document_read WHERE document_id = ?", Integer.class, ledger);
            assertThat(browser.all("#read-audit tbody tr")).hasSize(reads);
            assertThat(browser.text("#read-audit")).contains("Смирнова Ольга Петровна (archivist-pages)", "document.pdf.sig", "data.json",
                    "127.0.0.1", "выдан");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM document_read WHERE document_id = ? AND reader = 'archivist-pages'",
                    Integer.class, ledger)).isEqualTo(6); // the three files of the package, then each alone
            browser.accessible().screenshot("archive-document");

            browser.find("#reason").sendKeys("Решение суда вступило в силу");
            browser.clickAndAwaitNextPage("#hold-form button", java.time.Duration.ofSeconds(60));
            browser.clickAndAwaitNextPage("#confirm", java.time.Duration.ofSeconds(60));
            assertThat(browser.shown("#hold-history").getText()).contains("снято", "Решение суда вступило в силу");
            assertThat(browser.all("#hold-history tbody tr")).hasSize(2);
            assertThat(browser.text("#hold-state")).isEqualTo("Удержания нет.");
            assertThat(heldOnS3(ledger)).containsOnly(false);
        }
    }

    @Test
    void anInspectorSearchesAndReadsButHoldsNothingAndADestroyedDocumentHasNoFiles() throws Exception {
        String ledger = archivedLedger("c-2025-3b");
        users.add("inspector-pages", PASSWORD, Role.INSPECTOR, null, "Кузнецов Илья Андреевич");
        // A catalogue row of a document destroyed by act № N: what is left after a disposal (DisposalTest does a real one).
        long act = jdbc.queryForObject("""
                INSERT INTO disposal_act (as_of, prepared_at, prepared_by, act_pdf, act_sha256, status, confirmed_at, confirmed_by)
                VALUES (now(), now(), 'archivist', '\\x00', '00', 'CONFIRMED', now(), 'archivist') RETURNING id""", Long.class);
        String destroyed = "destroyed-" + ledger;
        jdbc.update("""
                INSERT INTO archived_document (document_id, kind, school, school_year, class_id, title, bucket, manifest_key,
                    manifest_version, objects, retention_class, retention_mode, retain_until, created_at, signed_at, signer, disposed_by_act)
                SELECT ?, kind, school, school_year, class_id, 'Уничтоженный журнал 3Б', bucket, manifest_key, manifest_version, objects,
                    retention_class, retention_mode, retain_until, created_at, signed_at, signer, ? FROM archived_document WHERE document_id = ?""",
                destroyed, act, ledger);
        try (var browser = new Browser(port)) {
            browser.signIn("inspector-pages", PASSWORD).open("/archive?school=demo&schoolYear=2025&classId=3%D0%91");
            assertThat(browser.shown("#found").getText()).isEqualTo("Найдено: 1 документ");
            browser.find("#disposed").click();
            browser.clickAndAwaitNextPage("#search button[type=submit]", java.time.Duration.ofSeconds(60));
            assertThat(browser.shown("#found").getText()).isEqualTo("Найдено: 2 документа");
            assertThat(browser.text("table.hits")).contains("Уничтоженный журнал 3Б", "уничтожен по акту № " + act);
            browser.accessible();

            browser.open("/archive/documents/" + ledger);
            assertThat(browser.shown("#retention").getText()).contains("хранить до");
            assertThat(browser.all("#hold-form")).as("an inspector places no hold").isEmpty();
            assertThat(browser.all("#download-package")).hasSize(1);
            String cookie = browser.sessionCookie();
            String csrf = browser.find("meta[name=_csrf]").getAttribute("content");
            var post = http.send(HttpRequest.newBuilder(uri("/archive/documents/" + ledger + "/legal-hold"))
                    .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&held=true&reason=x&confirmed=true")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(catalogue.find(ledger).orElseThrow().legalHold()).isFalse();

            // The inspector's read is audited and listed like anyone's.
            assertThat(get(cookie, "/archive/documents/" + ledger + "/files/document.pdf").statusCode()).isEqualTo(200);
            browser.open("/archive/documents/" + ledger);
            assertThat(browser.shown("#read-audit").getText()).contains("Кузнецов Илья Андреевич (inspector-pages)", "document.pdf");

            browser.open("/archive/documents/" + destroyed);
            assertThat(browser.shown("#disposed").getText()).contains("уничтожен по акту № " + act);
            assertThat(browser.all("#download-package")).isEmpty();
            assertThat(browser.all("#files a")).isEmpty();
            assertThat(browser.all("#verify")).isEmpty();
            browser.accessible();
            assertThat(get(cookie, "/archive/documents/" + destroyed + "/files/document.pdf").statusCode()).isEqualTo(410);
            assertThat(get(cookie, "/archive/documents/" + destroyed + "/package.zip").statusCode()).isEqualTo(410);
            assertThat(get(cookie, "/archive/documents/no-such-document").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<byte[]> get(String cookie, String url) throws Exception {
        var target = url.startsWith("http") ? java.net.URI.create(url) : uri(url);
        return http.send(HttpRequest.newBuilder(target).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Whether S3 holds each object of the package, the manifest too. */
    private java.util.List<Boolean> heldOnS3(String id) {
        var document = catalogue.find(id).orElseThrow();
        var held = new java.util.ArrayList<Boolean>();
        document.objects().values().forEach(e -> held.add(archive.isHeld(new StoredVersion(e.key(), e.versionId(), e.size()))));
        held.add(archive.isHeld(new StoredVersion(document.manifestKey(), document.manifestVersion(), 0)));
        return held;
    }
}
