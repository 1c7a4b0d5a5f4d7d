package ru.journalarchive.app;

import ru.journalarchive.app.connectors.fake.FakeDnevnikRu;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;

/**
 * The administrator's connector pages in a real Chromium against a fake Дневник.ру serving a small school:
 * a source defined through the form (bad input refused in Russian next to its field, nothing written),
 * authorized with the code of the OAuth dialog, synced from the page, its report's per-class counts equal to
 * the API's report, a class whose requests fail shown with its error, a source that keeps failing marked so
 * in the list, and a source disabled and enabled again.
 */
class ConnectorPagesTest extends ServiceTestBase {

    static final String SCHOOL = "conn-" + RUN;
    static final String SOURCE = "dnevnik-" + SCHOOL;
    static final String BROKEN = "broken-" + SCHOOL;

    @Test
    void anAdministratorDefinesAuthorizesAndSyncsASourceAndReadsItsReports() throws Exception {
        DemoData data = DemoSchoolGenerator.generate(new DemoOptions(23, 33, 2025));
        registry.register(SCHOOL, "Школа № 23 (из Дневник.ру)");
        Path secret = FakeDnevnikRu.clientSecretFile();
        try (var fake = new FakeDnevnikRu(data).numbered(); var browser = new Browser(port)) {
            browser.signIn("admin", ADMIN_PASSWORD).open("/admin/connectors");
            browser.accessible();
            int sources = count();

            // Bad input: every message in Russian next to its field, nothing written.
            submit(browser, "#define button");
            assertThat(browser.text("#code-error")).isEqualTo("Код источника: латинские строчные буквы, цифры и дефис, до 60 символов");
            assertThat(browser.text("#school-error")).isEqualTo("Укажите школу");
            assertThat(browser.text("#kind-error")).isEqualTo("Укажите систему: Дневник.ру или «Сетевой город»");
            assertThat(browser.text("#baseUrl-error")).isEqualTo("Укажите адрес API");
            assertThat(browser.text("#remoteSchoolId-error")).isEqualTo("Укажите идентификатор школы в системе");
            assertThat(browser.text("#credentials-error")).isEqualTo("Укажите, где взять учётные данные: env:ПРЕФИКС или file:/путь");
            assertThat(browser.find("#school").getAttribute("aria-invalid")).isEqualTo("true");
            browser.accessible();
            assertThat(count()).isEqualTo(sources);

            var settings = json.writeValueAsString(Map.of("settings", FakeDnevnikRu.quickSettings()));
            fill(browser, "Dnevnik 23", fake.baseUrl(), "file:" + secret, settings);
            assertThat(browser.text("#code-error")).contains("латинские строчные буквы");
            assertThat(browser.all("#school-error, #baseUrl-error, #credentials-error")).isEmpty();
            fill(browser, SOURCE, "ftp://" + fake.baseUrl(), "file:" + secret, settings);
            assertThat(browser.text("#baseUrl-error")).isEqualTo("Адрес API: http(s)://…");
            fill(browser, SOURCE, fake.baseUrl(), FakeDnevnikRu.CLIENT_SECRET, settings);
            assertThat(browser.text("#credentials-error")).startsWith("Ожидается env:ПРЕФИКС");
            fill(browser, SOURCE, fake.baseUrl(), "file:" + secret, "{\"settings\": {\"since\": ");
            assertThat(browser.text("#options-error")).startsWith("Не удалось прочитать JSON");
            assertThat(browser.find("#code").getAttribute("value")).as("the form keeps what was typed").isEqualTo(SOURCE);
            assertThat(count()).as("a refused form writes nothing").isEqualTo(sources);

            fill(browser, SOURCE, fake.baseUrl(), "file:" + secret, settings);
            assertThat(browser.path()).isEqualTo("/admin/connectors/" + SOURCE);
            assertThat(browser.text("#message")).contains("добавлен").contains("Авторизуйте");
            assertThat(count()).isEqualTo(sources + 1);
            assertThat(browser.text("#authorized")).isEqualTo("не авторизован");
            browser.accessible();

            // Authorization: an empty and a wrong code are refused on the page, the dialog's code is exchanged.
            authorize(browser, " ");
            assertThat(browser.text("#authCode-error")).startsWith("Вставьте код");
            authorize(browser, "not-the-code");
            assertThat(browser.all("#authCode-error")).hasSize(1);
            assertThat(browser.text("#authorized")).isEqualTo("не авторизован");
            authorize(browser, FakeDnevnikRu.AUTH_CODE);
            assertThat(browser.text("#message")).contains("авторизован");
            assertThat(browser.text("#authorized")).isEqualTo("авторизован");
            browser.accessible().screenshot("connector-source");

            // A sync from the page: its report's classes with the counts of the API's report.
            long first = syncFromPage(browser, true);
            JsonNode report = apiReport(SOURCE, first);
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("OK");
            assertThat(browser.text("#sync-" + first + " .sync-status")).isEqualTo("успешно");
            assertSameCounts(browser, first, report);
            assertThat(report.at("/totals/applied").asInt()).isPositive();

            // One class's marks answer 500: that class shows its error, the others are applied.
            String failingClass = fake.classIds().get(1);
            fake.fault("edu-groups/" + fake.id(failingClass) + "/marks/", 500, 0, false);
            long second;
            try {
                second = syncFromPage(browser, true);
            } finally {
                fake.clearFaults();
            }
            report = apiReport(SOURCE, second);
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("PARTIAL");
            assertThat(browser.text("#sync-" + second + " .sync-status")).isEqualTo("частично: есть классы со сбоем");
            WebElement line = browser.find("#sync-" + second + " tr[data-remote='" + fake.id(failingClass) + "']");
            assertThat(line.findElement(By.cssSelector(".class-status")).getText()).isEqualTo("сбой");
            assertThat(line.findElement(By.cssSelector(".class-error")).getText()).contains("HTTP 500").contains("/marks/");
            assertSameCounts(browser, second, report);
            // Latest first; the earlier report is there too, folded.
            assertThat(browser.all(".sync-report").get(0).getAttribute("id")).isEqualTo("sync-" + second);
            assertThat(browser.find("#sync-" + first + " details").getAttribute("open")).isNull();
            browser.accessible().screenshot("connector-report");

            // A source that keeps failing (a school Дневник.ру does not know) is marked so in the list.
            var broken = new LinkedHashMap<String, Object>(Map.of("school", SCHOOL, "kind", "DNEVNIK_RU", "baseUrl", fake.baseUrl(),
                    "remoteSchoolId", "4040404", "credentials", "file:" + secret, "settings", FakeDnevnikRu.quickSettings()));
            assertThat(admin("PUT", "/api/v1/admin/connectors/" + BROKEN, json.writeValueAsString(broken)).statusCode()).isEqualTo(201);
            assertThat(admin("POST", "/api/v1/admin/connectors/" + BROKEN + "/authorization",
                    "{\"code\": \"" + FakeDnevnikRu.AUTH_CODE + "\"}").statusCode()).isEqualTo(204);
            browser.open("/admin/connectors/" + BROKEN);
            for (int i = 0; i < 3; i++) {
                long id = syncFromPage(browser, false);
                assertThat(browser.text("#sync-" + id + " .sync-status")).isEqualTo("сбой");
                assertThat(browser.text("#sync-" + id + " .sync-error")).contains("HTTP 404");
            }
            assertThat(browser.text("#failing")).isEqualTo("сбоит: 3 неудачные синхронизации подряд");
            browser.open("/admin/connectors");
            var brokenRow = browser.find("#sources tr[data-code='" + BROKEN + "']");
            assertThat(brokenRow.findElement(By.cssSelector(".failing")).getText()).isEqualTo("сбоит: 3 неудачные синхронизации подряд");
            var row = browser.find("#sources tr[data-code='" + SOURCE + "']");
            assertThat(row.getText()).contains("Дневник.ру").contains(fake.baseUrl()).contains("включён").contains("авторизован");
            assertThat(row.findElements(By.cssSelector(".failing"))).isEmpty();
            assertThat(row.findElement(By.cssSelector(".last-success")).getText()).contains("данные за 01.09.2025 — ");
            browser.accessible().screenshot("connectors");

            // Disabled and enabled again.
            browser.open("/admin/connectors/" + SOURCE);
            submit(browser, "#enable button");
            assertThat(browser.text("#state")).startsWith("выключен");
            assertThat(jdbc.queryForObject("SELECT enabled FROM connector_source WHERE code = ?", Boolean.class, SOURCE)).isFalse();
            submit(browser, "#enable button");
            assertThat(browser.text("#state")).startsWith("включён");
            assertThat(jdbc.queryForObject("SELECT enabled FROM connector_source WHERE code = ?", Boolean.class, SOURCE)).isTrue();
        } finally {
            admin("DELETE", "/api/v1/admin/connectors/" + BROKEN, null);
            admin("DELETE", "/api/v1/admin/connectors/" + SOURCE, null);
        }
    }

    private void fill(Browser browser, String code, String baseUrl, String credentials, String options) {
        browser.find("#code").clear();
        browser.find("#code").sendKeys(code);
        browser.find("#school option[value='" + SCHOOL + "']").click();
        browser.find("#define input[name=kind][value=DNEVNIK_RU]").click();
        browser.find("#baseUrl").clear();
        browser.find("#baseUrl").sendKeys(baseUrl);
        browser.find("#remoteSchoolId").clear();
        browser.find("#remoteSchoolId").sendKeys(FakeDnevnikRu.SCHOOL);
        browser.find("#credentials").clear();
        browser.find("#credentials").sendKeys(credentials);
        browser.find("#options").clear();
        browser.find("#options").sendKeys(options);
        submit(browser, "#define button");
    }

    private void authorize(Browser browser, String code) {
        browser.find("#authCode").clear();
        browser.find("#authCode").sendKeys(code);
        submit(browser, "#authorize button");
    }

    /** Starts a sync with the page's button and waits on the page for its report to be finished; returns its id. */
    private long syncFromPage(Browser browser, boolean full) throws Exception {
        browser.find("#sync input[name=full][value='" + full + "']").click();
        submit(browser, "#sync button");
        assertThat(browser.text("#message")).contains("запущена");
        long id = Long.parseLong(browser.find(".sync-report").getAttribute("id").substring("sync-".length()));
        // The page reloads itself while the sync runs; the test reads it afresh at its own pace.
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String page = browser.path();
        while (!browser.all("#sync-" + id + "[data-running]").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            browser.open(page);
        }
        assertThat(browser.all("#sync-" + id + "[data-running]")).as("sync " + id + " finished").isEmpty();
        return id;
    }

    private JsonNode apiReport(String source, long id) throws Exception {
        return body(admin("GET", "/api/v1/admin/connectors/" + source + "/syncs/" + id, null));
    }

    /** Every class line of the page says what the API's report says: fetched, applied, deleted, rejected, outcome. */
    private void assertSameCounts(Browser browser, long id, JsonNode report) {
        assertThat(browser.all("#sync-" + id + " tr[data-remote]")).hasSize(report.get("classes").size());
        for (JsonNode c : report.get("classes")) {
            WebElement line = browser.find("#sync-" + id + " tr[data-remote='" + c.get("remoteId").asText() + "']");
            for (String column : new String[] {"fetched", "applied", "deleted"})
                assertThat(line.findElement(By.cssSelector("td." + column)).getText()).as(c + " " + column)
                        .isEqualTo(String.valueOf(sum(c.get(column))));
            assertThat(line.findElement(By.cssSelector("td.rejected")).getText())
                    .isEqualTo(String.valueOf(c.has("rejected") ? c.get("rejected").size() : 0));
        }
    }

    private static int sum(JsonNode counts) {
        int sum = 0;
        if (counts != null) for (JsonNode n : counts) sum += n.asInt();
        return sum;
    }

    private void submit(Browser browser, String button) {
        browser.clickAndAwaitNextPage(button, Duration.ofMinutes(2));
    }

    private int count() {
        return jdbc.queryForObject("SELECT count(*) FROM connector_source", Integer.class);
    }
}
