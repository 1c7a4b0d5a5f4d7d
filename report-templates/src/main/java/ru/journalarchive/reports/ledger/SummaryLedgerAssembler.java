package ru.journalarchive.reports.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ru.journalarchive.journal.snapshot.ClassSnapshot;
import ru.journalarchive.reports.arithmetic.AttendanceTotals;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.arithmetic.SubjectResults;
import ru.journalarchive.reports.vocabulary.ClassNames;
import ru.journalarchive.reports.vocabulary.Decisions;
import ru.journalarchive.reports.vocabulary.PeriodNames;
import ru.journalarchive.reports.vocabulary.PersonNames;

/** Builds the summary ledger of a class from its snapshot. */
public final class SummaryLedgerAssembler {

    private static final List<String> YEAR_END = List.of("YEAR", "EXAM", "FINAL");

    private SummaryLedgerAssembler() {}

    public static SummaryLedger assemble(ClassSnapshot s, ReportRules rules) {
        var subjects = s.subjects().stream()
                .map(x -> new SummaryLedger.Subject(x.id(), x.name(), x.shortName() == null ? x.name() : x.shortName()))
                .toList();
        var columns = columns(s);
        var studentsById = new LinkedHashMap<String, ClassSnapshot.Student>();
        s.students().forEach(st -> studentsById.putIfAbsent(st.id(), st));

        var marks = new HashMap<String, Map<String, Map<String, String>>>();
        for (var pm : s.periodMarks()) {
            marks.computeIfAbsent(pm.studentId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(pm.subjectId(), k -> new LinkedHashMap<>())
                    .put(pm.periodId() == null ? pm.kind() : pm.periodId(), pm.value());
        }
        var decisions = new HashMap<String, String>();
        s.decisions().forEach(d -> decisions.put(d.studentId(), d.decision()));

        var students = new ArrayList<SummaryLedger.Student>();
        var codes = new HashMap<String, Map<String, String>>();
        s.attendance().forEach(a -> codes.computeIfAbsent(a.studentId(), k -> new HashMap<>()).put(a.lessonId(), a.code()));
        var marked = new HashMap<String, Set<String>>();
        s.marks().forEach(m -> marked.computeIfAbsent(m.studentId(), k -> new HashSet<>()).add(m.lessonId()));
        for (var st : studentsById.values()) {
            AttendanceTotals a = attendance(s, st, codes.getOrDefault(st.id(), Map.of()),
                    marked.getOrDefault(st.id(), Set.of()), rules);
            String decision = decisions.get(st.id());
            students.add(new SummaryLedger.Student(students.size() + 1, st.id(), PersonNames.full(st),
                    marks.getOrDefault(st.id(), Map.of()), a.daysMissed(), a.daysMissedForIllness(), a.lessonsMissed(),
                    a.lessonsMissedForIllness(), decision, Decisions.text(decision, s.schoolClass().grade(), st.gender())));
        }

        var totals = new ArrayList<SummaryLedger.SubjectTotals>();
        for (var subject : subjects) {
            for (var column : columns) {
                var results = new SubjectResults();
                students.forEach(st -> results.add(st.marks().getOrDefault(subject.id(), Map.of()).get(column.key())));
                if (results.marksGiven() > 0)
                    totals.add(new SummaryLedger.SubjectTotals(subject.id(), column.key(), results.marksGiven(),
                            results.successPercent(), results.qualityPercent(), results.average()));
            }
        }
        var teachers = new HashMap<String, ClassSnapshot.Person>();
        s.teachers().forEach(t -> teachers.put(t.id(), t));
        var classTeacher = teachers.get(s.schoolClass().classTeacherId());
        return new SummaryLedger(s.school().name(), s.school().directorName(), s.year().name(), s.schoolClass().id(),
                ClassNames.of(s.schoolClass()), classTeacher == null ? null : PersonNames.full(classTeacher), subjects,
                columns, students, totals);
    }

    /** The class's periods that carry marks, then the year-end kinds that occur. */
    private static List<SummaryLedger.Column> columns(ClassSnapshot s) {
        Set<String> used = new HashSet<>();
        s.periodMarks().forEach(pm -> used.add(pm.periodId() == null ? pm.kind() : pm.periodId()));
        var columns = new ArrayList<SummaryLedger.Column>();
        s.periods().stream().filter(p -> used.contains(p.id()))
                .forEach(p -> columns.add(new SummaryLedger.Column(p.id(), PeriodNames.column(p))));
        YEAR_END.stream().filter(used::contains)
                .forEach(k -> columns.add(new SummaryLedger.Column(k, PeriodNames.yearEndColumn(k))));
        return columns;
    }

    /**
     * The lessons a student was expected at: lessons of the class that took place while the student
     * was in it; a group lesson only if the student has a record in it (the snapshot has no group
     * membership).
     */
    private static AttendanceTotals attendance(ClassSnapshot s, ClassSnapshot.Student student, Map<String, String> codes,
                                               Set<String> marked, ReportRules rules) {
        var enrollments = s.students().stream().filter(x -> x.id().equals(student.id())).toList();
        var totals = new AttendanceTotals(rules.attendance());
        for (var l : s.lessons()) {
            if (!l.tookPlace()) continue;
            boolean enrolled = enrollments.stream().anyMatch(e -> !l.date().isBefore(e.from())
                    && (e.to() == null || !l.date().isAfter(e.to())));
            if (!enrolled) continue;
            if (l.groupId() != null && !codes.containsKey(l.id()) && !marked.contains(l.id())) continue;
            totals.lesson(l.date(), codes.get(l.id()));
        }
        return totals;
    }
}
