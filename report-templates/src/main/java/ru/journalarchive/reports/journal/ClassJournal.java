package ru.journalarchive.reports.journal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The data of one class journal (class × subject, for a period or the whole year): what the PDF
 * shows and what its JSON twin holds. Students are numbered in the order the journal lists them.
 */
public record ClassJournal(String schoolName, String directorName, String schoolYear, String classId,
                           String className, String classTeacher, String subjectId, String subjectName,
                           List<String> teachers, Scope scope, List<Period> periods, List<Student> students, List<Lesson> lessons,
                           List<Mark> marks, List<Attendance> attendance, List<PeriodMark> periodMarks) {

    /** The period covered; periodId is null for the whole year. */
    public record Scope(String periodId, String name, LocalDate from, LocalDate to) {}

    /** A study period of the class's year; column is its heading in the grid («I ч.»). */
    public record Period(String id, String name, String column, LocalDate from, LocalDate to) {}

    public record Student(int no, String id, String fullName, LocalDate enrolledFrom, LocalDate enrolledTo) {}

    public record Lesson(int no, String id, LocalDate date, int number, String topic, String homework,
                         String controlType, String teacher, String substitute, boolean tookPlace, String comment) {}

    public record Mark(String lessonId, String studentId, String value, String workType, BigDecimal weight) {}

    public record Attendance(String lessonId, String studentId, String code) {}

    /** kind is the period kind (QUARTER, HALF_YEAR, TRIMESTER) or YEAR, EXAM, FINAL; label is its column heading. */
    public record PeriodMark(String studentId, String kind, String periodId, String label, String value) {}
}
