package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.app.run.PeriodEnds;

/** Which runs the calendar makes due, with the grace period; the schedule itself is kept by Quartz in PostgreSQL. */
class PeriodEndSchedulerTest extends ServiceTestBase {

    @Autowired
    PeriodEnds periodEnds;
    @Autowired
    Scheduler scheduler;

    @Test
    void aPeriodIsDueThreeDaysAfterItsLastDayOnceAndTheYearAfterItsLastPeriod() throws Exception {
        loadDemoSchoolOnce();
        var first = jdbc.queryForMap("""
                SELECT p.source_id, p.end_date FROM study_period p JOIN school s ON s.id = p.school_id
                WHERE s.code = 'demo' ORDER BY p.end_date, p.source_id LIMIT 1""");
        String period = (String) first.get("source_id");
        LocalDate lastDay = ((java.sql.Date) first.get("end_date")).toLocalDate();
        LocalDate yearLastDay = jdbc.queryForObject("""
                SELECT max(p.end_date) FROM study_period p JOIN school s ON s.id = p.school_id WHERE s.code = 'demo'""",
                java.sql.Date.class).toLocalDate();

        assertThat(demoDue(lastDay.plusDays(2))).noneMatch(d -> period.equals(d.periodId()));
        assertThat(demoDue(lastDay.plusDays(3))).anyMatch(d -> period.equals(d.periodId()) && d.lastDay().equals(lastDay))
                .noneMatch(d -> d.periodId() == null);
        LocalDate everySchoolsLastDay = jdbc.queryForObject("SELECT max(end_date) FROM study_period WHERE source_id = ?",
                java.sql.Date.class, period).toLocalDate();
        assertThat(periodEnds.due(everySchoolsLastDay.plusDays(3)))
                .anyMatch(d -> d.school().equals("district") && period.equals(d.periodId()));
        assertThat(demoDue(yearLastDay.plusDays(3))).anyMatch(d -> d.periodId() == null && d.schoolYear().equals("2025"));
        assertThat(yearLastDay).isBefore(LocalDate.of(2026, 6, 27));

        // Once a run of the whole school has been started for the period, it is not due again.
        jdbc.update("INSERT INTO archive_run (school, school_year, period_id, started_by) VALUES ('demo', '2025', ?, 'test')", period);
        assertThat(demoDue(lastDay.plusDays(3))).noneMatch(d -> period.equals(d.periodId()));

        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(scheduler.getMetaData().getJobStoreClass().getSimpleName()).isEqualTo("LocalDataSourceJobStore");
        assertThat(scheduler.getJobDetail(JobKey.jobKey("period-end", "archive-runs"))).isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM qrtz_triggers WHERE trigger_name = 'period-end-daily'", Integer.class)).isEqualTo(1);
        assertThat(scheduler.getTrigger(TriggerKey.triggerKey("period-end-daily", "archive-runs")).getNextFireTime()).isInTheFuture();
    }

    java.util.List<PeriodEnds.DueRun> demoDue(LocalDate today) {
        return periodEnds.due(today).stream().filter(d -> d.school().equals("demo")).toList();
    }
}
