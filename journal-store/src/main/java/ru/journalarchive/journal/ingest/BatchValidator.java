package ru.journalarchive.journal.ingest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole batch and reports every problem at once, each with its path, in Russian for the
 * school's operator. References may point into the batch or at records sent earlier.
 */
final class BatchValidator {

    static final int MAX_ID_LENGTH = 100;
    private static final Set<String> PERIOD_KINDS = Set.of("QUARTER", "TRIMESTER", "HALF_YEAR");
    private static final Set<String> PERIOD_MARK_KINDS = Set.of("QUARTER", "TRIMESTER", "HALF_YEAR", "YEAR", "EXAM", "FINAL");
    private static final Set<String> DECISIONS = Set.of("PROMOTED", "PROMOTED_CONDITIONALLY", "RETAINED", "GRADUATED");
    private static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final JournalRules rules;
    private final List<Problem> problems = new ArrayList<>();
    private KnownRecords known;

    BatchValidator(JournalRules rules) {
        this.rules = rules;
    }

    List<Problem> validate(Batch b, KnownRecords known) {
        this.known = known;
        problems.clear();
        if (b.batchId() == null || b.batchId().isBlank()) {
            add("batchId", "Не указан идентификатор пакета (batchId)");
        } else if (b.batchId().length() > 200) {
            add("batchId", "Идентификатор пакета длиннее 200 символов");
        }
        if (b.school() == null && b.recordCounts().isEmpty()) {
            add("", "Пакет не содержит ни одной записи");
        }
        checkIds(b);
        checkSchool(b.school());
        checkYears(b.academicYears());
        checkPeriods(b.periods());
        each("teachers", b.teachers(), (p, t) -> {
            required(p + ".lastName", t.lastName());
            required(p + ".firstName", t.firstName());
        });
        each("subjects", b.subjects(), (p, s) -> required(p + ".name", s.name()));
        checkClasses(b.classes());
        checkStudents(b.students());
        checkEnrollments(b.enrollments());
        checkGroups(b.groups());
        each("curriculum", b.curriculum(), (p, c) -> {
            ref(p + ".classId", c.classId(), known.classes.keySet(), "Класс", true);
            ref(p + ".subjectId", c.subjectId(), known.subjects, "Предмет", true);
            ref(p + ".teacherId", c.teacherId(), known.teachers, "Учитель", false);
            if (c.plannedLessons() == null || c.plannedLessons() < 0 || c.plannedLessons() > 1000)
                add(p + ".plannedLessons", "Число уроков по плану должно быть от 0 до 1000");
        });
        checkTimetable(b.timetable());
        checkLessons(b.lessons());
        checkMarks(b.marks());
        checkAttendance(b.attendance());
        checkPeriodMarks(b.periodMarks());
        checkDecisions(b.yearDecisions());
        each("parentAccess", b.parentAccess(), (p, a) -> {
            ref(p + ".studentId", a.studentId(), known.students, "Ученик", true);
            if (a.accounts() == null || a.accounts() < 0 || a.accounts() > 20)
                add(p + ".accounts", "Число учётных записей родителей должно быть от 0 до 20");
            else if (a.activatedAccounts() == null || a.activatedAccounts() < 0 || a.activatedAccounts() > a.accounts())
                add(p + ".activatedAccounts", "Число активированных учётных записей должно быть от 0 до " + a.accounts());
        });
        checkDeletions(b);
        return List.copyOf(problems);
    }

    private static final Set<String> DELETABLE = Set.of("marks", "attendance", "periodMarks");

    private void checkDeletions(Batch b) {
        var sentNow = new java.util.HashSet<String>();
        b.marks().forEach(m -> sentNow.add("marks\u0000" + m.id()));
        b.attendance().forEach(a -> sentNow.add("attendance\u0000" + a.id()));
        b.periodMarks().forEach(p -> sentNow.add("periodMarks\u0000" + p.id()));
        each("deletions", b.deletions(), (p, d) -> {
            if (!DELETABLE.contains(d.section()))
                add(p + ".section", "Удалять можно только записи разделов marks, attendance и periodMarks");
            required(p + ".id", d.id());
            if (sentNow.contains(d.section() + "\u0000" + d.id()))
                add(p + ".id", "Запись «" + d.id() + "» в этом же пакете и передаётся, и удаляется");
        });
    }

    /** Every record needs an id, unique within its section. */
    private void checkIds(Batch b) {
        for (SectionTable<?> section : JournalSections.ALL) checkIds(b, section);
    }

    private <R> void checkIds(Batch b, SectionTable<R> section) {
        var firstIndex = new HashMap<String, Integer>();
        List<R> records = section.records.apply(b);
        for (int i = 0; i < records.size(); i++) {
            String id = section.sourceId.apply(records.get(i));
            String path = section.section + "[" + i + "].id";
            if (id == null || id.isBlank()) {
                add(path, "Не указан идентификатор записи");
            } else if (id.length() > MAX_ID_LENGTH) {
                add(path, "Идентификатор длиннее " + MAX_ID_LENGTH + " символов");
            } else {
                Integer first = firstIndex.putIfAbsent(id, i);
                if (first != null)
                    add(path, "Идентификатор «" + id + "» повторяется в пакете (уже был в " + section.section + "[" + first + "])");
            }
        }
    }

    private void checkSchool(Batch.SchoolProfile s) {
        if (s == null) return;
        required("school.name", s.name());
        if (s.inn() != null && !s.inn().matches("[0-9]{10}"))
            add("school.inn", "ИНН организации должен состоять из 10 цифр");
        if (s.ogrn() != null && !s.ogrn().matches("[0-9]{13}"))
            add("school.ogrn", "ОГРН должен состоять из 13 цифр");
    }

    private void checkYears(List<Batch.AcademicYear> years) {
        each("academicYears", years, (p, y) -> {
            required(p + ".name", y.name());
            required(p + ".startDate", y.startDate());
            required(p + ".endDate", y.endDate());
            if (y.startDate() != null && y.endDate() != null && !y.startDate().isBefore(y.endDate()))
                add(p + ".endDate", "Учебный год должен заканчиваться позже, чем начинается");
        });
    }

    private void checkPeriods(List<Batch.Period> periods) {
        each("periods", periods, (p, period) -> {
            KnownRecords.Year year = ref(p + ".academicYearId", period.academicYearId(), known.years, "Учебный год");
            if (!PERIOD_KINDS.contains(period.kind()))
                add(p + ".kind", "Вид периода должен быть QUARTER, TRIMESTER или HALF_YEAR, а не «" + period.kind() + "»");
            if (period.number() == null || period.number() < 1 || period.number() > 4)
                add(p + ".number", "Номер периода должен быть от 1 до 4");
            grade(p + ".gradeFrom", period.gradeFrom());
            grade(p + ".gradeTo", period.gradeTo());
            if (period.gradeFrom() != null && period.gradeTo() != null && period.gradeFrom() > period.gradeTo())
                add(p + ".gradeTo", "Последняя параллель периода меньше первой");
            required(p + ".startDate", period.startDate());
            required(p + ".endDate", period.endDate());
            if (period.startDate() != null && period.endDate() != null && period.endDate().isBefore(period.startDate()))
                add(p + ".endDate", "Период заканчивается раньше, чем начинается");
            inYear(p + ".startDate", period.startDate(), year);
            inYear(p + ".endDate", period.endDate(), year);
        });
    }

    private void checkClasses(List<Batch.SchoolClass> classes) {
        each("classes", classes, (p, c) -> {
            ref(p + ".academicYearId", c.academicYearId(), known.years, "Учебный год");
            grade(p + ".grade", c.grade());
            required(p + ".letter", c.letter());
            ref(p + ".classTeacherId", c.classTeacherId(), known.teachers, "Учитель", false);
        });
    }

    private void checkStudents(List<Batch.Student> students) {
        each("students", students, (p, s) -> {
            required(p + ".lastName", s.lastName());
            required(p + ".firstName", s.firstName());
            if (s.gender() != null && !s.gender().equals("M") && !s.gender().equals("F"))
                add(p + ".gender", "Пол указывается как M или F");
            if (s.birthDate() != null && (s.birthDate().getYear() < 1990 || s.birthDate().isAfter(LocalDate.now())))
                add(p + ".birthDate", "Недопустимая дата рождения " + ru(s.birthDate()));
        });
    }

    private void checkEnrollments(List<Batch.Enrollment> enrollments) {
        each("enrollments", enrollments, (p, e) -> {
            ref(p + ".studentId", e.studentId(), known.students, "Ученик", true);
            KnownRecords.SchoolClass c = ref(p + ".classId", e.classId(), known.classes, "Класс");
            required(p + ".dateFrom", e.dateFrom());
            if (e.dateFrom() != null && e.dateTo() != null && e.dateTo().isBefore(e.dateFrom()))
                add(p + ".dateTo", "Дата выбытия раньше даты зачисления");
            KnownRecords.Year year = c == null ? null : known.years.get(c.yearId());
            inYear(p + ".dateFrom", e.dateFrom(), year);
            inYear(p + ".dateTo", e.dateTo(), year);
        });
    }

    private void checkGroups(List<Batch.Group> groups) {
        each("groups", groups, (p, g) -> {
            KnownRecords.SchoolClass c = ref(p + ".classId", g.classId(), known.classes, "Класс");
            required(p + ".name", g.name());
            for (int i = 0; i < g.studentIds().size(); i++) {
                String sp = p + ".studentIds[" + i + "]";
                String studentId = g.studentIds().get(i);
                if (ref(sp, studentId, known.students, "Ученик", true) && c != null
                        && !enrolledInYear(studentId, g.classId()))
                    add(sp, "Ученик «" + studentId + "» не числится в классе " + c.label() + ", которому принадлежит группа");
            }
        });
    }

    private void checkTimetable(List<Batch.TimetableSlot> slots) {
        each("timetable", slots, (p, t) -> {
            KnownRecords.SchoolClass c = ref(p + ".classId", t.classId(), known.classes, "Класс");
            groupOfClass(p + ".groupId", t.groupId(), t.classId());
            ref(p + ".subjectId", t.subjectId(), known.subjects, "Предмет", true);
            ref(p + ".teacherId", t.teacherId(), known.teachers, "Учитель", false);
            if (t.dayOfWeek() == null || t.dayOfWeek() < 1 || t.dayOfWeek() > 7)
                add(p + ".dayOfWeek", "День недели должен быть от 1 (понедельник) до 7");
            lessonNumber(p + ".lessonNumber", t.lessonNumber());
            required(p + ".validFrom", t.validFrom());
            KnownRecords.Year year = c == null ? null : known.years.get(c.yearId());
            inYear(p + ".validFrom", t.validFrom(), year);
            inYear(p + ".validTo", t.validTo(), year);
        });
    }

    private void checkLessons(List<Batch.Lesson> lessons) {
        each("lessons", lessons, (p, l) -> {
            KnownRecords.SchoolClass c = ref(p + ".classId", l.classId(), known.classes, "Класс");
            groupOfClass(p + ".groupId", l.groupId(), l.classId());
            ref(p + ".subjectId", l.subjectId(), known.subjects, "Предмет", true);
            ref(p + ".teacherId", l.teacherId(), known.teachers, "Учитель", true);
            ref(p + ".substituteTeacherId", l.substituteTeacherId(), known.teachers, "Учитель", false);
            required(p + ".date", l.date());
            lessonNumber(p + ".number", l.number());
            inYear(p + ".date", l.date(), c == null ? null : known.years.get(c.yearId()));
        });
    }

    private void checkMarks(List<Batch.Mark> marks) {
        each("marks", marks, (p, m) -> {
            studentInLesson(p, m.studentId(), m.lessonId());
            if (m.value() == null || !rules.markScale().contains(m.value()))
                add(p + ".value", "Отметка «" + m.value() + "» не входит в шкалу школы (допустимы: "
                        + String.join(", ", rules.markScale()) + ")");
            if (m.workType() != null && !rules.workTypes().isEmpty() && !rules.workTypes().contains(m.workType()))
                add(p + ".workType", "Неизвестный вид работы «" + m.workType() + "» (допустимы: "
                        + String.join(", ", rules.workTypes()) + ")");
            if (m.weight() != null && (m.weight().signum() <= 0 || m.weight().compareTo(rules.maxWeight()) > 0
                    || m.weight().scale() > 2))
                add(p + ".weight", "Вес отметки должен быть больше 0 и не больше " + rules.maxWeight().toPlainString()
                        + ", не более двух знаков после запятой");
            required(p + ".enteredAt", m.enteredAt());
        });
    }

    private void checkAttendance(List<Batch.Attendance> records) {
        var seen = new HashMap<String, Integer>();
        each("attendance", records, (p, a) -> {
            studentInLesson(p, a.studentId(), a.lessonId());
            if (a.code() == null || !rules.attendanceCodes().contains(a.code()))
                add(p + ".code", "Код посещаемости «" + a.code() + "» не входит в принятые в школе (допустимы: "
                        + String.join(", ", rules.attendanceCodes()) + ")");
            required(p + ".enteredAt", a.enteredAt());
            Integer first = seen.putIfAbsent(a.lessonId() + "\u0000" + a.studentId(), seen.size());
            if (a.lessonId() != null && a.studentId() != null && first != null)
                add(p + ".studentId", "Посещаемость ученика «" + a.studentId() + "» на уроке «" + a.lessonId()
                        + "» уже передана в этом пакете");
        });
    }

    private void checkPeriodMarks(List<Batch.PeriodMark> marks) {
        each("periodMarks", marks, (p, m) -> {
            ref(p + ".studentId", m.studentId(), known.students, "Ученик", true);
            ref(p + ".subjectId", m.subjectId(), known.subjects, "Предмет", true);
            KnownRecords.Year year = ref(p + ".academicYearId", m.academicYearId(), known.years, "Учебный год");
            if (!PERIOD_MARK_KINDS.contains(m.kind())) {
                add(p + ".kind", "Вид итоговой отметки должен быть QUARTER, TRIMESTER, HALF_YEAR, YEAR, EXAM или FINAL");
            } else if (PERIOD_KINDS.contains(m.kind())) {
                KnownRecords.Period period = ref(p + ".periodId", m.periodId(), known.periods, "Учебный период");
                if (m.periodId() == null) add(p + ".periodId", "Для отметки за " + m.kind() + " нужен учебный период");
                if (period != null && !m.kind().equals(period.kind()))
                    add(p + ".kind", "Вид отметки " + m.kind() + " не совпадает с видом периода " + period.kind());
                if (period != null && year != null && !period.yearId().equals(m.academicYearId()))
                    add(p + ".periodId", "Период «" + m.periodId() + "» относится к другому учебному году");
            } else if (m.periodId() != null) {
                add(p + ".periodId", "Годовая, экзаменационная и итоговая отметки ставятся без учебного периода");
            }
            if (m.value() == null || !rules.markScale().contains(m.value()))
                add(p + ".value", "Отметка «" + m.value() + "» не входит в шкалу школы (допустимы: "
                        + String.join(", ", rules.markScale()) + ")");
            if (year != null && m.studentId() != null && known.students.contains(m.studentId())
                    && !enrolledInYearOf(m.studentId(), m.academicYearId()))
                add(p + ".studentId", "Ученик «" + m.studentId() + "» не числится ни в одном классе учебного года " + year.name());
            required(p + ".enteredAt", m.enteredAt());
        });
    }

    private void checkDecisions(List<Batch.YearDecision> decisions) {
        each("yearDecisions", decisions, (p, d) -> {
            ref(p + ".studentId", d.studentId(), known.students, "Ученик", true);
            KnownRecords.Year year = ref(p + ".academicYearId", d.academicYearId(), known.years, "Учебный год");
            if (!DECISIONS.contains(d.decision()))
                add(p + ".decision", "Решение должно быть PROMOTED, PROMOTED_CONDITIONALLY, RETAINED или GRADUATED");
            required(p + ".decidedOn", d.decidedOn());
            if (year != null && d.decidedOn() != null && (d.decidedOn().isBefore(year.start())
                    || d.decidedOn().isAfter(year.end().plusMonths(3))))
                add(p + ".decidedOn", "Дата решения " + ru(d.decidedOn()) + " не относится к учебному году " + year.name());
        });
    }

    // --- shared checks ---

    /** The student must belong to the lesson's class on the lesson's day (and to its group, if any). */
    private void studentInLesson(String p, String studentId, String lessonId) {
        boolean studentKnown = ref(p + ".studentId", studentId, known.students, "Ученик", true);
        KnownRecords.Lesson lesson = ref(p + ".lessonId", lessonId, known.lessons, "Урок");
        if (!studentKnown || lesson == null || lesson.date() == null) return;
        boolean inClass = known.enrollmentsByStudent.getOrDefault(studentId, List.of()).stream()
                .anyMatch(e -> e.classId().equals(lesson.classId()) && e.covers(lesson.date()));
        KnownRecords.SchoolClass c = known.classes.get(lesson.classId());
        String label = c == null ? "«" + lesson.classId() + "»" : c.label();
        if (!inClass) {
            add(p + ".studentId", "Ученик «" + studentId + "» не числится в классе " + label + " на дату урока "
                    + ru(lesson.date()));
        } else if (lesson.groupId() != null) {
            KnownRecords.Group g = known.groups.get(lesson.groupId());
            if (g != null && !g.members().contains(studentId))
                add(p + ".studentId", "Ученик «" + studentId + "» не входит в группу «" + lesson.groupId() + "» этого урока");
        }
    }

    private boolean enrolledInYear(String studentId, String classId) {
        return known.enrollmentsByStudent.getOrDefault(studentId, List.of()).stream()
                .anyMatch(e -> e.classId().equals(classId));
    }

    private boolean enrolledInYearOf(String studentId, String yearId) {
        return known.enrollmentsByStudent.getOrDefault(studentId, List.of()).stream()
                .map(e -> known.classes.get(e.classId()))
                .anyMatch(c -> c != null && yearId.equals(c.yearId()));
    }

    private void groupOfClass(String path, String groupId, String classId) {
        KnownRecords.Group g = groupId == null ? null : ref(path, groupId, known.groups, "Группа");
        if (g != null && classId != null && !classId.equals(g.classId()))
            add(path, "Группа «" + groupId + "» относится к другому классу");
    }

    private <T> T ref(String path, String id, Map<String, T> known, String what) {
        if (id == null) {
            add(path, "Поле обязательно для заполнения");
            return null;
        }
        T value = known.get(id);
        if (value == null) add(path, notFound(what, id));
        return value;
    }

    private boolean ref(String path, String id, Collection<String> known, String what, boolean mandatory) {
        if (id == null) {
            if (mandatory) add(path, "Поле обязательно для заполнения");
            return false;
        }
        if (!known.contains(id)) {
            add(path, notFound(what, id));
            return false;
        }
        return true;
    }

    private static String notFound(String what, String id) {
        return what + " с идентификатором «" + id + "» не найден ни в пакете, ни в ранее переданных данных школы";
    }

    private void inYear(String path, LocalDate day, KnownRecords.Year year) {
        if (day == null || year == null) return;
        if (day.isBefore(year.start()) || day.isAfter(year.end()))
            add(path, "Дата " + ru(day) + " вне учебного года " + year.name() + " (" + ru(year.start()) + "–"
                    + ru(year.end()) + ")");
    }

    private void grade(String path, Integer grade) {
        if (grade == null || grade < 1 || grade > 11) add(path, "Параллель (класс) должна быть от 1 до 11");
    }

    private void lessonNumber(String path, Integer number) {
        if (number == null || number < 0 || number > 12) add(path, "Номер урока должен быть от 0 до 12");
    }

    private void required(String path, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) add(path, "Поле обязательно для заполнения");
    }

    private interface RecordCheck<R> {
        void check(String path, R record);
    }

    private <R> void each(String section, List<R> records, RecordCheck<R> check) {
        for (int i = 0; i < records.size(); i++) check.check(section + "[" + i + "]", records.get(i));
    }

    private void add(String path, String message) {
        problems.add(new Problem(path, message));
    }

    private static String ru(LocalDate day) {
        return day.format(RU_DATE);
    }

}
