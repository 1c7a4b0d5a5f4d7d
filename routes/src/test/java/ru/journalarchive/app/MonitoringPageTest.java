package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.app.run.ArchiveRuns;
import ru.journalarchive.app.run.DocumentKind;
import ru.journalarchive.app.run.PlannedDocument;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.app.signing.SchoolSigningKeys;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.monitoring.MonitoringCountsReader;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.monitoring.MonitoringReportAssembler;
import ru.journalarchive.storage.catalogue.AuditedRetrieval;

/**
 * The education department's dashboard in a real Chromium: a quarter's late-entry teachers, out-of-line
 * period marks and indicators on the page are those of the school's archived, sealed monitoring report
 * (its JSON twin and its PDF text, read through the audit log); the charts are drawn under the CSP; the
 * administrator sees document numbers where the inspector has links; a wrong school is refused at the field.
 */
class MonitoringPageTest extends ServiceTestBase {

    static final String PERIOD = "2025-q2";

    @Autowired
    AuditedRetrieval retrieval;
    @Autowired
    ArchiveRuns runs;
    @Autowired
    SchoolSigningKeys keys;
    @Autowired
    MonitoringCountsReader counts;
    @Autowired
    ReportRules rules;

    @Test
    void theDashboardShowsAQuartersLateTeachersAndOutOfLineMarksWithTheArchivedReportsNumbers() throws Exception {
        loadDemoSchoolOnce();
        // The test server runs without autovacuum: with no statistics on the freshly loaded journal the
        // period marks' query plans nested loops and takes ~30 s a period instead of ~1 s. A service's
        // database has autovacuum on, which analyzes after such a load.
        jdbc.execute("ANALYZE");
        String reportId = archivedMonitoringReport();
        var rollUp = admin("POST", "/api/v1/archive-runs", "{\"school\":\"district\",\"schoolYear\":\"2025\",\"periodId\":\"" + PERIOD + "\"}");
        assertThat(rollUp.statusCode()).as(rollUp.body()).isEqualTo(202);
        awaitRun(body(rollUp).get("id").asLong(), p -> !p.get("finishedAt").isNull());
        String rollUpId = "district-monitoring-report--district--2025--" + PERIOD;

        JsonNode twin = json.readTree(retrieval.read(reportId, "data.json", "test:monitoring", "127.0.0.1"));
        String pdf = pdftotext(retrieval.read(reportId, "document.pdf", "test:monitoring", "127.0.0.1")).replaceAll("\\s+", " ");
        var lateInReport = new ArrayList<List<String>>();
        twin.get("teachers").forEach(t -> {
            if (t.get("late").asInt() > 0)
                lateInReport.add(List.of(t.get("teacherName").asText(), t.get("entries").asText(), t.get("late").asText()));
        });
        var marksInReport = new ArrayList<List<String>>();
        twin.get("disagreements").forEach(d -> marksInReport.add(List.of(d.get("studentName").asText(), d.get("className").asText(),
                d.get("subjectName").asText(), plain(d.get("weightedAverage").decimalValue()), d.get("periodMark").asText())));
        // The demo year has both, or the comparison below would prove little.
        assertThat(lateInReport).isNotEmpty();
        assertThat(marksInReport).isNotEmpty();
        assertThat(pdf).contains(lateInReport.get(0).get(0), marksInReport.get(0).get(0));

        // How long one school and period costs, computed as the dashboard and the run do (no cache here).
        long started = System.nanoTime();
        MonitoringReportAssembler.assemble(counts.read("demo", PERIOD).orElseThrow(), rules);
        System.out.printf("monitoring report of demo for %s computed in %d ms%n", PERIOD, (System.nanoTime() - started) / 1_000_000);

        users.add("inspector-monitoring", "inspector-monitoring-password", Role.INSPECTOR, null, "Соколова Мария Петровна");
        try (var browser = new Browser(port)) {
            browser.signIn("inspector-monitoring", "inspector-monitoring-password").open("/monitoring?school=demo&year=2025");
            long firstLoad = System.nanoTime();
            browser.find("#period-" + PERIOD).click();
            browser.await(Duration.ofSeconds(60), d -> browser.text("#period-title").startsWith("II четверть"));
            System.out.printf("the dashboard for a period, cached: %d ms%n", (System.nanoTime() - firstLoad) / 1_000_000);

            var lateOnPage = browser.all("#late-teachers tbody tr").stream().map(r -> List.of(cell(r, "td.teacher"),
                    cell(r, "td.entries"), cell(r, "td.late"))).toList();
            assertThat(lateOnPage).isEqualTo(lateInReport);
            var marksOnPage = browser.all("#disagreements tbody tr").stream().map(r -> List.of(cell(r, "td.student"),
                    cell(r, "td:nth-child(2)"), cell(r, "td.subject"), plain(new BigDecimal(cell(r, "td.average").replace(',', '.'))),
                    cell(r, "td.period-mark"))).toList();
            assertThat(marksOnPage).isEqualTo(marksInReport);

            // The indicators of the period, and their verdicts in words next to the colour.
            var indicatorRows = browser.all("#period-indicators tbody tr");
            assertThat(indicatorRows).hasSize(twin.get("indicators").size());
            for (int i = 0; i < indicatorRows.size(); i++) {
                JsonNode expected = twin.get("indicators").get(i);
                assertThat(cell(indicatorRows.get(i), "td:nth-child(3)"))
                        .isEqualTo(expected.get("part").asInt() + " из " + expected.get("whole").asInt());
                assertThat(cell(indicatorRows.get(i), "td:nth-child(5)"))
                        .isEqualTo(expected.get("passed").asBoolean() ? "выполнен" : expected.get("whole").asInt() == 0 ? "нет данных" : "ниже порога");
            }
            int column = columnOf(browser, PERIOD);
            var tableRows = browser.all("#indicators tbody tr");
            for (int i = 0; i < twin.get("indicators").size(); i++) {
                JsonNode expected = twin.get("indicators").get(i);
                WebElement cell = tableRows.get(i).findElements(By.cssSelector("td")).get(column);
                if (!expected.get("passed").asBoolean() && expected.get("whole").asInt() > 0)
                    assertThat(cell.getText()).contains("ниже порога");
                else assertThat(cell.getText()).doesNotContain("ниже порога");
            }

            assertThat(browser.find("#period-report a").getAttribute("href")).endsWith("/archive/documents/" + reportId);
            assertThat(browser.find("#period-district a").getAttribute("href")).endsWith("/archive/documents/" + rollUpId);

            // Eight charts, drawn (pixels on each canvas), with no inline style or script refused by the CSP.
            browser.await(Duration.ofSeconds(15), d -> "8".equals(browser.find("#charts").getAttribute("data-drawn")));
            assertThat(browser.all("#charts figure.chart canvas")).hasSize(8);
            Long painted = (Long) browser.script("""
                    const c = document.querySelector('#chart-1 canvas');
                    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    let n = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++; return n;""");
            assertThat(painted).isGreaterThan(500);
            var console = browser.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                    .map(Object::toString).toList();
            assertThat(console).noneMatch(line -> line.contains("Content Security Policy") || line.contains("uPlot"));

            browser.script("window.scrollTo(0, 0)");
            browser.accessible().screenshot("monitoring");
            // The charts alone, in a window tall enough to hold all of them.
            var size = browser.driver.manage().window().getSize();
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1500));
            browser.script("document.getElementById('charts-title').scrollIntoView()");
            Files.write(Browser.SCREENSHOTS.resolve("monitoring-chart.png"),
                    browser.find("#charts").getScreenshotAs(OutputType.BYTES));
            browser.driver.manage().window().setSize(size);

            // A school that is not registered: said at the field, nothing else shown.
            browser.open("/monitoring?school=nowhere");
            assertThat(browser.text("#school-error")).isEqualTo("Школа с кодом «nowhere» не зарегистрирована.");
            assertThat(browser.all("#indicators")).isEmpty();
            browser.accessible();

            // The administrator sees the same numbers; archived documents by number, as their pages are the archive's.
            browser.signOut().signIn("admin", ADMIN_PASSWORD).open("/monitoring?school=demo&year=2025&period=" + PERIOD);
            assertThat(browser.all("#period-report a")).isEmpty();
            assertThat(browser.text("#period-report")).contains(reportId);
            assertThat(browser.all("#late-teachers tbody tr")).hasSize(lateInReport.size());

            // A director works for one school: the district's dashboard is not theirs.
            browser.signOut().signIn(directorOfDemo(), DIRECTOR_PASSWORD).open("/monitoring");
            assertThat(browser.find("h1").getText()).contains("Доступ запрещён");
        }
    }

    @Test
    void aSchoolBelowTheThresholdsIsMarkedInWordsAsWellAsInColour() throws Exception {
        // A small generated school whose journal system sends no timetable and no parents' accounts.
        registry.register("weak", "Школа без расписания");
        String token = registry.issueToken("weak", "journal-system").token();
        for (Batch b : DemoSchoolGenerator.generate(new DemoOptions(7, 40, 2025)).batches()) {
            var stripped = new Batch(b.batchId(), b.school() == null ? null : new Batch.SchoolProfile("МБОУ «Школа без расписания»",
                    "МБОУ «Школа без расписания»", null, null, null, null), b.academicYears(), b.periods(), b.teachers(), b.subjects(),
                    b.classes(), b.students(), b.enrollments(), b.groups(), b.curriculum(), null, b.lessons(), b.marks(),
                    b.attendance(), b.periodMarks(), b.yearDecisions(), null, b.deletions());
            var response = push("weak", token, json.writeValueAsBytes(stripped));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        jdbc.execute("ANALYZE");
        users.add("inspector-weak", "inspector-weak-password", Role.INSPECTOR, null, "Соколова Мария Петровна");
        try (var browser = new Browser(port)) {
            browser.signIn("inspector-weak", "inspector-weak-password").open("/monitoring?school=weak&year=2025");
            var rows = browser.all("#indicators tbody tr");
            for (int row : new int[] {0, 5}) { // schedule fullness, parent accounts
                var cells = rows.get(row).findElements(By.cssSelector("td.cell"));
                assertThat(cells).isNotEmpty().allSatisfy(c -> {
                    assertThat(c.getAttribute("class")).contains("cell-below");
                    assertThat(c.getText()).contains("0,0 %", "ниже порога");
                });
            }
            assertThat(rows.get(1).findElements(By.cssSelector("td.cell"))).allSatisfy(c -> assertThat(c.getText()).doesNotContain("ниже порога"));
            assertThat(browser.all("#period-indicators tbody tr").get(0).getText()).contains("0 из", "ниже порога");
            assertThat(browser.text("#period-report")).isEqualTo("пока не сформирована и не подписана");
            browser.script("window.scrollTo(0, 0)");
            browser.accessible().screenshot("monitoring-below-threshold");
        }
    }

    /**
     * The demo school's sealed monitoring report of the quarter, archived by the run pipeline. A run of
     * the whole school would also render its ~400 journals, and a run of one class plans no monitoring
     * report: the run is started with the school's report as its only document.
     */
    String archivedMonitoringReport() throws Exception {
        var report = PlannedDocument.of(DocumentKind.MONITORING_REPORT, "demo", "2025", PERIOD, null, null, null, keys.hasSeal("demo"));
        assertThat(report.sealed()).isTrue();
        long run = runs.start("demo", "2025", PERIOD, null, "test:monitoring", List.of(report));
        assertThat(awaitRun(run, p -> !p.get("finishedAt").isNull()).at("/byState/ARCHIVED").asInt()).isEqualTo(1);
        return report.documentId();
    }

    /** The index among a row's td cells of the period's column (the first td is the threshold). */
    static int columnOf(Browser browser, String period) {
        var headings = browser.all("#indicators thead th");
        for (int i = 0; i < headings.size(); i++)
            if (!headings.get(i).findElements(By.id("period-" + period)).isEmpty()) return i - 1;
        throw new AssertionError("no column for " + period);
    }

    static String cell(WebElement row, String css) {
        return row.findElement(By.cssSelector(css)).getText().trim();
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
