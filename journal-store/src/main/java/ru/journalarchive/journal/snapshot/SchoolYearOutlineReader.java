package ru.journalarchive.journal.snapshot;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads a {@link SchoolYearOutline} in one read-only REPEATABLE READ transaction. */
public class SchoolYearOutlineReader {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    public SchoolYearOutlineReader(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = Snapshots.readOnly(transactions);
    }

    public Optional<SchoolYearOutline> read(String schoolCode, String yearId) {
        return snapshot.execute(tx -> {
            var years = jdbc.query("""
                    SELECT y.id, y.name, y.start_date, y.end_date FROM academic_year y JOIN school s ON s.id = y.school_id
                    WHERE s.code = ? AND y.source_id = ?""", (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2),
                    rs.getObject(3, java.time.LocalDate.class), rs.getObject(4, java.time.LocalDate.class)}, schoolCode, yearId);
            if (years.isEmpty()) return Optional.<SchoolYearOutline>empty();
            long year = (Long) years.get(0)[0];
            var periods = jdbc.query("""
                    SELECT source_id, kind, number, grade_from, grade_to, start_date, end_date FROM study_period
                    WHERE academic_year_id = ? ORDER BY start_date, grade_from, source_id""",
                    (rs, n) -> new SchoolYearOutline.Period(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getObject(6, java.time.LocalDate.class), rs.getObject(7, java.time.LocalDate.class)),
                    year);
            var classes = jdbc.query("""
                    SELECT c.source_id, c.grade, c.letter,
                           ARRAY(SELECT DISTINCT s.source_id FROM subject s WHERE s.id IN (
                                     SELECT subject_id FROM curriculum_item WHERE class_id = c.id
                                     UNION SELECT subject_id FROM lesson WHERE class_id = c.id) ORDER BY 1),
                           ARRAY(SELECT DISTINCT st.source_id FROM enrollment e JOIN student st ON st.id = e.student_id
                                 JOIN parent_access pa ON pa.student_id = st.id
                                 WHERE e.class_id = c.id AND pa.paper_reports ORDER BY 1)
                    FROM school_class c WHERE c.academic_year_id = ? ORDER BY c.grade, c.letter, c.source_id""",
                    (rs, n) -> new SchoolYearOutline.SchoolClass(rs.getString(1), rs.getInt(2), rs.getString(3),
                            java.util.List.of((String[]) rs.getArray(4).getArray()),
                            java.util.List.of((String[]) rs.getArray(5).getArray())), year);
            return Optional.of(new SchoolYearOutline(schoolCode, yearId, (String) years.get(0)[1],
                    (java.time.LocalDate) years.get(0)[2], (java.time.LocalDate) years.get(0)[3], periods, classes));
        });
    }
}
