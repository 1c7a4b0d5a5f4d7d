package ru.journalarchive.journal.snapshot;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything a class journal or a summary ledger of one class needs, read in one consistent
 * snapshot, so that a PDF and its JSON twin describe the same data. Ids are the source ids.
 */
public record ClassSnapshot(School school, Year year, SchoolClass schoolClass, List<Period> periods,
                            List<Person> teachers, List<Subject> subjects, List<Student> students,
                            List<CurriculumItem> curriculum, List<Lesson> lessons, List<Mark> marks,
                            List<Attendance> attendance, List<PeriodMark> periodMarks, List<Decision> decisions) {

    public record School(String code, String name, String shortName, String inn, String ogrn, String address,
                         String directorName) {}

    public record Year(String id, String name, LocalDate start, LocalDate end) {}

    public record SchoolClass(String id, int grade, String letter, String classTeacherId) {}

    public record Period(String id, String kind, int number, LocalDate start, LocalDate end) {}

    public record Person(String id, String lastName, String firstName, String middleName, String position) {}

    public record Subject(String id, String name, String shortName) {}

    /** A student with the dates of membership in this class. */
    public record Student(String id, String lastName, String firstName, String middleName, String gender,
                         LocalDate birthDate, LocalDate from, LocalDate to) {}

    public record CurriculumItem(String subjectId, String teacherId, int plannedLessons) {}

    public record Lesson(String id, String subjectId, String groupId, String teacherId, String substituteTeacherId,
                         LocalDate date, int number, String topic, String homework, String controlType,
                         boolean tookPlace, String comment) {}

    public record Mark(String id, String lessonId, String studentId, String value, String workType, BigDecimal weight,
                       OffsetDateTime enteredAt) {}

    public record Attendance(String id, String lessonId, String studentId, String code, OffsetDateTime enteredAt) {}

    public record PeriodMark(String studentId, String subjectId, String kind, String periodId, String value) {}

    public record Decision(String studentId, String decision, LocalDate decidedOn, String protocol) {}
}
