package ru.journalarchive.app.web.monitoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the monitoring dashboard shows, already worded and formatted: the choices of school and year,
 * the indicators by period against their thresholds, the selected period's details with the archived
 * reports, and the charts' data (JSON read by monitoring.js). The template only lays it out.
 *
 * @param errors a Russian message by field (school, year, period) when the choice cannot be shown
 */
public record MonitoringView(List<Choice> schools, List<Choice> years, String schoolName, String yearName,
                             List<Column> periods, List<Row> rows, Details details, String charts, Map<String, String> errors) {

    public record Choice(String value, String label, boolean selected) {}

    /** A period as a column: its short and full names, where to select it, its archived documents. */
    public record Column(String periodId, String shortName, String fullName, String span, String href, boolean selected,
                         Archived report, Archived district) {}

    /**
     * An archived document: its number, and the address of its page when the viewer may open it (null
     * otherwise, or null altogether when the archive has no such document).
     */
    public record Archived(String documentId, String href) {}

    /** An indicator (or a count) across the periods. */
    public record Row(String title, String meaning, String threshold, List<Cell> cells) {}

    /**
     * One value: state "ok" or "below" against the threshold, "none" with nothing to measure, "count"
     * for a number without a threshold; mark says the same in words, so that colour is never the only signal.
     */
    public record Cell(String value, String detail, String state, String mark) {}

    /** The selected period as the monitoring report gives it. */
    public record Details(String periodId, String periodName, String span, List<IndicatorLine> indicators,
                          List<TeacherLine> lateTeachers, int teachers, List<MarkLine> disagreements, String tolerance,
                          int substitutedLessons, Archived report, Archived district) {}

    public record IndicatorLine(String title, String meaning, String threshold, String value, String percent, String state,
                                String mark) {}

    public record TeacherLine(String name, int entries, int late, String percent, boolean violation, String mark) {}

    public record MarkLine(String student, String className, String subject, String average, int rounded, String periodMark) {}

    static MonitoringView refused(List<Choice> schools, List<Choice> years, Map<String, String> errors) {
        return new MonitoringView(schools, years, null, null, List.of(), List.of(), null, null, errors);
    }

    /** «97,3 %», or «—» with nothing to measure. */
    static String percent(BigDecimal value) {
        return value == null ? "—" : number(value) + " %";
    }

    static String number(BigDecimal value) {
        return value == null ? "—" : value.toPlainString().replace('.', ',');
    }
}
