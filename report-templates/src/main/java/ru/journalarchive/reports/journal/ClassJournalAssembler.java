package ru.journalarchive.reports.journal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import ru.journalarchive.journal.snapshot.ClassSnapshot;
import ru.journalarchive.journal.snapshot.ClassSnapshot.Period;
import ru.journalarchive.journal.snapshot.ClassSnapshot.Person;
import ru.journalarchive.reports.vocabulary.ClassNames;
import ru.journalarchive.reports.vocabulary.PeriodNames;
import ru.journalarchive.reports.vocabulary.PersonNames;

/** Cuts one class journal (a subject, a period or the whole year) out of a class snapshot. */
public final class ClassJournalAssembler {

    private ClassJournalAssembler() {}

    /** @param periodId a period of the snapshot, or null for the whole school year */
    public static ClassJournal assemble(ClassSnapshot s, String subjectId, String periodId) {
        var subject = s.subjects().stream().filter(x -> x.id().equals(subjectId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("class " + s.schoolClass().id() + " has no subject " + subjectId));
        Period period = periodId == null ? null : s.periods().stream().filter(p -> p.id().equals(periodId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("class " + s.schoolClass().id() + " has no period " + periodId));
        LocalDate from = period == null ? s.year().start() : period.start();
        LocalDate to = period == null ? s.year().end() : period.end();
        var scope = new ClassJournal.Scope(periodId, period == null ? "учебный год " + s.year().name()
                : PeriodNames.full(period) + " " + s.year().name(), from, to);
        Map<String, Person> teachers = s.teachers().stream().collect(Collectors.toMap(Person::id, Function.identity()));

        var lessons = new ArrayList<ClassJournal.Lesson>();
        var teacherIds = new LinkedHashSet<String>();
        s.curriculum().stream().filter(c -> c.subjectId().equals(subjectId) && c.teacherId() != null)
                .forEach(c -> teacherIds.add(c.teacherId()));
        for (var l : s.lessons()) {
            if (!l.subjectId().equals(subjectId) || l.date().isBefore(from) || l.date().isAfter(to)) continue;
            teacherIds.add(l.teacherId());
            lessons.add(new ClassJournal.Lesson(lessons.size() + 1, l.id(), l.date(), l.number(), l.topic(), l.homework(),
                    l.controlType(), name(teachers, l.teacherId()), name(teachers, l.substituteTeacherId()), l.tookPlace(),
                    l.comment()));
        }
        Set<String> lessonIds = new HashSet<>();
        lessons.forEach(l -> lessonIds.add(l.id()));

        var students = new ArrayList<ClassJournal.Student>();
        var seen = new HashSet<String>();
        for (var st : s.students()) {
            boolean overlaps = !st.from().isAfter(to) && (st.to() == null || !st.to().isBefore(from));
            if (overlaps && seen.add(st.id()))
                students.add(new ClassJournal.Student(students.size() + 1, st.id(), PersonNames.full(st), st.from(), st.to()));
        }

        var marks = s.marks().stream().filter(m -> lessonIds.contains(m.lessonId()))
                .map(m -> new ClassJournal.Mark(m.lessonId(), m.studentId(), m.value(), m.workType(), m.weight())).toList();
        var attendance = s.attendance().stream().filter(a -> lessonIds.contains(a.lessonId()))
                .map(a -> new ClassJournal.Attendance(a.lessonId(), a.studentId(), a.code())).toList();

        Map<String, Period> periods = s.periods().stream().collect(Collectors.toMap(Period::id, Function.identity()));
        var periodMarks = s.periodMarks().stream()
                .filter(pm -> pm.subjectId().equals(subjectId) && seen.contains(pm.studentId()))
                .filter(pm -> periodId == null || periodId.equals(pm.periodId()))
                .map(pm -> new ClassJournal.PeriodMark(pm.studentId(), pm.kind(), pm.periodId(),
                        pm.periodId() == null ? PeriodNames.yearEndColumn(pm.kind()) : PeriodNames.column(periods.get(pm.periodId())),
                        pm.value()))
                .toList();

        return new ClassJournal(s.school().name(), s.school().directorName(), s.year().name(), s.schoolClass().id(),
                ClassNames.of(s.schoolClass()), name(teachers, s.schoolClass().classTeacherId()), subjectId, subject.name(),
                teacherIds.stream().map(id -> name(teachers, id)).toList(), scope,
                s.periods().stream().map(p -> new ClassJournal.Period(p.id(), PeriodNames.full(p), PeriodNames.column(p),
                        p.start(), p.end())).toList(), students, lessons, marks, attendance,
                periodMarks);
    }

    /** Every subject of the class that has lessons or a curriculum line, by name. */
    public static List<String> subjects(ClassSnapshot s) {
        return s.subjects().stream().sorted(Comparator.comparing(ClassSnapshot.Subject::name))
                .map(ClassSnapshot.Subject::id).toList();
    }

    private static String name(Map<String, Person> teachers, String id) {
        if (id == null) return null;
        Person p = teachers.get(id);
        return p == null ? id : PersonNames.initials(p);
    }
}
