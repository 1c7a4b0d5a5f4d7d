package ru.journalarchive.journal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.BatchIngestion;
import ru.journalarchive.journal.ingest.JournalRules;
import ru.journalarchive.journal.school.SchoolRegistry;
import ru.journalarchive.journal.testing.TestDatabase;

/** The outline an archive run is planned from agrees with the journal tables; the data version moves with every batch. */
class SnapshotReadersTest {

    static TestDatabase db;
    static JdbcTemplate jdbc;
    static SchoolYearOutlineReader reader;
    static BatchIngestion ingestion;
    static ClassSnapshotReader snapshots;

    @BeforeAll
    static void loadDemoSchool() throws Exception {
        db = TestDatabase.create();
        jdbc = new JdbcTemplate(db.dataSource());
        var transactions = new DataSourceTransactionManager(db.dataSource());
        ingestion = new BatchIngestion(db.dataSource(), transactions, JournalRules.defaults());
        snapshots = new ClassSnapshotReader(jdbc, transactions);
        new SchoolRegistry(jdbc).register("demo", "Демо-школа");
        for (Batch b : DemoSchoolGenerator.generate(new DemoOptions(3, 150, 2025)).batches())
            ingestion.ingest("demo", b, MessageDigest.getInstance("SHA-256").digest(b.batchId().getBytes(StandardCharsets.UTF_8)),
                    "API", "test");
        reader = new SchoolYearOutlineReader(jdbc, transactions);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    void everyClassWithItsSubjectsPeriodsAndPaperReportFamilies() {
        var outline = reader.read("demo", "2025").orElseThrow();
        assertThat(outline.yearName()).isEqualTo("2025/26");
        assertThat(outline.classes()).hasSize(jdbc.queryForObject("SELECT count(*) FROM school_class", Integer.class)).isNotEmpty();
        for (var c : outline.classes()) {
            assertThat(c.subjectIds()).as(c.id()).containsExactlyElementsOf(jdbc.queryForList("""
                    SELECT DISTINCT s.source_id FROM subject s JOIN curriculum_item ci ON ci.subject_id = s.id
                    JOIN school_class c ON c.id = ci.class_id WHERE c.source_id = ? ORDER BY 1""", String.class, c.id()));
            assertThat(c.paperReportStudentIds()).as(c.id()).containsExactlyElementsOf(jdbc.queryForList("""
                    SELECT st.source_id FROM student st JOIN parent_access pa ON pa.student_id = st.id
                    JOIN enrollment e ON e.student_id = st.id JOIN school_class c ON c.id = e.class_id
                    WHERE c.source_id = ? AND pa.paper_reports ORDER BY 1""", String.class, c.id()));
        }
        assertThat(outline.classes().stream().mapToInt(c -> c.paperReportStudentIds().size()).sum()).isPositive();
        var quarter = outline.periods().stream().filter(p -> p.kind().equals("QUARTER")).findFirst().orElseThrow();
        assertThat(outline.classesOf(quarter)).allMatch(c -> c.grade() >= quarter.gradeFrom() && c.grade() <= quarter.gradeTo())
                .hasSizeLessThan(outline.classes().size());
        assertThat(reader.read("demo", "1999")).isEmpty();
    }

    @Test
    void theDataVersionIsTheSnapshotsAndMovesWithEveryAppliedBatchOnly() throws Exception {
        var read = snapshots.readVersioned("demo", "c-2025-5a").orElseThrow();
        assertThat(read.version()).isEqualTo(snapshots.version("demo"));
        var mark = read.snapshot().marks().get(0);
        var fix = new ru.journalarchive.journal.ingest.Batch.Mark(mark.id(), mark.lessonId(), mark.studentId(),
                mark.value().equals("5") ? "4" : "5", mark.workType(), mark.weight(), java.time.OffsetDateTime.now());
        var batch = new Batch("version-check", null, null, null, null, null, null, null, null, null, null, null, null,
                java.util.List.of(fix), null, null, null, null, null);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest("version-check".getBytes(StandardCharsets.UTF_8));
        ingestion.ingest("demo", batch, hash, "API", "test");
        String after = snapshots.version("demo");
        assertThat(after).isNotEqualTo(read.version());
        ingestion.ingest("demo", batch, hash, "API", "test"); // the same batch again changes nothing
        assertThat(snapshots.version("demo")).isEqualTo(after);
    }
}
