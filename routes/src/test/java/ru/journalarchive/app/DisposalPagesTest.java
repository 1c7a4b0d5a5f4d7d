package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.MinioClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.storage.archive.ArchivePackage;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.Manifest;
import ru.journalarchive.storage.archive.PackageWriter;
import ru.journalarchive.storage.catalogue.ArchivedDocument;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.catalogue.LegalHolds;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.retention.RetentionPolicy;
import ru.journalarchive.storage.testing.ShortRetention;

/**
 * The archivist's disposal in a real Chromium: the documents whose retention has run out are offered
 * (held ones are not), an act is prepared from a selection, reviewed with its PDF, refused with a wrong
 * number, and confirmed; a document held between preparation and confirmation is kept. Years of
 * retention cannot pass in a test: the documents are stored under GOVERNANCE in this JVM's archive
 * bucket and their locks shortened to seconds with the bypass right (the shared context stays as it is).
 */
class DisposalPagesTest extends ServiceTestBase {

    static final String PASSWORD = "archivist-disposal-password";
    static final String SUFFIX = "--" + RUN;

    @Autowired
    LockedObjects archive;
    @Autowired
    Catalogue catalogue;
    @Autowired
    PackageWriter writer;
    @Autowired
    MinioClient s3;
    @Autowired
    LegalHolds holds;
    @Autowired
    JournalArchiveProperties properties;

    ArchivePackage document(String id, String kind, String classId, String title, String retentionClass) {
        return new ArchivePackage(id, List.of("disposal" + SUFFIX, classId, kind),
                Map.of("kind", kind, "school", "demo", "school_year", "2025", "class_id", classId, "title", title),
                List.of(new ArchivePackage.PackageFile("document.pdf", "application/pdf", ("%PDF " + id).getBytes(StandardCharsets.UTF_8)),
                        new ArchivePackage.PackageFile("data.json", "application/json", "{}".getBytes(StandardCharsets.UTF_8))),
                retentionClass, LocalDate.of(2026, 6, 30));
    }

    @Test
    void anArchivistPreparesAnActFromASelectionAndConfirmsItByItsNumberAndHeldDocumentsAreKept() throws Exception {
        loadDemoSchoolOnce();
        users.add("archivist-disposal", PASSWORD, Role.ARCHIVIST, null, "Петрова Анна Сергеевна");
        var governance = new PackageWriter(archive, catalogue, new RetentionPolicy(Map.of("journal", 5, "summary-ledger", 25),
                RetentionMode.GOVERNANCE), json, Clock.systemUTC());
        var journal = governance.store(document("journal--c-2025-5a--math" + SUFFIX, "journal", "c-2025-5a",
                "Классный журнал 5А, математика, 2025/26", "journal"));
        var ledger = governance.store(document("summary-ledger--c-2025-9a" + SUFFIX, "summary-ledger", "c-2025-9a",
                "Сводная ведомость 9А, 2025/26", "summary-ledger"));
        var heldLater = governance.store(document("journal--c-2025-7b--russian" + SUFFIX, "journal", "c-2025-7b",
                "Классный журнал 7Б, русский язык, 2025/26", "journal"));
        var notSelected = governance.store(document("journal--c-2025-2a--reading" + SUFFIX, "journal", "c-2025-2a",
                "Классный журнал 2А, литературное чтение, 2025/26", "journal"));
        var held = governance.store(document("journal--c-2025-8v--history" + SUFFIX, "journal", "c-2025-8v",
                "Классный журнал 8В, история, 2025/26", "journal"));
        var young = writer.store(document("journal--c-2025-3a--music" + SUFFIX, "journal", "c-2025-3a",
                "Классный журнал 3А, музыка, 2025/26", "journal"));
        var runsOut = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        for (var d : List.of(journal, ledger, heldLater, notSelected, held))
            ShortRetention.shorten(s3, properties.storage().archiveBucket(), jdbc, d, runsOut);
        holds.place(held.documentId(), "Запрос прокуратуры", "archivist-disposal");
        ShortRetention.waitPast(runsOut);
        var selected = List.of(journal, ledger, heldLater);

        long act;
        try (var browser = new Browser(port)) {
            browser.signIn("archivist-disposal", PASSWORD).open("/archive/disposal");
            assertThat(browser.all("tr[data-document]")).extracting(r -> r.getDomAttribute("data-document"))
                    .as("held and still-kept documents are not offered")
                    .contains(journal.documentId(), ledger.documentId(), heldLater.documentId(), notSelected.documentId())
                    .doesNotContain(held.documentId(), young.documentId());
            String row = browser.text("tr[data-document='" + ledger.documentId() + "']");
            assertThat(row).contains("Сводная ведомость 9А, 2025/26", "школа № 18", "9А", "Сводная ведомость",
                    runsOut.toLocalDate().format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy")));
            assertThat(browser.text("#held-note")).contains("под удержанием");

            browser.find("#prepare").click();
            assertThat(browser.shown("#selection-error").getText()).isEqualTo("Отметьте документы, которые войдут в акт.");
            browser.accessible();

            // One school's documents, and a long list shown in parts.
            browser.open("/archive/disposal?school=other");
            assertThat(browser.all("tr[data-document='" + ledger.documentId() + "']")).isEmpty();
            assertThat(browser.find("#school-filter option[selected]").getText()).isEqualTo("Другая школа");
            browser.open("/archive/disposal?school=demo&size=2");
            assertThat(browser.all("tr[data-document]")).hasSize(2);
            assertThat(browser.text("#more-note")).startsWith("Показаны первые 2 из ");

            browser.open("/archive/disposal");
            for (var d : selected) browser.find("tr[data-document='" + d.documentId() + "'] input").click();
            assertThat(browser.text("#selected-count")).startsWith("Выбрано: 3 из ");
            browser.accessible().screenshot("disposal-eligible");

            // One more is picked, and held by someone else before the click: no act, the reason named, the rest still picked.
            browser.find("tr[data-document='" + notSelected.documentId() + "'] input").click();
            holds.place(notSelected.documentId(), "Проверка", "archivist-other");
            browser.find("#prepare").click();
            assertThat(browser.shown("#selection-error").getText()).contains("Акт не составлен: эти документы больше не подлежат "
                    + "уничтожению.", notSelected.documentId() + ": На документ наложено удержание (legal hold)");
            for (var d : selected) assertThat(browser.find("tr[data-document='" + d.documentId() + "'] input").isSelected()).isTrue();
            assertThat(browser.all("tr[data-document='" + notSelected.documentId() + "']")).isEmpty();
            browser.accessible();
            holds.lift(notSelected.documentId(), "Проверка завершена", "archivist-other");

            browser.find("#prepare").click();
            browser.await(Duration.ofSeconds(60), d -> browser.path().matches("/archive/disposal/acts/\\d+"));
            act = Long.parseLong(browser.path().substring(browser.path().lastIndexOf('/') + 1));

            assertThat(browser.text("h1")).isEqualTo("Акт № " + act + " о выделении к уничтожению");
            assertThat(browser.all("#act-documents tr[data-document]")).extracting(r -> r.getDomAttribute("data-document"))
                    .containsExactlyInAnyOrder(journal.documentId(), ledger.documentId(), heldLater.documentId());
            assertThat(browser.text("#act-status")).isEqualTo("Составлен, ожидает подтверждения");
            assertThat(browser.text("#act-facts")).contains("Петрова Анна Сергеевна (archivist-disposal)");
            var pdf = http.send(HttpRequest.newBuilder(uri(browser.find("#act-pdf").getDomAttribute("href")))
                    .header("Cookie", browser.sessionCookie()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
            String text = pdftotext(pdf.body()).replaceAll("\\s+", " ");
            assertThat(text).contains("о выделении к уничтожению документов", ledger.documentId(), "Сводная ведомость 9А, 2025/26",
                    "2025/26", "Итого: 3 (три) документа.", "Акт составил: Петрова Анна Сергеевна");
            assertThat(text).doesNotContain(notSelected.documentId());
            browser.accessible().screenshot("disposal-act");

            // A wrong number: the message at the field, nothing destroyed.
            browser.find("#number").sendKeys("1" + act);
            browser.find("#confirm-button").click();
            assertThat(browser.shown("#number-error").getText())
                    .isEqualTo("Номер «1" + act + "» не совпадает с номером этого акта. Ничего не удалено.");
            assertThat(browser.find("#number").getDomAttribute("aria-invalid")).isEqualTo("true");
            browser.accessible();
            assertThat(catalogue.find(journal.documentId()).orElseThrow().disposedByAct()).isNull();
            assertThat(versions(journal)).hasSize(3);
            assertThat(jdbc.queryForObject("SELECT status FROM disposal_act WHERE id = ?", String.class, act)).isEqualTo("PREPARED");

            // Meanwhile a court asks for one of them (through the API, as another archivist might).
            var hold = as("archivist-disposal", PASSWORD, "PUT", "/api/v1/documents/" + heldLater.documentId() + "/legal-hold",
                    "{\"held\": true, \"reason\": \"Запрос суда\"}");
            assertThat(hold.statusCode()).as(hold.body()).isEqualTo(200);

            browser.find("#number").clear();
            browser.find("#number").sendKeys(Long.toString(act));
            browser.find("#confirm-button").click();
            assertThat(browser.shown("#outcome #disposed").getText()).isEqualTo("Уничтожено документов: 2.");
            assertThat(browser.path()).isEqualTo("/archive/disposal/acts/" + act);
            assertThat(browser.text("#refused-count")).isEqualTo("Не уничтожено: 1.");
            assertThat(browser.text("#refusals")).contains("Классный журнал 7Б, русский язык, 2025/26", heldLater.documentId(),
                    "Не уничтожен: На документ наложено удержание (legal hold)");
            assertThat(browser.text("#act-status")).isEqualTo("Подтверждён");
            assertThat(browser.all("#confirm")).as("no second confirmation form").isEmpty();
            assertThat(browser.text("#act-documents tr[data-document='" + journal.documentId() + "']")).contains("Уничтожен ");
            browser.accessible().screenshot("disposal-confirmed");

            for (var d : List.of(journal, ledger)) {
                assertThat(versions(d)).as(d.documentId() + " is gone from the bucket").isEmpty();
                assertThat(catalogue.find(d.documentId()).orElseThrow().disposedByAct()).isEqualTo(act);
            }
            assertThat(versions(heldLater)).hasSize(3);
            assertThat(catalogue.find(heldLater.documentId()).orElseThrow().disposedByAct()).isNull();

            browser.open("/archive/disposal");
            assertThat(browser.all("tr[data-document]")).extracting(r -> r.getDomAttribute("data-document"))
                    .contains(notSelected.documentId()).doesNotContain(journal.documentId(), ledger.documentId(), heldLater.documentId());
            assertThat(browser.text("#acts")).contains("№ " + act, "Подтверждён");

            var missing = http.send(HttpRequest.newBuilder(uri("/archive/disposal/acts/" + (act + 1000)))
                    .header("Cookie", browser.sessionCookie()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);

            // The disposal is the archivist's alone: an inspector, who may search the archive, is turned away.
            users.add("inspector-disposal", PASSWORD, Role.INSPECTOR, null, "Кузнецов Илья Андреевич");
            browser.signOut();
            browser.signIn("inspector-disposal", PASSWORD).open("/archive/disposal/acts/" + act);
            assertThat(browser.text("h1")).isEqualTo("Доступ запрещён");
        }

        // The API prepares from a selection too, and names every document it refuses by its place in the request.
        var refused = as("archivist-disposal", PASSWORD, "POST", "/api/v1/disposal/acts", json.writeValueAsString(
                Map.of("documentIds", List.of(notSelected.documentId(), held.documentId(), young.documentId(), journal.documentId()))));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        var errors = new ArrayList<String>();
        body(refused).get("errors").forEach(e -> errors.add(e.get("path").asText() + " " + e.get("message").asText()));
        assertThat(errors).containsExactly(
                "documentIds[1] " + held.documentId() + ": На документ наложено удержание (legal hold)",
                "documentIds[2] " + young.documentId() + ": Срок хранения не истёк: хранится до 01.01.2032",
                "documentIds[3] " + journal.documentId() + ": Уже уничтожен по акту № " + act);
        var empty = as("archivist-disposal", PASSWORD, "POST", "/api/v1/disposal/acts", "{\"documentIds\": []}");
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(body(empty).at("/errors/0/message").asText()).isEqualTo("Не выбрано ни одного документа");

        var prepared = as("archivist-disposal", PASSWORD, "POST", "/api/v1/disposal/acts",
                "{\"documentIds\": [\"" + notSelected.documentId() + "\"]}");
        assertThat(prepared.statusCode()).as(prepared.body()).isEqualTo(201);
        long second = body(prepared).get("id").asLong();
        var confirmed = body(as("archivist-disposal", PASSWORD, "POST", "/api/v1/disposal/acts/" + second + "/confirm", null));
        assertThat(confirmed.get("disposed").asInt()).isEqualTo(1);
        var acts = body(as("archivist-disposal", PASSWORD, "GET", "/api/v1/disposal/acts?limit=5", null));
        assertThat(acts.get(0).get("id").asLong()).isEqualTo(second);
        assertThat(acts.findValues("id").stream().map(n -> n.asLong())).contains(act);
        acts.forEach(a -> {
            if (a.get("id").asLong() == act) {
                assertThat(a.get("status").asText()).isEqualTo("CONFIRMED");
                assertThat(a.get("documents").asInt()).isEqualTo(3);
                assertThat(a.get("disposed").asInt()).isEqualTo(2);
                assertThat(a.get("refused").asInt()).isEqualTo(1);
                assertThat(a.get("preparedBy").asText()).isEqualTo("archivist-disposal");
            }
        });
        var api = json.readTree(http.send(HttpRequest.newBuilder(uri("/api/v1/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        var post = api.at("/paths/~1api~1v1~1disposal~1acts/post");
        assertThat(post.at("/requestBody/required").asBoolean(false)).as("the selection is optional").isFalse();
        assertThat(post.at("/requestBody/content/application~1json/schema/$ref").asText()).endsWith("/Selection");
        assertThat(post.at("/responses").has("201")).isTrue();
        assertThat(post.at("/responses/422/content").has("application/problem+json")).isTrue();

        // What this test made eligible is gone or held now: the other tests of this JVM find nothing of it to destroy.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archived_document WHERE document_id LIKE ? AND retain_until <= now() "
                + "AND NOT legal_hold AND disposed_by_act IS NULL", Integer.class, "%" + SUFFIX)).isZero();
    }

    /** Every stored version under the document's package prefix. */
    List<String> versions(ArchivedDocument d) throws Exception {
        String prefix = d.manifestKey().substring(0, d.manifestKey().length() - Manifest.FILE.length());
        var names = new ArrayList<String>();
        for (var item : s3.listObjects(io.minio.ListObjectsArgs.builder().bucket(properties.storage().archiveBucket()).prefix(prefix)
                .recursive(true).includeVersions(true).build()))
            names.add(item.get().objectName());
        return names;
    }
}
