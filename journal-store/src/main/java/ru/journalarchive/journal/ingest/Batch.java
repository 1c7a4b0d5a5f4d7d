package ru.journalarchive.journal.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One push from a school's journal system: the wire format of the push API and of the demo data.
 * Every record carries the source system's {@code id}; references between records use those ids.
 * Sections may be absent; records of one batch may refer to records of the same batch or of
 * earlier ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Batch(
        String batchId,
        SchoolProfile school,
        List<AcademicYear> academicYears,
        List<Period> periods,
        List<Teacher> teachers,
        List<Subject> subjects,
        List<SchoolClass> classes,
        List<Student> students,
        List<Enrollment> enrollments,
        List<Group> groups,
        List<CurriculumItem> curriculum,
        List<TimetableSlot> timetable,
        List<Lesson> lessons,
        List<Mark> marks,
        List<Attendance> attendance,
        List<PeriodMark> periodMarks,
        List<YearDecision> yearDecisions,
        List<ParentAccess> parentAccess,
        List<Deletion> deletions) {

    public Batch {
        academicYears = orEmpty(academicYears);
        periods = orEmpty(periods);
        teachers = orEmpty(teachers);
        subjects = orEmpty(subjects);
        classes = orEmpty(classes);
        students = orEmpty(students);
        enrollments = orEmpty(enrollments);
        groups = orEmpty(groups);
        curriculum = orEmpty(curriculum);
        timetable = orEmpty(timetable);
        lessons = orEmpty(lessons);
        marks = orEmpty(marks);
        attendance = orEmpty(attendance);
        periodMarks = orEmpty(periodMarks);
        yearDecisions = orEmpty(yearDecisions);
        parentAccess = orEmpty(parentAccess);
        deletions = orEmpty(deletions);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    public static Batch empty(String batchId) {
        return new Batch(batchId, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** Number of records per non-empty section, in wire names. */
    public java.util.Map<String, Integer> recordCounts() {
        var counts = new java.util.LinkedHashMap<String, Integer>();
        if (school != null) counts.put("school", 1);
        put(counts, "academicYears", academicYears);
        put(counts, "periods", periods);
        put(counts, "teachers", teachers);
        put(counts, "subjects", subjects);
        put(counts, "classes", classes);
        put(counts, "students", students);
        put(counts, "enrollments", enrollments);
        put(counts, "groups", groups);
        put(counts, "curriculum", curriculum);
        put(counts, "timetable", timetable);
        put(counts, "lessons", lessons);
        put(counts, "marks", marks);
        put(counts, "attendance", attendance);
        put(counts, "periodMarks", periodMarks);
        put(counts, "yearDecisions", yearDecisions);
        put(counts, "parentAccess", parentAccess);
        put(counts, "deletions", deletions);
        return counts;
    }

    private static void put(java.util.Map<String, Integer> counts, String name, List<?> list) {
        if (!list.isEmpty()) counts.put(name, list.size());
    }

    /** The school's own details, as printed on title pages. */
    public record SchoolProfile(String name, String shortName, String inn, String ogrn, String address,
                                String directorName) {}

    public record AcademicYear(String id, String name, LocalDate startDate, LocalDate endDate) {}

    /** kind: QUARTER, TRIMESTER or HALF_YEAR; applies to grades gradeFrom..gradeTo. */
    public record Period(String id, String academicYearId, String kind, Integer number, Integer gradeFrom,
                         Integer gradeTo, LocalDate startDate, LocalDate endDate) {}

    public record Teacher(String id, String lastName, String firstName, String middleName, String position) {}

    public record Subject(String id, String name, String shortName) {}

    public record SchoolClass(String id, String academicYearId, Integer grade, String letter,
                              String classTeacherId) {}

    /** gender: M or F. */
    public record Student(String id, String lastName, String firstName, String middleName, String gender,
                          LocalDate birthDate) {}

    /** The student belongs to the class from dateFrom to dateTo inclusive (open-ended when null). */
    public record Enrollment(String id, String studentId, String classId, LocalDate dateFrom, LocalDate dateTo) {}

    /** A part of a class taught separately; studentIds is the complete member list. */
    public record Group(String id, String classId, String name, List<String> studentIds) {
        public Group {
            studentIds = studentIds == null ? List.of() : List.copyOf(studentIds);
        }
    }

    public record CurriculumItem(String id, String classId, String subjectId, String teacherId,
                                 Integer plannedLessons) {}

    /** dayOfWeek: 1 = Monday … 7 = Sunday. */
    public record TimetableSlot(String id, String classId, String groupId, String subjectId, String teacherId,
                                Integer dayOfWeek, Integer lessonNumber, LocalDate validFrom, LocalDate validTo,
                                String room) {}

    /** A lesson as given; the *EnteredAt fields tell when each field was filled in. */
    public record Lesson(String id, String classId, String groupId, String subjectId, String teacherId,
                         String substituteTeacherId, LocalDate date, Integer number, String topic,
                         String homework, String controlType, Boolean tookPlace, String comment,
                         OffsetDateTime topicEnteredAt, OffsetDateTime homeworkEnteredAt,
                         OffsetDateTime tookPlaceEnteredAt, OffsetDateTime commentEnteredAt) {}

    /** value: a mark of the school's scale (5, 4, …, зач, незач, н/а, осв); weight defaults to 1. */
    public record Mark(String id, String lessonId, String studentId, String value, String workType,
                       BigDecimal weight, OffsetDateTime enteredAt) {}

    /** code: one of the school's attendance codes (н, б, у, о by default). */
    public record Attendance(String id, String lessonId, String studentId, String code,
                             OffsetDateTime enteredAt) {}

    /** kind: QUARTER, TRIMESTER, HALF_YEAR (periodId required), YEAR, EXAM or FINAL. */
    public record PeriodMark(String id, String studentId, String subjectId, String academicYearId, String kind,
                             String periodId, String value, OffsetDateTime enteredAt) {}

    /** decision: PROMOTED, PROMOTED_CONDITIONALLY, RETAINED or GRADUATED. */
    public record YearDecision(String id, String studentId, String academicYearId, String decision,
                               LocalDate decidedOn, String protocol) {}

    /**
     * A record removed in the journal system (a mark or absence entered by mistake). section: marks,
     * attendance or periodMarks; id: the record's id. The removed row is kept in the change history;
     * removing a record that is not stored (any more) changes nothing.
     */
    public record Deletion(String section, String id) {}

    /** Parent accounts of one student; paperReports: the family asked for printed reports. */
    public record ParentAccess(String id, String studentId, Integer accounts, Integer activatedAccounts,
                               Boolean paperReports) {}
}
