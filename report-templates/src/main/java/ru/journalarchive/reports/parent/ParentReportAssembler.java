package ru.journalarchive.reports.parent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ru.journalarchive.journal.snapshot.ClassSnapshot;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.arithmetic.WeightedAverage;
import ru.journalarchive.reports.vocabulary.ClassNames;
import ru.journalarchive.reports.vocabulary.PeriodNames;
import ru.journalarchive.reports.vocabulary.PersonNames;

/** Cuts one student's progress report for one period out of the class snapshot. */
public final class ParentReportAssembler {

    private ParentReportAssembler() {}

    public static ParentReport assemble(ClassSnapshot s, String studentId, String periodId, ReportRules rules) {
        var student = s.students().stream().filter(x -> x.id().equals(studentId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("class " + s.schoolClass().id() + " has no student " + studentId));
        var period = s.periods().stream().filter(p -> p.id().equals(periodId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("class " + s.schoolClass().id() + " has no period " + periodId));
        Map<String, ClassSnapshot.Lesson> lessons = new HashMap<>();
        s.lessons().stream().filter(l -> !l.date().isBefore(period.start()) && !l.date().isAfter(period.end()))
                .forEach(l -> lessons.put(l.id(), l));
        Map<String, String> subjectNames = new HashMap<>();
        s.subjects().forEach(x -> subjectNames.put(x.id(), x.name()));

        var marksBySubject = new HashMap<String, List<ParentReport.Mark>>();
        var averages = new HashMap<String, WeightedAverage>();
        for (var m : s.marks()) {
            var lesson = lessons.get(m.lessonId());
            if (lesson == null || !m.studentId().equals(studentId)) continue;
            marksBySubject.computeIfAbsent(lesson.subjectId(), k -> new ArrayList<>())
                    .add(new ParentReport.Mark(lesson.date(), m.value(), m.workType(), m.weight()));
            averages.computeIfAbsent(lesson.subjectId(), k -> new WeightedAverage()).add(m.value(), m.weight());
        }
        var periodMarks = new HashMap<String, String>();
        s.periodMarks().stream().filter(pm -> pm.studentId().equals(studentId) && periodId.equals(pm.periodId()))
                .forEach(pm -> periodMarks.put(pm.subjectId(), pm.value()));

        var subjects = new ArrayList<ParentReport.Subject>();
        for (var subject : s.subjects()) {
            var marks = marksBySubject.getOrDefault(subject.id(), List.of());
            String periodMark = periodMarks.get(subject.id());
            if (marks.isEmpty() && periodMark == null) continue;
            var average = averages.get(subject.id());
            subjects.add(new ParentReport.Subject(subject.id(), subject.name(), marks,
                    average == null ? null : average.value().orElse(null), periodMark));
        }

        var absences = new ArrayList<ParentReport.Absence>();
        int missed = 0;
        int ill = 0;
        for (var a : s.attendance()) {
            var lesson = lessons.get(a.lessonId());
            if (lesson == null || !a.studentId().equals(studentId)) continue;
            absences.add(new ParentReport.Absence(lesson.date(), lesson.number(), subjectNames.get(lesson.subjectId()), a.code()));
            if (rules.attendance().missed().contains(a.code())) missed++;
            if (rules.attendance().illness().contains(a.code())) ill++;
        }
        absences.sort(java.util.Comparator.comparing(ParentReport.Absence::date).thenComparing(ParentReport.Absence::lessonNumber));
        var teacher = s.teachers().stream().filter(t -> t.id().equals(s.schoolClass().classTeacherId())).findFirst();
        return new ParentReport(s.school().name(), s.school().directorName(), s.year().name(), ClassNames.of(s.schoolClass()),
                teacher.map(PersonNames::full).orElse(null), studentId, PersonNames.full(student), periodId,
                PeriodNames.full(period) + " " + s.year().name(), period.start(), period.end(), subjects, absences, missed, ill);
    }
}
