package ru.journalarchive.reports.arithmetic;

/**
 * A school's own arithmetic: how averages round to marks, how far a period mark may stand from the
 * rounded weighted average before it is flagged, and the attendance codes. Defaults follow DOMAIN.md.
 */
public record ReportRules(MarkRounding rounding, int periodMarkTolerance, AttendanceCodes attendance) {

    public static final ReportRules DEFAULT = new ReportRules(MarkRounding.HALF_UP, 0, AttendanceCodes.DEFAULT);

    /** True when the period mark differs from the rounded weighted average by more than the tolerance. */
    public boolean disagrees(String periodMark, java.math.BigDecimal weightedAverage) {
        if (!Marks.isNumeric(periodMark) || weightedAverage == null) return false;
        return Math.abs(Marks.numeric(periodMark) - rounding.round(weightedAverage)) > periodMarkTolerance;
    }
}
