package ru.journalarchive.reports.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import ru.journalarchive.journal.monitoring.MonitoringCounts;
import ru.journalarchive.reports.arithmetic.Percent;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.arithmetic.WeightedAverage;
import ru.journalarchive.reports.vocabulary.PeriodNames;

/** Turns a school's raw monitoring counts into indicators, checks and flagged period marks. */
public final class MonitoringReportAssembler {

    private MonitoringReportAssembler() {}

    public static MonitoringReport assemble(MonitoringCounts c, ReportRules rules) {
        var indicators = List.of(
                IndicatorResult.of(Indicator.SCHEDULE, c.classesWithTimetable(), c.classes()),
                IndicatorResult.of(Indicator.PLANNING, c.lessonsPlanned(), c.lessons()),
                IndicatorResult.of(Indicator.KEEPING, c.lessonsKept(), c.lessons()),
                IndicatorResult.of(Indicator.TIMELINESS, c.entriesTimely(), c.entries()),
                IndicatorResult.of(Indicator.ONLINE, c.entriesOnline(), c.entries()),
                IndicatorResult.of(Indicator.PARENT_ACCOUNTS, c.studentsWithParentAccount(), c.students()));
        var curriculum = new ArrayList<MonitoringReport.CurriculumCheck>();
        int substituted = 0;
        for (var line : c.curriculum()) {
            int planned = BigDecimal.valueOf(line.plannedForYear()).multiply(c.plannedShare())
                    .setScale(0, RoundingMode.HALF_UP).intValue();
            curriculum.add(new MonitoringReport.CurriculumCheck(line.className(), line.subjectName(), planned, line.given(),
                    Percent.of(line.given(), planned), line.withHomework(), Percent.of(line.withHomework(), line.given()),
                    line.substituted()));
            substituted += line.substituted();
        }
        var teachers = c.teachers().stream().map(t -> new MonitoringReport.TeacherCheck(t.teacherName(), t.entries(), t.late(),
                Percent.of(t.late(), t.entries()))).toList();
        var disagreements = new ArrayList<MonitoringReport.MarkDisagreement>();
        for (var pm : c.periodMarks()) {
            var average = WeightedAverage.ofSums(pm.weightedSum(), pm.weights()).value().orElse(null);
            if (rules.disagrees(pm.periodMark(), average))
                disagreements.add(new MonitoringReport.MarkDisagreement(pm.studentName(), pm.className(), pm.subjectName(),
                        average, rules.rounding().round(average), pm.periodMark()));
        }
        String periodName = PeriodNames.full(new ru.journalarchive.journal.snapshot.ClassSnapshot.Period(c.periodId(),
                c.periodKind(), c.periodNumber(), c.from(), c.to())) + " " + c.yearName();
        return new MonitoringReport(c.schoolName(), c.periodId(), periodName, c.from(), c.to(), indicators, curriculum,
                teachers, disagreements, substituted);
    }
}
