package ru.journalarchive.journal.monitoring;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads {@link MonitoringCounts} for a school and a study period in one REPEATABLE READ snapshot.
 * Deadlines follow the regulation: an entry is timely if made by 12:00 of the day after the lesson,
 * and "online" if made within 24 hours of the lesson's start (08:00 + 55 min per lesson number,
 * as the timetable has no clock times), both in the school's time zone.
 */
public class MonitoringCountsReader {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final String timeZone;

    public MonitoringCountsReader(JdbcTemplate jdbc, PlatformTransactionManager transactions, String timeZone) {
        this.jdbc = jdbc;
        this.timeZone = timeZone;
        this.snapshot = ru.journalarchive.journal.snapshot.Snapshots.readOnly(transactions);
    }

    public Optional<MonitoringCounts> read(String schoolCode, String periodId) {
        return snapshot.execute(tx -> {
            var period = jdbc.query("""
                    SELECT s.id, s.name, p.id, p.kind, p.number, y.name, p.start_date, p.end_date, y.id,
                           (p.end_date - p.start_date + 1)::numeric / (SELECT sum(q.end_date - q.start_date + 1)
                               FROM study_period q WHERE q.academic_year_id = p.academic_year_id AND q.kind = p.kind
                               AND q.grade_from = p.grade_from AND q.grade_to = p.grade_to)
                    FROM school s JOIN study_period p ON p.school_id = s.id JOIN academic_year y ON y.id = p.academic_year_id
                    WHERE s.code = ? AND p.source_id = ?""", (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2),
                    rs.getLong(3), rs.getString(4), rs.getInt(5), rs.getString(6), date(rs, 7), date(rs, 8), rs.getLong(9),
                    rs.getBigDecimal(10)}, schoolCode, periodId);
            if (period.isEmpty()) return Optional.empty();
            Object[] p = period.get(0);
            long school = (Long) p[0];
            LocalDate from = (LocalDate) p[6];
            LocalDate to = (LocalDate) p[7];
            long year = (Long) p[8];
            BigDecimal share = (BigDecimal) p[9];

            int[] classes = jdbc.queryForObject("""
                    SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM timetable_slot t WHERE t.class_id = c.id
                        AND t.valid_from <= ? AND (t.valid_to IS NULL OR t.valid_to >= ?)))
                    FROM school_class c WHERE c.school_id = ? AND c.academic_year_id = ?""",
                    (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}, to, from, school, year);
            int[] lessons = jdbc.queryForObject("""
                    SELECT count(*),
                           count(*) FILTER (WHERE coalesce(l.topic, '') <> '' OR coalesce(l.homework, '') <> ''),
                           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM mark m WHERE m.lesson_id = l.id)
                               OR EXISTS (SELECT 1 FROM attendance a WHERE a.lesson_id = l.id)
                               OR coalesce(l.comment, '') <> '' OR l.took_place_entered_at IS NOT NULL)
                    FROM lesson l WHERE l.school_id = ? AND l.lesson_date BETWEEN ? AND ?""",
                    (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}, school, from, to);
            var teachers = jdbc.query(ENTRIES_BY_TEACHER, (rs, n) -> new MonitoringCounts.TeacherEntries(rs.getString(1),
                    rs.getInt(2), rs.getInt(3)), timeZone, school, from, to, school, from, to, school, from, to);
            int[] entries = jdbc.queryForObject("SELECT count(*), count(*) FILTER (WHERE entered_at <= deadline), "
                    + "count(*) FILTER (WHERE entered_at <= lesson_start + interval '24 hours') FROM (" + ENTRIES + ") e",
                    (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)},
                    timeZone, school, from, to, school, from, to, school, from, to);
            int[] students = jdbc.queryForObject("""
                    SELECT count(DISTINCT e.student_id),
                           count(DISTINCT e.student_id) FILTER (WHERE pa.accounts > 0),
                           count(DISTINCT e.student_id) FILTER (WHERE pa.activated_accounts > 0)
                    FROM enrollment e JOIN school_class c ON c.id = e.class_id
                    LEFT JOIN parent_access pa ON pa.student_id = e.student_id
                    WHERE c.school_id = ? AND c.academic_year_id = ? AND e.date_from <= ? AND (e.date_to IS NULL OR e.date_to >= ?)""",
                    (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}, school, year, to, from);
            var curriculum = jdbc.query("""
                    SELECT c.grade || c.letter, s.name, ci.planned_lessons,
                           count(l.id) FILTER (WHERE l.took_place),
                           count(l.id) FILTER (WHERE l.took_place AND coalesce(l.homework, '') <> ''),
                           count(l.id) FILTER (WHERE l.substitute_teacher_id IS NOT NULL)
                    FROM curriculum_item ci JOIN school_class c ON c.id = ci.class_id JOIN subject s ON s.id = ci.subject_id
                    LEFT JOIN lesson l ON l.class_id = ci.class_id AND l.subject_id = ci.subject_id
                         AND l.lesson_date BETWEEN ? AND ?
                    WHERE c.school_id = ? AND c.academic_year_id = ?
                    GROUP BY c.grade, c.letter, s.name, ci.planned_lessons ORDER BY c.grade, c.letter, s.name""",
                    (rs, n) -> new MonitoringCounts.CurriculumLine(rs.getString(1), rs.getString(2), rs.getInt(3),
                            rs.getInt(4), rs.getInt(5), rs.getInt(6)), from, to, school, year);
            // All of the student's marks in the subject and period count, also those from before a
            // transfer; the class shown is the one of the student's last marked lesson.
            var periodMarks = jdbc.query("""
                    SELECT st.last_name || ' ' || st.first_name,
                           (array_agg(c.grade || c.letter ORDER BY l.lesson_date DESC, l.lesson_number DESC))[1],
                           s.name, pm.value, sum(m.value::numeric * m.weight), sum(m.weight)
                    FROM period_mark pm JOIN student st ON st.id = pm.student_id JOIN subject s ON s.id = pm.subject_id
                    JOIN mark m ON m.student_id = pm.student_id AND m.value ~ '^[1-5]$'
                    JOIN lesson l ON l.id = m.lesson_id AND l.subject_id = pm.subject_id AND l.lesson_date BETWEEN ? AND ?
                    JOIN school_class c ON c.id = l.class_id
                    WHERE pm.period_id = ? AND pm.value ~ '^[1-5]$'
                    GROUP BY st.last_name, st.first_name, st.id, s.name, pm.value
                    ORDER BY 2, st.last_name, st.first_name, st.id, s.name""",
                    (rs, n) -> new MonitoringCounts.PeriodMarkAverage(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6)), from, to, (Long) p[2]);
            return Optional.of(new MonitoringCounts((String) p[1], periodId, (String) p[3], (Integer) p[4], (String) p[5],
                    from, to, share, classes[0], classes[1], lessons[0], lessons[1], lessons[2], entries[0], entries[1],
                    entries[2], students[0], students[1], students[2], curriculum, teachers, periodMarks));
        });
    }

    /** Marks, absences and comments of the period with their lesson's deadline, start and teacher. */
    private static final String ENTRIES = """
            WITH tz AS (SELECT ?::text AS name)
            SELECT x.entered_at, x.teacher_id,
                   ((x.lesson_date + 1) + time '12:00') AT TIME ZONE (SELECT name FROM tz) AS deadline,
                   (x.lesson_date + time '08:00' + (x.lesson_number - 1) * interval '55 minutes') AT TIME ZONE (SELECT name FROM tz)
                       AS lesson_start
            FROM (
                SELECT m.entered_at, coalesce(l.substitute_teacher_id, l.teacher_id) AS teacher_id, l.lesson_date, l.lesson_number
                FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE l.school_id = ? AND l.lesson_date BETWEEN ? AND ?
                UNION ALL
                SELECT a.entered_at, coalesce(l.substitute_teacher_id, l.teacher_id), l.lesson_date, l.lesson_number
                FROM attendance a JOIN lesson l ON l.id = a.lesson_id WHERE l.school_id = ? AND l.lesson_date BETWEEN ? AND ?
                UNION ALL
                SELECT l.comment_entered_at, coalesce(l.substitute_teacher_id, l.teacher_id), l.lesson_date, l.lesson_number
                FROM lesson l WHERE l.school_id = ? AND l.lesson_date BETWEEN ? AND ? AND coalesce(l.comment, '') <> ''
            ) x WHERE x.entered_at IS NOT NULL""";

    private static final String ENTRIES_BY_TEACHER = """
            SELECT t.last_name || ' ' || left(t.first_name, 1) || '.' || coalesce(' ' || left(t.middle_name, 1) || '.', ''),
                   count(*), count(*) FILTER (WHERE e.entered_at > e.deadline)
            FROM (""" + ENTRIES + """
            ) e JOIN teacher t ON t.id = e.teacher_id
            GROUP BY t.id, t.last_name, t.first_name, t.middle_name ORDER BY t.last_name, t.first_name, t.id""";

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
