package ru.journalarchive.journal.snapshot;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads a {@link ClassSnapshot} in one REPEATABLE READ, read-only transaction. */
public class ClassSnapshotReader {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    public ClassSnapshotReader(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = Snapshots.readOnly(transactions);
    }

    /** A snapshot and the school's data version it was read at (see {@link #version}). */
    public record Versioned(ClassSnapshot snapshot, String version) {}

    public Optional<ClassSnapshot> read(String schoolCode, String classId) {
        return snapshot.execute(tx -> readInTransaction(schoolCode, classId));
    }

    /** The snapshot and the data version, both from the same transaction. */
    public Optional<Versioned> readVersioned(String schoolCode, String classId) {
        return snapshot.execute(tx -> readInTransaction(schoolCode, classId).map(s -> new Versioned(s, versionInTransaction(schoolCode))));
    }

    /**
     * The school's data version: every change reaches the journal through a batch, which records
     * itself in ingest_batch in its own transaction, so the count and the highest id of those rows
     * change with every committed batch (the count also catches a batch with a lower id committing late).
     */
    public String version(String schoolCode) {
        return snapshot.execute(tx -> versionInTransaction(schoolCode));
    }

    private String versionInTransaction(String schoolCode) {
        return jdbc.queryForObject("""
                SELECT count(*) || ':' || coalesce(max(b.id), 0) FROM ingest_batch b JOIN school s ON s.id = b.school_id
                WHERE s.code = ?""", String.class, schoolCode);
    }

    private Optional<ClassSnapshot> readInTransaction(String schoolCode, String classId) {
        var ids = jdbc.query("""
                SELECT s.id, c.id, c.academic_year_id FROM school s JOIN school_class c ON c.school_id = s.id
                WHERE s.code = ? AND c.source_id = ?""", (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                schoolCode, classId);
        if (ids.isEmpty()) return Optional.empty();
        long school = ids.get(0)[0];
        long cls = ids.get(0)[1];
        long year = ids.get(0)[2];
        return Optional.of(new ClassSnapshot(
                jdbc.queryForObject("SELECT code, name, short_name, inn, ogrn, address, director_name FROM school WHERE id = ?",
                        (rs, n) -> new ClassSnapshot.School(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)), school),
                jdbc.queryForObject("SELECT source_id, name, start_date, end_date FROM academic_year WHERE id = ?",
                        (rs, n) -> new ClassSnapshot.Year(rs.getString(1), rs.getString(2), date(rs, 3), date(rs, 4)), year),
                jdbc.queryForObject("""
                        SELECT c.source_id, c.grade, c.letter, t.source_id FROM school_class c
                        LEFT JOIN teacher t ON t.id = c.class_teacher_id WHERE c.id = ?""",
                        (rs, n) -> new ClassSnapshot.SchoolClass(rs.getString(1), rs.getInt(2), rs.getString(3),
                                rs.getString(4)), cls),
                jdbc.query("""
                        SELECT p.source_id, p.kind, p.number, p.start_date, p.end_date FROM study_period p, school_class c
                        WHERE c.id = ? AND p.academic_year_id = c.academic_year_id AND c.grade BETWEEN p.grade_from AND p.grade_to
                        ORDER BY p.start_date""", (rs, n) -> new ClassSnapshot.Period(rs.getString(1), rs.getString(2),
                        rs.getInt(3), date(rs, 4), date(rs, 5)), cls),
                jdbc.query("SELECT source_id, last_name, first_name, middle_name, position FROM teacher WHERE school_id = ? ORDER BY last_name, first_name, source_id",
                        (rs, n) -> new ClassSnapshot.Person(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5)), school),
                jdbc.query("""
                        SELECT DISTINCT s.source_id, s.name, s.short_name FROM subject s
                        WHERE s.id IN (SELECT subject_id FROM curriculum_item WHERE class_id = ?
                                       UNION SELECT subject_id FROM lesson WHERE class_id = ?) ORDER BY s.name""",
                        (rs, n) -> new ClassSnapshot.Subject(rs.getString(1), rs.getString(2), rs.getString(3)), cls, cls),
                jdbc.query("""
                        SELECT st.source_id, st.last_name, st.first_name, st.middle_name, st.gender, st.birth_date,
                               e.date_from, e.date_to
                        FROM enrollment e JOIN student st ON st.id = e.student_id WHERE e.class_id = ?
                        ORDER BY st.last_name COLLATE "C", st.first_name COLLATE "C", st.source_id, e.date_from""",
                        (rs, n) -> new ClassSnapshot.Student(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), date(rs, 6), date(rs, 7), date(rs, 8)), cls),
                jdbc.query("""
                        SELECT s.source_id, t.source_id, ci.planned_lessons FROM curriculum_item ci
                        JOIN subject s ON s.id = ci.subject_id LEFT JOIN teacher t ON t.id = ci.teacher_id
                        WHERE ci.class_id = ? ORDER BY s.name""",
                        (rs, n) -> new ClassSnapshot.CurriculumItem(rs.getString(1), rs.getString(2), rs.getInt(3)), cls),
                jdbc.query("""
                        SELECT l.source_id, s.source_id, g.source_id, t.source_id, st.source_id, l.lesson_date,
                               l.lesson_number, l.topic, l.homework, l.control_type, l.took_place, l.comment
                        FROM lesson l JOIN subject s ON s.id = l.subject_id JOIN teacher t ON t.id = l.teacher_id
                        LEFT JOIN teacher st ON st.id = l.substitute_teacher_id LEFT JOIN class_group g ON g.id = l.group_id
                        WHERE l.class_id = ? ORDER BY l.lesson_date, l.lesson_number, l.source_id""",
                        (rs, n) -> new ClassSnapshot.Lesson(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), date(rs, 6), rs.getInt(7), rs.getString(8),
                                rs.getString(9), rs.getString(10), rs.getBoolean(11), rs.getString(12)), cls),
                jdbc.query("""
                        SELECT m.source_id, l.source_id, st.source_id, m.value, m.work_type, m.weight, m.entered_at
                        FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN student st ON st.id = m.student_id
                        WHERE l.class_id = ? ORDER BY l.lesson_date, l.lesson_number, m.source_id""",
                        (rs, n) -> new ClassSnapshot.Mark(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getBigDecimal(6),
                                rs.getObject(7, OffsetDateTime.class)), cls),
                jdbc.query("""
                        SELECT a.source_id, l.source_id, st.source_id, a.code, a.entered_at
                        FROM attendance a JOIN lesson l ON l.id = a.lesson_id JOIN student st ON st.id = a.student_id
                        WHERE l.class_id = ? ORDER BY l.lesson_date, l.lesson_number, a.source_id""",
                        (rs, n) -> new ClassSnapshot.Attendance(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getObject(5, OffsetDateTime.class)), cls),
                jdbc.query("""
                        SELECT st.source_id, s.source_id, pm.kind, p.source_id, pm.value FROM period_mark pm
                        JOIN student st ON st.id = pm.student_id JOIN subject s ON s.id = pm.subject_id
                        LEFT JOIN study_period p ON p.id = pm.period_id
                        WHERE pm.academic_year_id = ? AND pm.student_id IN (SELECT student_id FROM enrollment WHERE class_id = ?)
                        ORDER BY st.source_id, s.source_id, pm.kind, p.source_id""",
                        (rs, n) -> new ClassSnapshot.PeriodMark(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5)), year, cls),
                jdbc.query("""
                        SELECT st.source_id, d.decision, d.decided_on, d.protocol FROM year_decision d
                        JOIN student st ON st.id = d.student_id
                        WHERE d.academic_year_id = ? AND d.student_id IN (SELECT student_id FROM enrollment WHERE class_id = ?)
                        ORDER BY st.source_id""",
                        (rs, n) -> new ClassSnapshot.Decision(rs.getString(1), rs.getString(2), date(rs, 3),
                                rs.getString(4)), year, cls)));
    }

    private static LocalDate date(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
