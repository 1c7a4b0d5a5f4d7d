package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.DeleteBucketPolicyArgs;
import io.minio.MinioClient;
import io.minio.SetBucketPolicyArgs;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import ru.journalarchive.app.security.Role;

/**
 * The administrator's archive-run pages in a real Chromium, on the demo school's quarters of 8Б (sealed
 * by the school, so no director is needed): the start form's Russian refusals, a quarter watched on its
 * progress page until every document is in the archive, and a quarter whose two journals the drafts
 * bucket refuses to take (a bucket policy denying writes under their keys, lifted afterwards): they
 * fail with the storage's reason, go to the dead letters while the rest is archived, and are retried,
 * one from the page and one through the API, until the whole quarter is in the archive. And a journal
 * the archive bucket refuses after it was sealed, retried from storing.
 */
class RunPagesTest extends ServiceTestBase {

    static final String CLASS = "c-2025-8b";
    static final String ADMIN = "runs-admin";
    static final String PASSWORD = "runs-admin-password";

    @Autowired
    MinioClient s3;
    @Value("${journal-archive.storage.drafts-bucket}")
    String draftsBucket;
    @Value("${journal-archive.storage.archive-bucket}")
    String archiveBucket;

    @Test
    void anAdministratorIsToldWhatIsWrongWithTheFormAndNothingStarts() throws Exception {
        loadDemoSchoolOnce();
        users.add(ADMIN, PASSWORD, Role.ADMIN, null, "Соколов Андрей Петрович");
        int runs = runCount();
        try (var browser = new Browser(port)) {
            browser.signIn(ADMIN, PASSWORD).open("/admin/runs");
            browser.accessible();

            browser.find("#start-run button[type=submit]").click();
            assertThat(browser.shown("#school-error").getText()).isEqualTo("Укажите школу.");
            assertThat(browser.text("#schoolYear-error")).isEqualTo("Укажите учебный год.");
            assertThat(browser.find("#school").getAttribute("aria-invalid")).isEqualTo("true");
            browser.accessible();

            fill(browser, "nowhere", "2025", "2025-q1", CLASS);
            assertThat(browser.shown("#school-error").getText()).isEqualTo("Школа с кодом «nowhere» не зарегистрирована.");
            assertThat(browser.find("#schoolYear").getAttribute("value")).isEqualTo("2025");

            fill(browser, "demo", " ", "2025-q1", CLASS);
            assertThat(browser.shown("#schoolYear-error").getText()).isEqualTo("Укажите учебный год.");
            assertThat(browser.all("#school-error")).isEmpty();

            fill(browser, "demo", "2019", "2025-q1", CLASS);
            assertThat(browser.shown("#schoolYear-error").getText()).isEqualTo("У школы нет учебного года 2019.");

            fill(browser, "demo", "2025", "2025-q1", "c-2025-8z");
            assertThat(browser.shown("#classId-error").getText()).isEqualTo("Класс c-2025-8z не найден или не учится в этом периоде.");
            // the school year known, its periods and classes are offered
            assertThat(browser.all("#class-choices option").stream().map(o -> o.getAttribute("value"))).contains(CLASS);
            assertThat(browser.all("#period-choices option").stream().map(o -> o.getAttribute("label"))).contains("I четверть, 1–9 классы");

            fill(browser, "demo", "2025", "2025-q9", CLASS);
            assertThat(browser.shown("#periodId-error").getText()).startsWith("В учебном году").endsWith("нет периода 2025-q9.");
            browser.accessible();
        }
        assertThat(runCount()).as("nothing started").isEqualTo(runs);
    }

    @Test
    void anAdministratorStartsAQuarterAndWatchesEveryDocumentReachTheArchive() throws Exception {
        loadDemoSchoolOnce();
        users.add(ADMIN, PASSWORD, Role.ADMIN, null, "Соколов Андрей Петрович");
        try (var browser = new Browser(port)) {
            browser.signIn(ADMIN, PASSWORD).open("/admin/runs");
            browser.find("#school").sendKeys("demo");
            browser.find("#schoolYear").sendKeys("2025");
            browser.find("#periodId").sendKeys("2025-q1");
            browser.find("#classId").sendKeys(CLASS);
            browser.accessible().screenshot("runs-start");
            browser.find("#start-run button[type=submit]").click();

            browser.await(Duration.ofSeconds(15), d -> browser.path().matches("/admin/runs/\\d+"));
            long run = Long.parseLong(browser.path().substring("/admin/runs/".length()));
            int planned = body(admin("GET", "/api/v1/archive-runs/" + run, null)).get("planned").asInt();
            assertThat(planned).isEqualTo(subjects() + paperReports());
            assertThat(browser.text("h1")).isEqualTo("Архивирование № " + run);
            assertThat(browser.text(".run-facts")).contains("Средняя общеобразовательная школа № 18", "2025/26", "I четверть", "8Б", ADMIN);
            browser.accessible();
            // The page is not loaded again from here on: what changes, its script brings.
            browser.script("window.notReloaded = true;");
            browser.await(Duration.ofMinutes(3), d -> count(browser, "ARCHIVED") > 0);
            if (count(browser, "ARCHIVED") < planned) browser.screenshot("runs-progress-running");
            browser.await(Duration.ofMinutes(3), d -> count(browser, "ARCHIVED") == planned);
            browser.await(Duration.ofSeconds(10), d -> browser.text("#run-status").contains("Завершено"));
            assertThat(browser.script("return window.notReloaded === true;")).isEqualTo(true);
            assertThat(browser.text("#run-status")).endsWith(": все " + planned + " документов в архиве.");
            assertThat(browser.text("#run-archived")).isEqualTo(String.valueOf(planned));
            for (String state : List.of("PLANNED", "RENDERED", "AWAITING_SIGNATURE", "APPROVED", "SIGNED", "FAILED"))
                assertThat(count(browser, state)).as(state).isZero();
            assertThat(browser.text("#states tr[data-state=ARCHIVED] td")).isEqualTo("в архиве");
            assertThat(browser.find("#dead-letters").isDisplayed()).isFalse();
            assertThat(browser.text("#refresh-note")).isEqualTo("Запуск завершён.");
            browser.accessible().screenshot("runs-progress");

            // Without the script a reload shows the same.
            var html = page(browser, "/admin/runs/" + run);
            assertThat(html).contains("data-state=\"ARCHIVED\"").contains("все " + planned + " документов в архиве.");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM archived_document WHERE document_id LIKE ?", Integer.class,
                    "%--demo--2025--2025-q1--" + CLASS + "%")).isEqualTo(planned);

            browser.open("/admin/runs");
            var row = browser.find("#runs tr[data-run='" + run + "']");
            assertThat(row.getText()).contains("№ 18", "I четверть", "8Б", "завершён");
            browser.accessible();
        }
    }

    @Test
    void documentsTheDraftsBucketRefusesFailWithTheReasonAndAreRetriedFromThePageAndTheApi() throws Exception {
        loadDemoSchoolOnce();
        users.add(ADMIN, PASSWORD, Role.ADMIN, null, "Соколов Андрей Петрович");
        List<String> subjects = jdbc.queryForList("""
                SELECT DISTINCT sub.source_id FROM curriculum_item ci JOIN school_class c ON c.id = ci.class_id
                JOIN subject sub ON sub.id = ci.subject_id JOIN school s ON s.id = c.school_id
                WHERE s.code = 'demo' AND c.source_id = ? ORDER BY 1 LIMIT 2""", String.class, CLASS);
        String first = "journal--demo--2025--2025-q2--" + CLASS + "--" + subjects.get(0);
        String second = "journal--demo--2025--2025-q2--" + CLASS + "--" + subjects.get(1);
        // The storage refuses the two journals' drafts, as a bucket policy put wrong by an operator would.
        s3.setBucketPolicy(SetBucketPolicyArgs.builder().bucket(draftsBucket).config("""
                {"Version": "2012-10-17", "Statement": [{"Sid": "run-pages-test", "Effect": "Deny", "Principal": "*",
                  "Action": ["s3:PutObject"], "Resource": ["arn:aws:s3:::%1$s/%2$s/*", "arn:aws:s3:::%1$s/%3$s/*"]}]}"""
                .formatted(draftsBucket, first, second)).build());
        try (var browser = new Browser(port)) {
            long run;
            try {
                browser.signIn(ADMIN, PASSWORD).open("/admin/runs");
                fill(browser, "demo", "2025", "2025-q2", CLASS);
                browser.await(Duration.ofSeconds(15), d -> browser.path().matches("/admin/runs/\\d+"));
                run = Long.parseLong(browser.path().substring("/admin/runs/".length()));
                browser.await(Duration.ofMinutes(3), d -> browser.text("#run-status").startsWith("Завершено"));
            } finally {
                s3.deleteBucketPolicy(DeleteBucketPolicyArgs.builder().bucket(draftsBucket).build());
            }
            int planned = body(admin("GET", "/api/v1/archive-runs/" + run, null)).get("planned").asInt();
            assertThat(count(browser, "FAILED")).isEqualTo(2);
            assertThat(count(browser, "ARCHIVED")).isEqualTo(planned - 2);
            assertThat(browser.text("#run-status")).endsWith("в архиве " + (planned - 2) + " из " + planned
                    + ", с ошибкой — 2. Устраните причину и нажмите «Повторить».");
            for (String id : List.of(first, second)) {
                var letter = browser.find("#dead-letters tr[data-document='" + id + "']");
                String subject = id.substring(id.lastIndexOf("--") + 2);
                assertThat(letter.getText()).contains("Классный журнал, предмет " + subject, "5", "put draft " + id + "/draft.pdf",
                        "AccessDenied", "ошибка");
                assertThat(letter.findElements(By.cssSelector("form.retry button"))).hasSize(1);
            }
            assertThat(browser.find("#failing").isDisplayed()).isFalse();
            browser.accessible().screenshot("runs-failed");

            // The API refuses what is no retry: a document of another run, one that did not fail.
            var elsewhere = admin("POST", "/api/v1/archive-runs/" + run + "/documents/" + first.replace("2025-q2", "2025-q1") + "/retry", null);
            assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(404);
            assertThat(body(elsewhere).at("/errors/0/path").asText()).isEqualTo("documentId");
            String archived = jdbc.queryForObject("SELECT m.document_id FROM run_member m JOIN run_document d USING (document_id) "
                    + "WHERE m.run_id = ? AND d.state = 'ARCHIVED' LIMIT 1", String.class, run);
            var notFailed = admin("POST", "/api/v1/archive-runs/" + run + "/documents/" + archived + "/retry", null);
            assertThat(notFailed.statusCode()).as(notFailed.body()).isEqualTo(422);
            assertThat(body(notFailed).at("/errors/0/message").asText()).contains("не в состоянии «ошибка»");
            // and the page a document not of this run
            var foreign = http.send(HttpRequest.newBuilder(uri("/admin/runs/" + run + "/documents/"
                    + URLEncoder.encode("journal--nowhere", StandardCharsets.UTF_8) + "/retry")).header("Cookie", browser.sessionCookie())
                    .header(browser.find("meta[name=_csrf_header]").getAttribute("content"), csrf(browser)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).isEqualTo(404);

            // The cause put right: the first one retried from the page ...
            browser.find("#dead-letters tr[data-document='" + first + "'] form.retry button").click();
            assertThat(browser.shown("p.message[role=status]").getText()).isEqualTo("Документ " + first
                    + " отправлен на повторное формирование.");
            assertThat(browser.text("#run-status")).doesNotStartWith("Завершено");
            // ... the second through the API.
            var retried = admin("POST", "/api/v1/archive-runs/" + run + "/documents/" + second + "/retry", null);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
            assertThat(body(retried).get("finishedAt").isNull()).isTrue();

            browser.script("window.notReloaded = true;");
            browser.await(Duration.ofMinutes(3), d -> count(browser, "ARCHIVED") == planned);
            browser.await(Duration.ofSeconds(10), d -> browser.text("#run-status").contains("Завершено"));
            assertThat(browser.script("return window.notReloaded === true;")).isEqualTo(true);
            assertThat(browser.text("#run-status")).endsWith(": все " + planned + " документов в архиве.");
            assertThat(count(browser, "FAILED")).isZero();
            // The dead letters stay as the record of what happened, now without «Повторить».
            for (String id : List.of(first, second)) {
                var letter = browser.find("#dead-letters tr[data-document='" + id + "']");
                assertThat(letter.getText()).contains("AccessDenied", "в архиве");
                assertThat(letter.findElements(By.cssSelector("form.retry"))).isEmpty();
            }
            browser.accessible().screenshot("runs-retried");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM archived_document WHERE document_id IN (?, ?)", Integer.class,
                    first, second)).isEqualTo(2);
        }
    }

    /**
     * A sealed journal the archive bucket refuses to take: it fails while being stored, after it was
     * signed. Retried, it goes on from storing (signed again by the seal, as the server keeps no signed
     * copy), never back to rendering, and is archived once.
     */
    @Test
    void aDocumentTheArchiveRefusedAfterItWasSealedIsRetriedFromStoringNotRendering() throws Exception {
        loadDemoSchoolOnce();
        String subject = jdbc.queryForObject("""
                SELECT min(sub.source_id) FROM curriculum_item ci JOIN school_class c ON c.id = ci.class_id
                JOIN subject sub ON sub.id = ci.subject_id JOIN school s ON s.id = c.school_id
                WHERE s.code = 'demo' AND c.source_id = ?""", String.class, CLASS);
        String id = "journal--demo--2025--2025-q3--" + CLASS + "--" + subject;
        s3.setBucketPolicy(SetBucketPolicyArgs.builder().bucket(archiveBucket).config("""
                {"Version": "2012-10-17", "Statement": [{"Sid": "run-pages-test", "Effect": "Deny", "Principal": "*",
                  "Action": ["s3:PutObject"], "Resource": ["arn:aws:s3:::%s/demo/2025/2025-q3/%s/journal/%s/*"]}]}"""
                .formatted(archiveBucket, CLASS, id)).build());
        long run;
        try {
            var started = admin("POST", "/api/v1/archive-runs",
                    "{\"school\":\"demo\",\"schoolYear\":\"2025\",\"periodId\":\"2025-q3\",\"classId\":\"" + CLASS + "\"}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            run = body(started).get("id").asLong();
            awaitRun(run, p -> !p.get("finishedAt").isNull());
        } finally {
            s3.deleteBucketPolicy(DeleteBucketPolicyArgs.builder().bucket(archiveBucket).build());
        }
        var failed = jdbc.queryForMap("SELECT state, signer, last_error FROM run_document WHERE document_id = ?", id);
        assertThat(failed.get("state")).isEqualTo("FAILED");
        assertThat(failed.get("signer")).as("it was sealed before the store failed").isEqualTo("МБОУ «СОШ № 18»");
        assertThat((String) failed.get("last_error")).contains("AccessDenied");
        String dataSha256 = jdbc.queryForObject("SELECT data_sha256 FROM run_document WHERE document_id = ?", String.class, id);

        var retried = admin("POST", "/api/v1/archive-runs/" + run + "/documents/" + id + "/retry", null);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(jdbc.queryForObject("SELECT state FROM run_document WHERE document_id = ?", String.class, id)).isIn("SIGNED", "ARCHIVED");
        var done = awaitRun(run, p -> !p.get("finishedAt").isNull());
        assertThat(done.at("/byState/ARCHIVED").asInt()).isEqualTo(done.get("planned").asInt());
        assertThat(jdbc.queryForObject("SELECT data_sha256 FROM run_document WHERE document_id = ?", String.class, id)).isEqualTo(dataSha256);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archived_document WHERE document_id = ?", Integer.class, id)).isEqualTo(1);
    }

    private static void fill(Browser browser, String school, String year, String period, String cls) {
        for (var field : List.of("school", "schoolYear", "periodId", "classId")) browser.find("#" + field).clear();
        browser.find("#school").sendKeys(school);
        browser.find("#schoolYear").sendKeys(year);
        browser.find("#periodId").sendKeys(period);
        browser.find("#classId").sendKeys(cls);
        // the answer is a new page: nothing of the old one may be read for it
        browser.clickAndAwaitNextPage("#start-run button[type=submit]", Duration.ofSeconds(15));
    }

    private static int count(Browser browser, String state) {
        return Integer.parseInt(browser.text("#states tr[data-state=" + state + "] td.number"));
    }

    private static String csrf(Browser browser) {
        return browser.find("meta[name=_csrf]").getAttribute("content");
    }

    private String page(Browser browser, String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", browser.sessionCookie()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private int runCount() {
        return jdbc.queryForObject("SELECT count(*) FROM archive_run", Integer.class);
    }

    private int subjects() {
        return jdbc.queryForObject("""
                SELECT count(DISTINCT ci.subject_id) FROM curriculum_item ci JOIN school_class c ON c.id = ci.class_id
                JOIN school s ON s.id = c.school_id WHERE s.code = 'demo' AND c.source_id = ?""", Integer.class, CLASS);
    }

    private int paperReports() {
        return jdbc.queryForObject("""
                SELECT count(DISTINCT e.student_id) FROM enrollment e JOIN school_class c ON c.id = e.class_id
                JOIN parent_access pa ON pa.student_id = e.student_id JOIN school s ON s.id = c.school_id
                WHERE s.code = 'demo' AND c.source_id = ? AND pa.paper_reports""", Integer.class, CLASS);
    }
}
