package ru.journalarchive.journal.ingest;

import java.math.BigDecimal;
import java.util.List;

/** The sections of a batch in the order they are written (referenced tables first). */
final class JournalSections {

    private JournalSections() {}

    static final List<SectionTable<?>> ALL = List.of(
            SectionTable.of("academicYears", "academic_year", Batch::academicYears, Batch.AcademicYear::id)
                    .column("name", "text", Batch.AcademicYear::name)
                    .column("start_date", "date", Batch.AcademicYear::startDate)
                    .column("end_date", "date", Batch.AcademicYear::endDate),
            SectionTable.of("periods", "study_period", Batch::periods, Batch.Period::id)
                    .ref("academic_year_id", "academic_year", Batch.Period::academicYearId)
                    .column("kind", "text", Batch.Period::kind)
                    .column("number", "smallint", Batch.Period::number)
                    .column("grade_from", "smallint", Batch.Period::gradeFrom)
                    .column("grade_to", "smallint", Batch.Period::gradeTo)
                    .column("start_date", "date", Batch.Period::startDate)
                    .column("end_date", "date", Batch.Period::endDate),
            SectionTable.of("teachers", "teacher", Batch::teachers, Batch.Teacher::id)
                    .column("last_name", "text", Batch.Teacher::lastName)
                    .column("first_name", "text", Batch.Teacher::firstName)
                    .column("middle_name", "text", Batch.Teacher::middleName)
                    .column("position", "text", Batch.Teacher::position),
            SectionTable.of("subjects", "subject", Batch::subjects, Batch.Subject::id)
                    .column("name", "text", Batch.Subject::name)
                    .column("short_name", "text", Batch.Subject::shortName),
            SectionTable.of("classes", "school_class", Batch::classes, Batch.SchoolClass::id)
                    .ref("academic_year_id", "academic_year", Batch.SchoolClass::academicYearId)
                    .column("grade", "smallint", Batch.SchoolClass::grade)
                    .column("letter", "text", Batch.SchoolClass::letter)
                    .ref("class_teacher_id", "teacher", Batch.SchoolClass::classTeacherId),
            SectionTable.of("students", "student", Batch::students, Batch.Student::id)
                    .column("last_name", "text", Batch.Student::lastName)
                    .column("first_name", "text", Batch.Student::firstName)
                    .column("middle_name", "text", Batch.Student::middleName)
                    .column("gender", "char(1)", Batch.Student::gender)
                    .column("birth_date", "date", Batch.Student::birthDate),
            SectionTable.of("enrollments", "enrollment", Batch::enrollments, Batch.Enrollment::id)
                    .ref("student_id", "student", Batch.Enrollment::studentId)
                    .ref("class_id", "school_class", Batch.Enrollment::classId)
                    .column("date_from", "date", Batch.Enrollment::dateFrom)
                    .column("date_to", "date", Batch.Enrollment::dateTo),
            SectionTable.of("groups", "class_group", Batch::groups, Batch.Group::id)
                    .ref("class_id", "school_class", Batch.Group::classId)
                    .column("name", "text", Batch.Group::name),
            SectionTable.of("curriculum", "curriculum_item", Batch::curriculum, Batch.CurriculumItem::id)
                    .ref("class_id", "school_class", Batch.CurriculumItem::classId)
                    .ref("subject_id", "subject", Batch.CurriculumItem::subjectId)
                    .ref("teacher_id", "teacher", Batch.CurriculumItem::teacherId)
                    .column("planned_lessons", "integer", Batch.CurriculumItem::plannedLessons),
            SectionTable.of("timetable", "timetable_slot", Batch::timetable, Batch.TimetableSlot::id)
                    .ref("class_id", "school_class", Batch.TimetableSlot::classId)
                    .ref("group_id", "class_group", Batch.TimetableSlot::groupId)
                    .ref("subject_id", "subject", Batch.TimetableSlot::subjectId)
                    .ref("teacher_id", "teacher", Batch.TimetableSlot::teacherId)
                    .column("day_of_week", "smallint", Batch.TimetableSlot::dayOfWeek)
                    .column("lesson_number", "smallint", Batch.TimetableSlot::lessonNumber)
                    .column("valid_from", "date", Batch.TimetableSlot::validFrom)
                    .column("valid_to", "date", Batch.TimetableSlot::validTo)
                    .column("room", "text", Batch.TimetableSlot::room),
            SectionTable.of("lessons", "lesson", Batch::lessons, Batch.Lesson::id)
                    .ref("class_id", "school_class", Batch.Lesson::classId)
                    .ref("group_id", "class_group", Batch.Lesson::groupId)
                    .ref("subject_id", "subject", Batch.Lesson::subjectId)
                    .ref("teacher_id", "teacher", Batch.Lesson::teacherId)
                    .ref("substitute_teacher_id", "teacher", Batch.Lesson::substituteTeacherId)
                    .column("lesson_date", "date", Batch.Lesson::date)
                    .column("lesson_number", "smallint", Batch.Lesson::number)
                    .column("topic", "text", Batch.Lesson::topic)
                    .column("homework", "text", Batch.Lesson::homework)
                    .column("control_type", "text", Batch.Lesson::controlType)
                    .column("took_place", "boolean", l -> l.tookPlace() == null || l.tookPlace())
                    .column("comment", "text", Batch.Lesson::comment)
                    .column("topic_entered_at", "timestamptz", Batch.Lesson::topicEnteredAt)
                    .column("homework_entered_at", "timestamptz", Batch.Lesson::homeworkEnteredAt)
                    .column("took_place_entered_at", "timestamptz", Batch.Lesson::tookPlaceEnteredAt)
                    .column("comment_entered_at", "timestamptz", Batch.Lesson::commentEnteredAt),
            SectionTable.of("marks", "mark", Batch::marks, Batch.Mark::id)
                    .ref("lesson_id", "lesson", Batch.Mark::lessonId)
                    .ref("student_id", "student", Batch.Mark::studentId)
                    .column("value", "text", Batch.Mark::value)
                    .column("work_type", "text", Batch.Mark::workType)
                    .column("weight", "numeric(4,2)", m -> m.weight() == null ? BigDecimal.ONE : m.weight())
                    .column("entered_at", "timestamptz", Batch.Mark::enteredAt),
            SectionTable.of("attendance", "attendance", Batch::attendance, Batch.Attendance::id)
                    .ref("lesson_id", "lesson", Batch.Attendance::lessonId)
                    .ref("student_id", "student", Batch.Attendance::studentId)
                    .column("code", "text", Batch.Attendance::code)
                    .column("entered_at", "timestamptz", Batch.Attendance::enteredAt),
            SectionTable.of("periodMarks", "period_mark", Batch::periodMarks, Batch.PeriodMark::id)
                    .ref("student_id", "student", Batch.PeriodMark::studentId)
                    .ref("subject_id", "subject", Batch.PeriodMark::subjectId)
                    .ref("academic_year_id", "academic_year", Batch.PeriodMark::academicYearId)
                    .column("kind", "text", Batch.PeriodMark::kind)
                    .ref("period_id", "study_period", Batch.PeriodMark::periodId)
                    .column("value", "text", Batch.PeriodMark::value)
                    .column("entered_at", "timestamptz", Batch.PeriodMark::enteredAt),
            SectionTable.of("yearDecisions", "year_decision", Batch::yearDecisions, Batch.YearDecision::id)
                    .ref("student_id", "student", Batch.YearDecision::studentId)
                    .ref("academic_year_id", "academic_year", Batch.YearDecision::academicYearId)
                    .column("decision", "text", Batch.YearDecision::decision)
                    .column("decided_on", "date", Batch.YearDecision::decidedOn)
                    .column("protocol", "text", Batch.YearDecision::protocol),
            SectionTable.of("parentAccess", "parent_access", Batch::parentAccess, Batch.ParentAccess::id)
                    .ref("student_id", "student", Batch.ParentAccess::studentId)
                    .column("accounts", "smallint", Batch.ParentAccess::accounts)
                    .column("activated_accounts", "smallint", Batch.ParentAccess::activatedAccounts)
                    .column("paper_reports", "boolean", p -> Boolean.TRUE.equals(p.paperReports())));
}
