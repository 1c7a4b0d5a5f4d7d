package ru.journalarchive.journal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.school.SchoolRegistry;
import ru.journalarchive.journal.testing.TableState;
import ru.journalarchive.journal.testing.TestDatabase;

/** A small demo school pushed batch by batch into a real PostgreSQL database. */
class BatchIngestionTest {

    static TestDatabase db;
    static JdbcTemplate jdbc;
    static BatchIngestion ingestion;
    static DemoData demo;

    @BeforeAll
    static void loadDemoSchool() {
        db = TestDatabase.create();
        jdbc = new JdbcTemplate(db.dataSource());
        ingestion = new BatchIngestion(db.dataSource(), new DataSourceTransactionManager(db.dataSource()),
                JournalRules.defaults());
        new SchoolRegistry(jdbc).register("demo", "Демо-школа");
        demo = DemoSchoolGenerator.generate(new DemoOptions(7, 120, 2025));
        for (Batch b : demo.batches()) ingestion.ingest("demo", b, hash(b.batchId()), "API", "test");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    static byte[] hash(String s) {
        return s.getBytes();
    }

    @Test
    void everyGeneratedRecordIsStoredOnce() {
        Map<String, Integer> expected = demo.distinctRecords();
        TableState state = TableState.of(jdbc);
        expected.forEach((section, count) ->
                assertThat(state.counts().get(TableState.TABLE_OF_SECTION.get(section))).as(section).isEqualTo(count.longValue()));
        assertThat(expected.get("marks")).isGreaterThan(10_000);
        assertThat(jdbc.queryForObject("SELECT name FROM school WHERE code = 'demo'", String.class))
                .isEqualTo(demo.schoolName());
    }

    @Test
    void resendingTheYearUnderNewBatchIdsChangesNoRow() {
        TableState before = TableState.of(jdbc);
        for (Batch b : demo.batches()) {
            Batch again = withId(b, b.batchId() + "-again");
            IngestResult r = ingestion.ingest("demo", again, hash(again.batchId()), "API", "test");
            r.sections().forEach((section, c) -> assertThat(c.unchanged()).as(section).isEqualTo(c.received()));
        }
        TableState after = TableState.of(jdbc);
        for (String table : TableState.TABLES) {
            if (table.equals("ingest_batch")) continue;
            assertThat(after.checksums().get(table)).as(table).isEqualTo(before.checksums().get(table));
        }
        jdbc.update("DELETE FROM ingest_batch WHERE batch_id LIKE '%-again'");
    }

    @Test
    void resendingTheSameBatchIsANoOpAndOtherContentUnderItsIdIsRefused() {
        Batch first = demo.batches().get(1);
        TableState before = TableState.of(jdbc);
        IngestResult r = ingestion.ingest("demo", first, hash(first.batchId()), "API", "test");
        assertThat(r.alreadyApplied()).isTrue();
        assertThat(TableState.of(jdbc)).isEqualTo(before);
        assertThatThrownBy(() -> ingestion.ingest("demo", first, hash("other"), "API", "test"))
                .isInstanceOf(BatchConflictException.class);
    }

    @Test
    void aCorrectedMarkIsUpdatedAndItsHistoryKept() {
        Batch.Mark original = demo.batches().get(1).marks().get(0);
        String corrected = original.value().equals("5") ? "4" : "5";
        var fix = new Batch.Mark(original.id(), original.lessonId(), original.studentId(), corrected,
                original.workType(), original.weight(), OffsetDateTime.parse("2026-06-01T10:00:00+03:00"));
        Batch batch = withMarks("correction-1", List.of(fix));
        IngestResult r = ingestion.ingest("demo", batch, hash("c1"), "API", "teacher-fix");
        assertThat(r.sections().get("marks").updated()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT value FROM mark WHERE source_id = ?", String.class, original.id()))
                .isEqualTo(corrected);
        Map<String, Object> history = jdbc.queryForMap("""
                SELECT old_row ->> 'value' AS old_value, new_row ->> 'value' AS new_value, batch_id, actor, operation
                FROM journal_change WHERE table_name = 'mark' AND source_id = ?""", original.id());
        assertThat(history).containsEntry("old_value", original.value()).containsEntry("new_value", corrected)
                .containsEntry("batch_id", "correction-1").containsEntry("actor", "teacher-fix")
                .containsEntry("operation", "UPDATE");
    }

    @Test
    void aRejectedBatchReportsEveryProblemAndWritesNothing() {
        Batch month = demo.batches().get(2);
        Batch.Mark good = month.marks().get(0);
        Batch.Attendance absence = month.attendance().get(0);
        String otherClassStudent = demo.batches().get(0).enrollments().stream()
                .filter(e -> !e.classId().equals(month.lessons().stream()
                        .filter(l -> l.id().equals(good.lessonId())).findFirst().orElseThrow().classId()))
                .findFirst().orElseThrow().studentId();
        var bad = new Batch("bad-1", null, null, null, null, null, null, null, null, null, null, null, null,
                List.of(new Batch.Mark("x1", good.lessonId(), good.studentId(), "7", "К", BigDecimal.ONE, good.enteredAt()),
                        new Batch.Mark("x2", "no-such-lesson", good.studentId(), "5", "О", null, good.enteredAt()),
                        new Batch.Mark("x3", good.lessonId(), "no-such-student", "5", "О", null, good.enteredAt()),
                        new Batch.Mark("x1", good.lessonId(), good.studentId(), "4", "О", null, good.enteredAt()),
                        new Batch.Mark("x4", good.lessonId(), otherClassStudent, "4", "О", null, good.enteredAt())),
                List.of(new Batch.Attendance("y1", absence.lessonId(), absence.studentId(), "x", absence.enteredAt())),
                null, null, null, null);
        TableState before = TableState.of(jdbc);
        assertThatThrownBy(() -> ingestion.ingest("demo", bad, hash("bad-1"), "API", "test"))
                .isInstanceOfSatisfying(BatchRejectedException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path)
                        .contains("marks[0].value", "marks[1].lessonId", "marks[2].studentId", "marks[3].id",
                                "marks[4].studentId", "attendance[0].code"));
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void validatingABatchReportsWhatItsIngestionWouldAndWritesNothing() {
        Batch.Mark good = demo.batches().get(2).marks().get(0);
        var bad = withMarks("validate-1", List.of(
                new Batch.Mark("v1", good.lessonId(), good.studentId(), "7", "К", BigDecimal.ONE, good.enteredAt()),
                new Batch.Mark("v2", good.lessonId(), "no-such-student", "5", "О", null, good.enteredAt())));
        var fine = withMarks("validate-2", List.of(
                new Batch.Mark("v3", good.lessonId(), good.studentId(), "5", "О", null, good.enteredAt())));
        TableState before = TableState.of(jdbc);
        assertThat(ingestion.validate("demo", bad)).extracting(Problem::path).containsExactly("marks[0].value", "marks[1].studentId");
        assertThat(ingestion.validate("demo", fine)).isEmpty();
        assertThatThrownBy(() -> ingestion.validate("no-such-school", fine)).isInstanceOf(UnknownSchoolException.class);
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aLessonOutsideTheAcademicYearIsRejected() {
        Batch.Lesson l = demo.batches().get(1).lessons().get(0);
        var summer = new Batch.Lesson("summer-1", l.classId(), null, l.subjectId(), l.teacherId(), null,
                java.time.LocalDate.of(2026, 7, 15), 1, "Летняя тема", null, null, true, null, null, null, null, null);
        Batch batch = new Batch("summer", null, null, null, null, null, null, null, null, null, null, null,
                List.of(summer), null, null, null, null, null, null);
        assertThatThrownBy(() -> ingestion.ingest("demo", batch, hash("summer"), "API", "test"))
                .isInstanceOfSatisfying(BatchRejectedException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem("lessons[0].date",
                                "Дата 15.07.2026 вне учебного года 2025/26 (01.09.2025–30.06.2026)")));
    }

    @Test
    void aClassSnapshotHoldsExactlyTheClassesLessonsMarksAndStudents() {
        var reader = new ru.journalarchive.journal.snapshot.ClassSnapshotReader(jdbc,
                new DataSourceTransactionManager(db.dataSource()));
        String classId = "c-2025-5a";
        var snapshot = reader.read("demo", classId).orElseThrow();
        var lessonIds = new java.util.HashSet<String>();
        demo.batches().forEach(b -> b.lessons().stream().filter(l -> l.classId().equals(classId)).forEach(l -> lessonIds.add(l.id())));
        long marks = demo.batches().stream().flatMap(b -> b.marks().stream()).filter(m -> lessonIds.contains(m.lessonId())).count();
        long enrollments = demo.batches().stream().flatMap(b -> b.enrollments().stream())
                .filter(e -> e.classId().equals(classId)).map(Batch.Enrollment::id).distinct().count();
        assertThat(snapshot.schoolClass().grade()).isEqualTo(5);
        assertThat(snapshot.schoolClass().letter()).isEqualTo("А");
        assertThat(snapshot.year().name()).isEqualTo("2025/26");
        assertThat(snapshot.periods()).extracting(p -> p.kind()).containsOnly("QUARTER").hasSize(4);
        assertThat(snapshot.lessons()).hasSize(lessonIds.size());
        assertThat(snapshot.marks()).hasSize((int) marks);
        assertThat(snapshot.students()).hasSize((int) enrollments);
        assertThat(snapshot.decisions()).hasSize((int) snapshot.students().stream().map(s -> s.id()).distinct().count());
        assertThat(snapshot.school().name()).isEqualTo(demo.schoolName());
        assertThat(reader.read("demo", "no-such-class")).isEmpty();
    }

    @Test
    void aMarkRemovedInTheJournalSystemIsDeletedAndKeptInHistory() {
        Batch.Mark existing = demo.batches().get(2).marks().get(3);
        var mark = new Batch.Mark("entered-by-mistake", existing.lessonId(), existing.studentId(), "2", "О", null,
                existing.enteredAt());
        ingestion.ingest("demo", withMarks("mistake-1", List.of(mark)), hash("mistake-1"), "API", "teacher");
        Batch removal = deletions("removal-1", List.of(new Batch.Deletion("marks", mark.id())));
        IngestResult r = ingestion.ingest("demo", removal, hash("removal-1"), "API", "teacher");
        assertThat(r.deleted()).containsEntry("marks", 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mark WHERE source_id = ?", Long.class, mark.id())).isZero();
        assertThat(jdbc.queryForMap("""
                SELECT operation, old_row ->> 'value' AS value, batch_id FROM journal_change
                WHERE table_name = 'mark' AND source_id = ?""", mark.id()))
                .containsEntry("operation", "DELETE").containsEntry("value", mark.value())
                .containsEntry("batch_id", "removal-1");
        TableState before = TableState.of(jdbc);
        Batch again = deletions("removal-2", removal.deletions());
        assertThat(ingestion.ingest("demo", again, hash("removal-2"), "API", "teacher").deleted()).containsEntry("marks", 0);
        TableState after = TableState.of(jdbc);
        assertThat(after.checksums().get("mark")).isEqualTo(before.checksums().get("mark"));
        assertThat(after.checksums().get("journal_change")).isEqualTo(before.checksums().get("journal_change"));
    }

    @Test
    void onlyMarksAttendanceAndPeriodMarksCanBeDeleted() {
        Batch.Lesson lesson = demo.batches().get(1).lessons().get(0);
        Batch bad = deletions("bad-removal", List.of(new Batch.Deletion("lessons", lesson.id()),
                new Batch.Deletion("marks", null)));
        assertThatThrownBy(() -> ingestion.ingest("demo", bad, hash("bad-removal"), "API", "t"))
                .isInstanceOfSatisfying(BatchRejectedException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path).containsExactlyInAnyOrder("deletions[0].section", "deletions[1].id"));
    }

    /** A foreign-language group: only its members may be marked in its lessons; members can change. */
    @Test
    void groupLessonsAcceptMarksOfGroupMembersOnly() {
        Batch roster = demo.batches().get(0);
        String classId = "c-2025-6a";
        List<String> pupils = roster.enrollments().stream().filter(e -> e.classId().equals(classId))
                .map(Batch.Enrollment::studentId).toList();
        Batch.Lesson template = demo.batches().get(2).lessons().stream()
                .filter(l -> l.classId().equals(classId) && l.subjectId().equals("eng")).findFirst().orElseThrow();
        var group = new Batch.Group("g-6a-eng-1", classId, "Английский язык, группа 1", pupils.subList(0, 2));
        var lesson = new Batch.Lesson("g-lesson-1", classId, group.id(), "eng", template.teacherId(), null,
                template.date(), 7, "Present Perfect", null, null, true, null, null, null, null, null);
        var member = new Batch.Mark("g-mark-1", lesson.id(), pupils.get(0), "5", "О", null, template.topicEnteredAt());
        var outsider = new Batch.Mark("g-mark-2", lesson.id(), pupils.get(2), "4", "О", null, template.topicEnteredAt());
        Batch withOutsider = new Batch("group-1", null, null, null, null, null, null, null, null, List.of(group), null,
                null, List.of(lesson), List.of(member, outsider), null, null, null, null, null);
        assertThatThrownBy(() -> ingestion.ingest("demo", withOutsider, hash("group-1"), "API", "t"))
                .isInstanceOfSatisfying(BatchRejectedException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem("marks[1].studentId", "Ученик «" + pupils.get(2)
                                + "» не входит в группу «g-6a-eng-1» этого урока")));
        Batch valid = new Batch("group-2", null, null, null, null, null, null, null, null, List.of(group), null,
                null, List.of(lesson), List.of(member), null, null, null, null, null);
        ingestion.ingest("demo", valid, hash("group-2"), "API", "t");
        var regrouped = new Batch.Group(group.id(), classId, group.name(), List.of(pupils.get(0), pupils.get(2)));
        Batch change = new Batch("group-3", null, null, null, null, null, null, null, null, List.of(regrouped), null,
                null, null, List.of(outsider), null, null, null, null, null);
        ingestion.ingest("demo", change, hash("group-3"), "API", "t");
        assertThat(jdbc.queryForList("""
                SELECT st.source_id FROM group_member gm JOIN student st ON st.id = gm.student_id
                JOIN class_group g ON g.id = gm.group_id WHERE g.source_id = ? ORDER BY 1""", String.class, group.id()))
                .containsExactlyElementsOf(regrouped.studentIds().stream().sorted().toList());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM journal_change WHERE table_name = 'group_member' AND operation = 'DELETE'",
                Long.class)).isEqualTo(1);
    }

    static Batch deletions(String id, List<Batch.Deletion> deletions) {
        return new Batch(id, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, deletions);
    }

    static Batch withMarks(String id, List<Batch.Mark> marks) {
        return new Batch(id, null, null, null, null, null, null, null, null, null, null, null, null, marks, null, null,
                null, null, null);
    }

    static Batch withId(Batch b, String id) {
        return new Batch(id, b.school(), b.academicYears(), b.periods(), b.teachers(), b.subjects(), b.classes(),
                b.students(), b.enrollments(), b.groups(), b.curriculum(), b.timetable(), b.lessons(), b.marks(),
                b.attendance(), b.periodMarks(), b.yearDecisions(), b.parentAccess(), b.deletions());
    }
}
