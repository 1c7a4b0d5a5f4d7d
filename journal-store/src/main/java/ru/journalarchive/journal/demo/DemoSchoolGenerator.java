package ru.journalarchive.journal.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import ru.journalarchive.journal.ingest.Batch;

/**
 * A synthetic but plausible school for one year, deterministic per seed: grades 1–11 with 1–4
 * classes each, the federal curriculum, a timetable, every lesson with topic and homework, marks
 * around each student's level, absences with illness streaks, period marks computed from the
 * marks, transfers between classes, and deliberate anomalies a monitoring report should find:
 * two teachers who enter marks days late, lessons without topic or homework, and about 1 % of
 * period marks out of line with the weighted average.
 */
public final class DemoSchoolGenerator {

    static final ZoneOffset MSK = ZoneOffset.ofHours(3);
    static final String SCHOOL_NAME = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 18»";
    private static final String LETTERS = "АБВГ";
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final DemoOptions options;
    private final SplittableRandom random;
    private final SchoolCalendar calendar;
    private final String y;

    private final List<Batch.Teacher> teachers = new ArrayList<>();
    private final List<Batch.SchoolClass> classes = new ArrayList<>();
    private final List<Batch.Student> students = new ArrayList<>();
    private final List<Batch.CurriculumItem> curriculum = new ArrayList<>();
    private final List<Batch.TimetableSlot> timetable = new ArrayList<>();
    private final List<Batch.ParentAccess> parentAccess = new ArrayList<>();
    private final Map<String, Integer> gradeOfClass = new HashMap<>();
    private final Map<String, String> teacherOf = new HashMap<>();      // class|subject -> teacher
    private final Map<String, Pupil> pupils = new LinkedHashMap<>();
    private final Set<String> lateTeachers = new HashSet<>();
    /** Enrollments that open at the start (roster) and those that change during the year, by month. */
    private final List<Batch.Enrollment> initialEnrollments = new ArrayList<>();
    private final Map<YearMonth, List<Batch.Enrollment>> enrollmentChanges = new HashMap<>();
    /** student|subject -> marks given, for period marks. */
    private final Map<String, List<Batch.Mark>> marksOf = new HashMap<>();
    private final Map<String, LocalDate> lessonDate = new HashMap<>();
    /** student|subject|term -> the period mark sent, from which the year mark is derived. */
    private final Map<String, String> termValues = new HashMap<>();
    private final Map<String, Integer> lessonIndex = new HashMap<>();
    private long seq;

    /** One student's traits and where they are during the year. */
    private static final class Pupil {
        final String id;
        final double ability;
        final Map<String, Double> subjectBias = new HashMap<>();
        final Set<LocalDate> illDays = new HashSet<>();
        final Set<LocalDate> truantDays = new HashSet<>();
        final boolean peExempt;
        String classId;
        String secondClassId;
        LocalDate from;
        LocalDate switchDay;

        Pupil(String id, double ability, boolean peExempt) {
            this.id = id;
            this.ability = ability;
            this.peExempt = peExempt;
        }

        String classOn(LocalDate day) {
            if (day.isBefore(from)) return null;
            return switchDay != null && !day.isBefore(switchDay) ? secondClassId : classId;
        }
    }

    private DemoSchoolGenerator(DemoOptions options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.calendar = new SchoolCalendar(options.year());
        this.y = String.valueOf(options.year());
    }

    public static DemoData generate(DemoOptions options) {
        return new DemoSchoolGenerator(options).generate();
    }

    private DemoData generate() {
        buildClassesAndTeachers();
        buildStudents();
        buildTimetable();
        var batches = new ArrayList<Batch>();
        batches.add(roster());
        List<LocalDate> days = calendar.schoolDays();
        YearMonth first = YearMonth.from(calendar.yearStart);
        YearMonth last = YearMonth.from(calendar.lastLessonDay);
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            final YearMonth month = m;
            batches.add(month(month, days.stream().filter(d -> YearMonth.from(d).equals(month)).toList()));
            for (SchoolCalendar.Term term : calendar.terms) {
                if (YearMonth.from(term.end()).equals(month)) batches.add(termMarks(term));
            }
        }
        batches.add(yearEnd());
        return new DemoData(SCHOOL_NAME, batches);
    }

    // --- roster ---

    private void buildClassesAndTeachers() {
        int perGrade = options.students() / 11;
        // Primary classes have their own class teacher who teaches the core subjects.
        var subjectLoad = new LinkedHashMap<String, List<String>>(); // subject -> classes taught by specialists
        for (int grade = 1; grade <= 11; grade++) {
            int classCount = Math.max(1, Math.min(4, (int) Math.round(perGrade / 26.0)));
            for (int k = 0; k < classCount; k++) {
                String classId = "c-" + y + "-" + grade + (char) ('a' + k);
                gradeOfClass.put(classId, grade);
                String classTeacher = null;
                if (grade <= 4) {
                    classTeacher = newTeacher("Учитель начальных классов");
                }
                for (Curriculum.Subject s : Curriculum.forGrade(grade)) {
                    boolean byClassTeacher = grade <= 4 && !Set.of("eng", "music", "pe", "orkse").contains(s.id());
                    if (byClassTeacher) teacherOf.put(classId + "|" + s.id(), classTeacher);
                    else subjectLoad.computeIfAbsent(s.id(), x -> new ArrayList<>()).add(classId);
                }
                classes.add(new Batch.SchoolClass(classId, y, grade, String.valueOf(LETTERS.charAt(k)), classTeacher));
            }
        }
        // Specialists: about 24 hours a week each.
        for (var e : subjectLoad.entrySet()) {
            Curriculum.Subject s = Curriculum.SUBJECTS.stream().filter(x -> x.id().equals(e.getKey())).findFirst().orElseThrow();
            int hours = e.getValue().stream().mapToInt(c -> s.hours(gradeOfClass.get(c))).sum();
            int count = Math.max(1, (int) Math.ceil(hours / 24.0));
            var staff = new ArrayList<String>();
            for (int i = 0; i < count; i++) staff.add(newTeacher("Учитель (" + s.name() + ")"));
            for (int i = 0; i < e.getValue().size(); i++) {
                teacherOf.put(e.getValue().get(i) + "|" + s.id(), staff.get(i * count / e.getValue().size()));
            }
        }
        // Class teachers of grades 5–11 are subject teachers.
        for (int i = 0; i < classes.size(); i++) {
            var c = classes.get(i);
            if (c.classTeacherId() == null) {
                String teacher = teacherOf.get(c.id() + "|" + (c.grade() % 2 == 0 ? "rus" : "hist"));
                classes.set(i, new Batch.SchoolClass(c.id(), c.academicYearId(), c.grade(), c.letter(), teacher));
            }
        }
        for (var c : classes) {
            for (Curriculum.Subject s : Curriculum.forGrade(c.grade())) {
                curriculum.add(new Batch.CurriculumItem("cur-" + c.id().substring(2) + "-" + s.id(), c.id(), s.id(),
                        teacherOf.get(c.id() + "|" + s.id()), s.hours(c.grade()) * (c.grade() == 1 ? 33 : 34)));
            }
        }
        // Two teachers fill the journal days late: the timeliness indicator must notice.
        lateTeachers.add(teachers.get(teachers.size() / 3).id());
        lateTeachers.add(teachers.get(teachers.size() * 2 / 3).id());
    }

    private String newTeacher(String position) {
        String id = String.format("t-%03d", teachers.size() + 1);
        RussianNames.FullName n = RussianNames.random(random, random.nextDouble() < 0.15);
        teachers.add(new Batch.Teacher(id, n.lastName(), n.firstName(), n.middleName(), position));
        return id;
    }

    private void buildStudents() {
        int total = options.students();
        var byGrade = new HashMap<Integer, List<Batch.SchoolClass>>();
        classes.forEach(c -> byGrade.computeIfAbsent(c.grade(), g -> new ArrayList<>()).add(c));
        for (int i = 0; i < total; i++) {
            int grade = 1 + i * 11 / total;
            List<Batch.SchoolClass> parallel = byGrade.get(grade);
            String classId = parallel.get(i % parallel.size()).id();
            String id = String.format("s-%05d", i + 1);
            RussianNames.FullName n = RussianNames.random(random, random.nextBoolean());
            LocalDate born = LocalDate.of(options.year() - grade - 7, 9, 1).plusDays(random.nextInt(365));
            students.add(new Batch.Student(id, n.lastName(), n.firstName(), n.middleName(), n.gender(), born));
            double ability = Math.max(2.6, Math.min(4.95, 3.9 + gaussian() * 0.55));
            var p = new Pupil(id, ability, random.nextDouble() < 0.02);
            p.classId = classId;
            p.from = calendar.yearStart;
            for (Curriculum.Subject s : Curriculum.SUBJECTS) p.subjectBias.put(s.id(), gaussian() * 0.35);
            double roll = random.nextDouble();
            if (roll < 0.012 && parallel.size() > 1) {
                p.switchDay = schoolDayNear(calendar.yearStart.plusDays(70 + random.nextInt(120)));
                p.secondClassId = parallel.get((i + 1) % parallel.size()).id();
            } else if (roll < 0.024) {
                p.from = schoolDayNear(calendar.yearStart.plusDays(30 + random.nextInt(120)));
            }
            planAbsences(p);
            pupils.put(id, p);
            int accounts = random.nextDouble() < 0.08 ? 0 : random.nextDouble() < 0.55 ? 1 : 2;
            int activated = accounts > 0 && random.nextDouble() < 0.25 ? accounts - 1 : accounts;
            parentAccess.add(new Batch.ParentAccess("pa-" + id, id, accounts, activated,
                    accounts == 0 && random.nextDouble() < 0.5));
            enroll(p);
        }
    }

    private void enroll(Pupil p) {
        String first = "e-" + y + "-" + p.id;
        if (p.switchDay == null) {
            var e = new Batch.Enrollment(first, p.id, p.classId, p.from, null);
            if (p.from.equals(calendar.yearStart)) initialEnrollments.add(e);
            else enrollmentChanges.computeIfAbsent(YearMonth.from(p.from), m -> new ArrayList<>()).add(e);
            return;
        }
        initialEnrollments.add(new Batch.Enrollment(first, p.id, p.classId, p.from, null));
        var changes = enrollmentChanges.computeIfAbsent(YearMonth.from(p.switchDay), m -> new ArrayList<>());
        changes.add(new Batch.Enrollment(first, p.id, p.classId, p.from, p.switchDay.minusDays(1)));
        changes.add(new Batch.Enrollment(first + "-2", p.id, p.secondClassId, p.switchDay, null));
    }

    private LocalDate schoolDayNear(LocalDate day) {
        LocalDate d = day;
        while (!calendar.isSchoolDay(d)) d = d.plusDays(1);
        return d;
    }

    /** Illness streaks of 3–8 school days (код «б») and now and then a whole day missed («н»). */
    private void planAbsences(Pupil p) {
        List<LocalDate> days = calendar.schoolDays();
        double illness = 0.006 + random.nextDouble() * 0.012;
        for (int i = 0; i < days.size(); i++) {
            if (random.nextDouble() < illness) {
                int length = 3 + random.nextInt(6);
                for (int k = 0; k < length && i + k < days.size(); k++) p.illDays.add(days.get(i + k));
                i += length;
            } else if (random.nextDouble() < 0.003) {
                p.truantDays.add(days.get(i));
            }
        }
    }

    private void buildTimetable() {
        for (var c : classes) {
            var hours = new ArrayList<String>();
            for (Curriculum.Subject s : Curriculum.forGrade(c.grade())) {
                for (int h = 0; h < s.hours(c.grade()); h++) hours.add(s.id());
            }
            // Deal the week's hours round-robin so that one subject is spread over the days.
            var perDay = new HashMap<Integer, Integer>();
            for (int k = 0; k < hours.size(); k++) {
                int day = 1 + k % 5;
                int number = perDay.merge(day, 1, Integer::sum);
                String subject = hours.get(k);
                timetable.add(new Batch.TimetableSlot(String.format("ts-%s-%d-%d", c.id().substring(2), day, number),
                        c.id(), null, subject, teacherOf.get(c.id() + "|" + subject), day, number,
                        calendar.yearStart, null, String.valueOf(100 + random.nextInt(220))));
            }
        }
    }

    private Batch roster() {
        var profile = new Batch.SchoolProfile(SCHOOL_NAME, "МБОУ «СОШ № 18»", "9102012345", "1149102012345",
                "297000, Республика Крым, г. Саки, ул. Школьная, д. 18", "Лебедева Ирина Викторовна");
        var year = new Batch.AcademicYear(y, calendar.name(), calendar.yearStart, calendar.yearEnd);
        var periods = calendar.terms.stream().map(t -> new Batch.Period(t.id(), y, t.kind(), t.number(), t.gradeFrom(),
                t.gradeTo(), t.start(), t.end())).toList();
        var subjects = Curriculum.SUBJECTS.stream().map(s -> new Batch.Subject(s.id(), s.name(), s.shortName())).toList();
        return new Batch("demo-" + y + "-roster", profile, List.of(year), periods, teachers, subjects, classes,
                students, initialEnrollments, null, curriculum, timetable, null, null, null, null, null, parentAccess, null);
    }

    // --- lessons, marks, attendance ---

    private Batch month(YearMonth month, List<LocalDate> days) {
        var lessons = new ArrayList<Batch.Lesson>();
        var marks = new ArrayList<Batch.Mark>();
        var attendance = new ArrayList<Batch.Attendance>();
        for (LocalDate day : days) {
            for (Batch.TimetableSlot slot : timetable) {
                if (slot.dayOfWeek() != day.getDayOfWeek().getValue()) continue;
                String key = slot.classId() + "|" + slot.subjectId();
                int index = lessonIndex.merge(key, 1, Integer::sum) - 1;
                Batch.Lesson lesson = lesson(slot, day, index);
                lessons.add(lesson);
                lessonDate.put(lesson.id(), day);
                fillLesson(lesson, index, marks, attendance);
            }
        }
        return new Batch("demo-" + month, null, null, null, null, null, null, null,
                enrollmentChanges.getOrDefault(month, List.of()), null, null, null, lessons, marks, attendance,
                null, null, null, null);
    }

    private Batch.Lesson lesson(Batch.TimetableSlot slot, LocalDate day, int index) {
        Curriculum.Subject s = subject(slot.subjectId());
        int grade = gradeOfClass.get(slot.classId());
        String id = String.format("l-%s-%06d", y, ++seq);
        String topic = s.topics().get(index / 3 % s.topics().size());
        if (index % 3 > 0) topic += " (продолжение)";
        String controlType = controlLesson(s, grade, index) ? "Контрольная работа"
                : selfWork(s, grade, index) ? "Самостоятельная работа" : null;
        String homework = s.homework() && grade > 1 ? Curriculum.homework(s, index) : null;
        if (random.nextDouble() < 0.02) topic = null;
        if (homework != null && random.nextDouble() < 0.03) homework = null;
        String substitute = random.nextDouble() < 0.02 ? teachers.get(random.nextInt(teachers.size())).id() : null;
        if (substitute != null && substitute.equals(slot.teacherId())) substitute = null;
        String writer = substitute != null ? substitute : slot.teacherId();
        OffsetDateTime entered = enteredAt(writer, day, slot.lessonNumber());
        return new Batch.Lesson(id, slot.classId(), null, slot.subjectId(), slot.teacherId(), substitute, day,
                slot.lessonNumber(), topic, homework, controlType, true, null,
                topic == null ? null : entered, homework == null ? null : entered, entered, null);
    }

    private static boolean controlLesson(Curriculum.Subject s, int grade, int index) {
        return grade > 1 && index % 8 == 7 && !Set.of("pe", "music", "art", "tech", "orkse").contains(s.id());
    }

    private static boolean selfWork(Curriculum.Subject s, int grade, int index) {
        return grade > 1 && index % 8 == 3 && !Set.of("pe", "music", "art", "tech", "orkse").contains(s.id());
    }

    private void fillLesson(Batch.Lesson lesson, int index, List<Batch.Mark> marks, List<Batch.Attendance> attendance) {
        int grade = gradeOfClass.get(lesson.classId());
        Curriculum.Subject s = subject(lesson.subjectId());
        String writer = lesson.substituteTeacherId() != null ? lesson.substituteTeacherId() : lesson.teacherId();
        boolean control = controlLesson(s, grade, index);
        boolean selfWork = selfWork(s, grade, index);
        for (Pupil p : pupils.values()) {
            if (!lesson.classId().equals(p.classOn(lesson.date()))) continue;
            String code = absence(p, lesson);
            if (code != null) {
                attendance.add(new Batch.Attendance(String.format("a-%s-%07d", y, ++seq), lesson.id(), p.id, code,
                        enteredAt(writer, lesson.date(), lesson.number())));
                if (!code.equals("о")) continue;
            }
            if (grade == 1 || s.id().equals("orkse") || (s.id().equals("pe") && p.peExempt)) continue;
            if (control && s.id().equals("rus")) {
                // A dictation gets two marks: spelling and the grammar task («5/4»).
                mark(p, lesson, s, "Д", TWO, -0.2, writer, marks);
                mark(p, lesson, s, "Д", TWO, 0.0, writer, marks);
            } else if (control) {
                mark(p, lesson, s, "К", TWO, -0.2, writer, marks);
            } else if (selfWork) {
                mark(p, lesson, s, "С", BigDecimal.ONE, 0.0, writer, marks);
            } else {
                double roll = random.nextDouble();
                if (roll < 0.31) mark(p, lesson, s, "О", BigDecimal.ONE, 0.1, writer, marks);
                else if (roll < 0.48 && s.homework()) mark(p, lesson, s, "ДЗ", BigDecimal.ONE, 0.2, writer, marks);
            }
        }
    }

    private String absence(Pupil p, Batch.Lesson lesson) {
        if (p.illDays.contains(lesson.date())) return "б";
        if (p.truantDays.contains(lesson.date())) return "н";
        double roll = random.nextDouble();
        if (roll < 0.004) return "н";
        if (roll < 0.006) return "у";
        if (roll < 0.010 && lesson.number() == 1) return "о";
        return null;
    }

    private void mark(Pupil p, Batch.Lesson lesson, Curriculum.Subject s, String workType, BigDecimal weight,
                      double shift, String writer, List<Batch.Mark> marks) {
        double level = p.ability + p.subjectBias.get(s.id()) + shift + gaussian() * 0.8;
        int value = (int) Math.max(2, Math.min(5, Math.round(level)));
        var mark = new Batch.Mark(String.format("m-%s-%07d", y, ++seq), lesson.id(), p.id, String.valueOf(value),
                workType, weight, enteredAt(writer, lesson.date(), lesson.number()));
        marks.add(mark);
        marksOf.computeIfAbsent(p.id + "|" + s.id(), k -> new ArrayList<>()).add(mark);
    }

    /** Most entries are made the same afternoon; the late teachers' two to six days later. */
    private OffsetDateTime enteredAt(String teacherId, LocalDate day, int lessonNumber) {
        LocalTime lessonEnd = LocalTime.of(8, 30).plusMinutes(55L * lessonNumber);
        OffsetDateTime at = OffsetDateTime.of(day, lessonEnd, MSK).plusMinutes(random.nextInt(360));
        if (lateTeachers.contains(teacherId) && random.nextDouble() < 0.7) at = at.plusDays(2 + random.nextInt(5));
        return at;
    }

    // --- period marks and year end ---

    private Batch termMarks(SchoolCalendar.Term term) {
        var periodMarks = new ArrayList<Batch.PeriodMark>();
        OffsetDateTime entered = OffsetDateTime.of(term.end(), LocalTime.of(15, 0), MSK);
        for (Pupil p : pupils.values()) {
            String classId = p.classOn(term.end());
            if (classId == null) continue;
            int grade = gradeOfClass.get(classId);
            if (grade == 1 || grade < term.gradeFrom() || grade > term.gradeTo()) continue;
            for (Curriculum.Subject s : Curriculum.forGrade(grade)) {
                String value = termValue(p, s, term);
                termValues.put(p.id + "|" + s.id() + "|" + term.id(), value);
                periodMarks.add(new Batch.PeriodMark("pm-" + p.id + "-" + s.id() + "-" + term.id(), p.id, s.id(), y,
                        term.kind(), term.id(), value, entered));
            }
        }
        return new Batch("demo-" + term.id() + "-marks", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, periodMarks, null, null, null);
    }

    private String termValue(Pupil p, Curriculum.Subject s, SchoolCalendar.Term term) {
        if (s.id().equals("orkse")) return "зач";
        if (s.id().equals("pe") && p.peExempt) return "осв";
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Batch.Mark m : marksOf.getOrDefault(p.id + "|" + s.id(), List.of())) {
            LocalDate day = lessonDate.get(m.lessonId());
            if (day.isBefore(term.start()) || day.isAfter(term.end())) continue;
            sum = sum.add(new BigDecimal(m.value()).multiply(m.weight()));
            weights = weights.add(m.weight());
        }
        if (weights.signum() == 0) return "н/а";
        int value = sum.divide(weights, 2, RoundingMode.HALF_UP).setScale(0, RoundingMode.HALF_UP).intValue();
        // About 1 % of period marks are set out of line with the weighted average.
        if (random.nextDouble() < 0.01) value = value >= 4 ? value - 1 : value + 1;
        return String.valueOf(value);
    }

    private Batch yearEnd() {
        var periodMarks = new ArrayList<Batch.PeriodMark>();
        var decisions = new ArrayList<Batch.YearDecision>();
        LocalDate councilDay = calendar.lastLessonDay.plusDays(1);
        LocalDate graduationCouncil = LocalDate.of(options.year() + 1, 6, 25);
        for (Pupil p : pupils.values()) {
            String classId = p.classOn(calendar.lastLessonDay);
            int grade = gradeOfClass.get(classId);
            OffsetDateTime entered = OffsetDateTime.of(calendar.lastLessonDay, LocalTime.of(16, 0), MSK);
            boolean failed = false;
            if (grade > 1) {
                for (Curriculum.Subject s : Curriculum.forGrade(grade)) {
                    String yearValue = yearValue(p, s, grade);
                    failed |= yearValue.equals("2");
                    periodMarks.add(new Batch.PeriodMark("pm-" + p.id + "-" + s.id() + "-" + y + "-year", p.id, s.id(),
                            y, "YEAR", null, yearValue, entered));
                    if (grade == 9 || grade == 11) {
                        String finalValue = yearValue;
                        if (Curriculum.EXAMS.get(grade).contains(s.id())) {
                            int exam = (int) Math.max(2, Math.min(5, Math.round(p.ability + gaussian() * 0.7)));
                            periodMarks.add(new Batch.PeriodMark("pm-" + p.id + "-" + s.id() + "-" + y + "-exam", p.id,
                                    s.id(), y, "EXAM", null, String.valueOf(exam),
                                    OffsetDateTime.of(graduationCouncil.minusDays(5), LocalTime.of(12, 0), MSK)));
                            if (yearValue.matches("[1-5]")) finalValue = String.valueOf(
                                    BigDecimal.valueOf(Integer.parseInt(yearValue) + exam)
                                            .divide(TWO, 0, RoundingMode.HALF_UP).intValue());
                        }
                        periodMarks.add(new Batch.PeriodMark("pm-" + p.id + "-" + s.id() + "-" + y + "-final", p.id,
                                s.id(), y, "FINAL", null, finalValue,
                                OffsetDateTime.of(graduationCouncil, LocalTime.of(12, 0), MSK)));
                    }
                }
            }
            boolean graduating = grade == 9 || grade == 11;
            String decision = graduating ? (failed ? "RETAINED" : "GRADUATED") : failed ? "PROMOTED_CONDITIONALLY" : "PROMOTED";
            LocalDate day = graduating ? graduationCouncil : councilDay;
            decisions.add(new Batch.YearDecision("yd-" + y + "-" + p.id, p.id, y, decision, day,
                    "Протокол педагогического совета № " + (graduating ? 7 : 6) + " от "
                            + day.format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"))));
        }
        return new Batch("demo-" + y + "-year-end", null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, periodMarks, decisions, null, null);
    }

    /** The year mark is the rounded mean of the period marks (numeric ones). */
    private String yearValue(Pupil p, Curriculum.Subject s, int grade) {
        if (s.id().equals("orkse")) return "зач";
        if (s.id().equals("pe") && p.peExempt) return "осв";
        int sum = 0;
        int n = 0;
        for (SchoolCalendar.Term t : calendar.termsOf(grade)) {
            String v = termValues.getOrDefault(p.id + "|" + s.id() + "|" + t.id(), "н/а");
            if (v.matches("[1-5]")) {
                sum += Integer.parseInt(v);
                n++;
            }
        }
        if (n == 0) return "н/а";
        return String.valueOf(BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 0, RoundingMode.HALF_UP).intValue());
    }

    private static Curriculum.Subject subject(String id) {
        return Curriculum.SUBJECTS.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private double gaussian() {
        // Box–Muller on the seeded generator keeps the output deterministic per seed.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
