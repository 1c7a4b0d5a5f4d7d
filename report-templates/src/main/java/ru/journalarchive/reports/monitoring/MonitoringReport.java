package ru.journalarchive.reports.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The monitoring report (справка по итогам контроля) of one school for one period: indicators, the
 * control checks of the school plan and the period marks out of line with the weighted average.
 */
public record MonitoringReport(String schoolName, String periodId, String periodName, LocalDate from, LocalDate to,
                               List<IndicatorResult> indicators, List<CurriculumCheck> curriculum,
                               List<TeacherCheck> teachers, List<MarkDisagreement> disagreements,
                               int substitutedLessons) {

    /** Lessons given vs planned (the year's plan times the period's share) and homework entered. */
    public record CurriculumCheck(String className, String subjectName, int planned, int given, BigDecimal completionPercent,
                                  int withHomework, BigDecimal homeworkPercent, int substituted) {}

    public record TeacherCheck(String teacherName, int entries, int late, BigDecimal latePercent) {

        /** A teacher with more late entries than this share is named as a violation (the report and the dashboard). */
        public static final BigDecimal LATE_LIMIT = new BigDecimal("10");

        /** Not a bean property: the JSON twin (and so its hash) stays as it was. */
        public boolean overLateLimit() {
            return latePercent != null && latePercent.compareTo(LATE_LIMIT) > 0;
        }
    }

    public record MarkDisagreement(String studentName, String className, String subjectName, BigDecimal weightedAverage,
                                   int roundedAverage, String periodMark) {}
}
