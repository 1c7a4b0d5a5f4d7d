package ru.journalarchive.journal.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The raw counts behind the monitoring indicators of one school for one study period, read in one
 * snapshot. Percentages, thresholds and verdicts are computed from these by report-templates.
 *
 * @param plannedShare the period's share of the year's planned lessons: its days over the days of
 *                     all periods of the same kind in the year (holidays fall between periods)
 */
public record MonitoringCounts(String schoolName, String periodId, String periodKind, int periodNumber, String yearName,
                               LocalDate from, LocalDate to, BigDecimal plannedShare,
                               int classes, int classesWithTimetable,
                               int lessons, int lessonsPlanned, int lessonsKept,
                               int entries, int entriesTimely, int entriesOnline,
                               int students, int studentsWithParentAccount, int studentsWithActivatedAccount,
                               List<CurriculumLine> curriculum, List<TeacherEntries> teachers,
                               List<PeriodMarkAverage> periodMarks) {

    /** One class × subject: lessons planned for the year, and in the period given, with homework, substituted. */
    public record CurriculumLine(String className, String subjectName, int plannedForYear, int given, int withHomework,
                                 int substituted) {}

    /** Entries (marks, absences, comments) made for the lessons a teacher gave, and how many after the deadline. */
    public record TeacherEntries(String teacherName, int entries, int late) {}

    /** A period mark next to the sums of the student's numeric marks in that subject and period. */
    public record PeriodMarkAverage(String studentName, String className, String subjectName, String periodMark,
                                    BigDecimal weightedSum, BigDecimal weights) {}
}
