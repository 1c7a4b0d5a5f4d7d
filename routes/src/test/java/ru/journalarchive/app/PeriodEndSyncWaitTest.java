package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.connectors.ConnectorSource;
import ru.journalarchive.app.connectors.ConnectorSources;
import ru.journalarchive.app.connectors.SourceKind;
import ru.journalarchive.app.connectors.SyncReport;
import ru.journalarchive.app.connectors.SyncReports;
import ru.journalarchive.app.run.PeriodEnds;

/**
 * The period-end run of a school whose journal a connector pulls waits for a successful sync past the
 * period's end, up to journal-archive.runs.wait-for-sync, then starts with a note; other schools do not wait.
 * The schools' calendars lie in 2019, before every other test's, so only their runs become due here.
 */
class PeriodEndSyncWaitTest extends ServiceTestBase {

    static final LocalDate Q1_END = LocalDate.of(2019, 10, 25);
    static final LocalDate Q2_END = LocalDate.of(2019, 12, 27);

    @Autowired
    PeriodEnds periodEnds;
    @Autowired
    ConnectorSources sources;
    @Autowired
    SyncReports reports;
    @Autowired
    JournalArchiveProperties properties;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry metrics;

    @Test
    void aSchoolWithASourceWaitsForASyncPastThePeriodEndThenStartsAnywayWithANote() throws Exception {
        long grace = properties.runs().gracePeriod().toDays();
        long wait = properties.runs().waitForSync().toDays();
        registerWithCalendar("syncwait", "Школа с коннектором");
        sources.save(new ConnectorSource("dnevnik-syncwait", "syncwait", SourceKind.DNEVNIK_RU, "http://127.0.0.1:9", "1001",
                Map.of(), "env:SYNCWAIT", ConnectorSource.Mappings.none(), ConnectorSource.Settings.none(), true, null, 0, false));
        sync("dnevnik-syncwait", LocalDate.of(2019, 9, 1), LocalDate.of(2019, 10, 20), "OK");
        // Syncs that reached past the period's end but did not succeed (every class) do not count.
        sync("dnevnik-syncwait", LocalDate.of(2019, 10, 14), LocalDate.of(2019, 10, 27), "PARTIAL");
        sync("dnevnik-syncwait", LocalDate.of(2019, 10, 14), LocalDate.of(2019, 10, 27), "FAILED");

        // (1) Due, but the last successful sync ended before the period's end: no run, and the reason is given.
        LocalDate q1Due = Q1_END.plusDays(grace);
        var outcome = periodEnds.startDue(q1Due, "syncwait");
        assertThat(outcome.started()).isEmpty();
        assertThat(outcome.waiting()).singleElement().satisfies(w -> {
            assertThat(w.run().periodId()).isEqualTo("sw-q1");
            assertThat(w.reason()).contains("Источник dnevnik-syncwait", "данные по 20.10.2019", "после конца периода 25.10.2019",
                    "ждёт синхронизации до " + fmt(q1Due.plusDays(wait)));
        });
        assertThat(runsOf("syncwait")).isZero();
        // The daily look over every school publishes how many runs it held back.
        assertThat(metrics.get("journal_archive.runs.waiting_for_sync").gauge()).isNotNull();

        // (2) A successful sync that covers the period's end: the run starts, without a note.
        sync("dnevnik-syncwait", LocalDate.of(2019, 10, 14), LocalDate.of(2019, 10, 27), "OK");
        outcome = periodEnds.startDue(q1Due, "syncwait");
        assertThat(outcome.waiting()).isEmpty();
        assertThat(outcome.started()).hasSize(1);
        var progress = body(admin("GET", "/api/v1/archive-runs/" + outcome.started().get(0), null));
        assertThat(progress.path("periodId").asText()).isEqualTo("sw-q1");
        assertThat(progress.path("startedBy").asText()).isEqualTo("scheduler");
        assertThat(progress.path("note").isNull()).isTrue();

        // (3) The second quarter and the year end: no sync after 27.10; they wait the limit, then start with the note.
        LocalDate q2Due = Q2_END.plusDays(grace);
        assertThat(periodEnds.startDue(q2Due.plusDays(wait - 1), "syncwait").waiting()).hasSize(2)
                .allMatch(w -> w.reason().contains("данные по 27.10.2019"));
        assertThat(runsOf("syncwait")).isEqualTo(1);
        outcome = periodEnds.startDue(q2Due.plusDays(wait), "syncwait");
        assertThat(outcome.waiting()).isEmpty();
        assertThat(outcome.started()).hasSize(2);
        for (long id : outcome.started()) {
            var run = body(admin("GET", "/api/v1/archive-runs/" + id, null));
            assertThat(run.path("note").asText()).contains("Источник dnevnik-syncwait: последняя успешная синхронизация — данные по 27.10.2019",
                    "после конца периода 27.12.2019 не было", "запуск по истечении ожидания");
        }
        // Started once: not due again.
        assertThat(periodEnds.startDue(q2Due.plusDays(wait + 1), "syncwait").started()).isEmpty();
    }

    @Test
    void aSchoolWithoutAnEnabledSourceStartsAsSoonAsThePeriodIsDue() throws Exception {
        long grace = properties.runs().gracePeriod().toDays();
        registerWithCalendar("nosource", "Школа без коннектора");
        registerWithCalendar("offsource", "Школа с отключённым коннектором");
        sources.save(new ConnectorSource("dnevnik-offsource", "offsource", SourceKind.DNEVNIK_RU, "http://127.0.0.1:9", "1002",
                Map.of(), "env:OFFSOURCE", ConnectorSource.Mappings.none(), ConnectorSource.Settings.none(), false, null, 0, false));

        assertThat(periodEnds.startDue(Q1_END.plusDays(grace - 1), "nosource").started()).isEmpty();
        for (String school : List.of("nosource", "offsource")) {
            var outcome = periodEnds.startDue(Q1_END.plusDays(grace), school);
            assertThat(outcome.waiting()).as(school).isEmpty();
            assertThat(outcome.started()).as(school).hasSize(1);
            assertThat(jdbc.queryForObject("SELECT note FROM archive_run WHERE id = ?", String.class, outcome.started().get(0))).isNull();
        }
    }

    void registerWithCalendar(String school, String name) throws Exception {
        registry.register(school, name);
        String token = registry.issueToken(school, "journal-system").token();
        String batch = """
                {"batchId": "%s-calendar",
                 "academicYears": [{"id": "2019", "name": "2019/2020", "startDate": "2019-09-01", "endDate": "2020-05-31"}],
                 "periods": [
                   {"id": "sw-q1", "academicYearId": "2019", "kind": "QUARTER", "number": 1, "gradeFrom": 1, "gradeTo": 11,
                    "startDate": "2019-09-02", "endDate": "%s"},
                   {"id": "sw-q2", "academicYearId": "2019", "kind": "QUARTER", "number": 2, "gradeFrom": 1, "gradeTo": 11,
                    "startDate": "2019-11-05", "endDate": "%s"}]}""".formatted(school, Q1_END, Q2_END);
        var response = push(school, token, batch.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** A finished sync report, written as ConnectorSync writes them. */
    void sync(String source, LocalDate from, LocalDate to, String status) {
        long id = reports.start(source, "SCHEDULE", "test", from, to);
        reports.finish(id, status, status.equals("OK") ? null : "Класс 5А: источник не ответил", List.of(),
                new SyncReport.Totals(1, status.equals("OK") ? 0 : 1, 0, 0, 0, 0));
        if (status.equals("OK")) sources.succeeded(source, to);
    }

    int runsOf(String school) {
        return jdbc.queryForObject("SELECT count(*) FROM archive_run WHERE school = ?", Integer.class, school);
    }

    static String fmt(LocalDate day) {
        return java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy").format(day);
    }
}
