package ru.journalarchive.app.run;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.app.signing.SchoolSigningKeys;

/**
 * The academic calendar of every school, as its journal system sent it: a period whose last day is
 * the grace period behind gets its run, and the school year gets its year-end run once its last
 * period has ended (in May, well before 30 June); the district's roll-up of a period follows when
 * every school's period of that id has ended. A period that already had a run is not started again.
 * A school whose journal a connector pulls waits for a sync past the period's end ({@link SyncWait}).
 */
public final class PeriodEnds {

    private static final Logger log = LoggerFactory.getLogger(PeriodEnds.class);

    /** A run that is due: periodId null for the year end. */
    public record DueRun(String school, String schoolYear, String periodId, LocalDate lastDay) {}

    /** A due run held back until its school's connector has synced past the period's end, and why. */
    public record Waiting(DueRun run, String reason) {}

    /** The runs started (ids) and the due runs still waiting for a sync. */
    public record Outcome(List<Long> started, List<Waiting> waiting) {}

    private final JdbcTemplate jdbc;
    private final ArchiveRunPlanner planner;
    private final ArchiveRuns runs;
    private final SchoolSigningKeys keys;
    private final Duration grace;
    private final String district;
    private final SyncWait syncWait;
    private final AtomicInteger waitingNow = new AtomicInteger();

    public PeriodEnds(JdbcTemplate jdbc, ArchiveRunPlanner planner, ArchiveRuns runs, SchoolSigningKeys keys, Duration grace,
                      String district, SyncWait syncWait) {
        this.district = district;
        this.syncWait = syncWait;
        this.jdbc = jdbc;
        this.planner = planner;
        this.runs = runs;
        this.keys = keys;
        this.grace = grace;
    }

    public List<DueRun> due(LocalDate today) {
        LocalDate endedBy = today.minusDays(grace.toDays());
        return jdbc.query("""
                WITH ends AS (
                    SELECT s.code AS school, y.source_id AS school_year, p.source_id AS period_id, p.end_date AS last_day
                    FROM study_period p JOIN academic_year y ON y.id = p.academic_year_id JOIN school s ON s.id = y.school_id
                    UNION ALL
                    SELECT s.code, y.source_id, NULL, max(p.end_date)
                    FROM study_period p JOIN academic_year y ON y.id = p.academic_year_id JOIN school s ON s.id = y.school_id
                    GROUP BY s.code, y.source_id
                    UNION ALL
                    SELECT ?, y.source_id, p.source_id, max(p.end_date)
                    FROM study_period p JOIN academic_year y ON y.id = p.academic_year_id
                    GROUP BY y.source_id, p.source_id)
                SELECT * FROM ends e WHERE e.last_day <= ? AND NOT EXISTS (
                    SELECT 1 FROM archive_run r WHERE r.school = e.school AND r.school_year = e.school_year
                    AND r.period_id IS NOT DISTINCT FROM e.period_id AND r.class_id IS NULL)
                ORDER BY e.last_day, e.school, e.period_id NULLS LAST""",
                (rs, n) -> new DueRun(rs.getString("school"), rs.getString("school_year"), rs.getString("period_id"),
                        rs.getObject("last_day", LocalDate.class)), district, Date.valueOf(endedBy));
    }

    /** Starts every due run whose school's data is current (see {@link SyncWait}); one school's wait holds back no other. */
    public Outcome startDue(LocalDate today) {
        Outcome outcome = startDue(today, null);
        waitingNow.set(outcome.waiting().size());
        return outcome;
    }

    /** As {@link #startDue(LocalDate)}, for one school only (null: every school). */
    public Outcome startDue(LocalDate today, String school) {
        var started = new ArrayList<Long>();
        var waiting = new ArrayList<Waiting>();
        for (DueRun d : due(today)) {
            if (school != null && !school.equals(d.school())) continue;
            var verdict = syncWait.check(d.school(), d.lastDay(), d.lastDay().plusDays(grace.toDays()), today);
            if (!verdict.start()) {
                log.info("scheduler: run for {} {} {} waits for its connector: {}", d.school(), d.schoolYear(), label(d), verdict.text());
                waiting.add(new Waiting(d, verdict.text()));
                continue;
            }
            var plan = planner.plan(d.school(), d.schoolYear(), d.periodId(), null, keys.hasSeal(d.school()));
            long id = runs.start(d.school(), d.schoolYear(), d.periodId(), null, "scheduler", plan, verdict.text());
            log.info("scheduler: run {} for {} {} {} ({} documents; the period ended {}){}", id, d.school(), d.schoolYear(),
                    label(d), plan.size(), d.lastDay(), verdict.text() == null ? "" : " without waiting longer: " + verdict.text());
            started.add(id);
        }
        return new Outcome(List.copyOf(started), List.copyOf(waiting));
    }

    /** Due runs the last scheduled look held back for a sync (this node's last look; the metric journal_archive_runs_waiting_for_sync). */
    public int waitingForSync() {
        return waitingNow.get();
    }

    private static String label(DueRun d) {
        return d.periodId() == null ? "year end" : d.periodId();
    }
}
