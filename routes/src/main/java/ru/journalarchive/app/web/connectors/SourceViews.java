package ru.journalarchive.app.web.connectors;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.connectors.ConnectorSource;
import ru.journalarchive.app.connectors.ConnectorSync;
import ru.journalarchive.app.connectors.SyncReport;
import ru.journalarchive.app.connectors.SyncReports;
import ru.journalarchive.app.web.admin.AdminTimes;
import ru.journalarchive.journal.ingest.Problem;
import ru.journalarchive.journal.school.SchoolRegistry;

/** Sources and their sync reports as the pages show them: words in Russian, times in the service's zone. */
@Component
public class SourceViews {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    /** The batch sections a report counts, by the names the reports keep. */
    private static final Map<String, String> SECTIONS = Map.ofEntries(Map.entry("academicYears", "учебные годы"),
            Map.entry("periods", "периоды"), Map.entry("teachers", "учителя"), Map.entry("subjects", "предметы"),
            Map.entry("classes", "классы"), Map.entry("students", "ученики"), Map.entry("enrollments", "зачисления"),
            Map.entry("curriculum", "учебный план"), Map.entry("lessons", "уроки"), Map.entry("marks", "отметки"),
            Map.entry("attendance", "посещаемость"), Map.entry("periodMarks", "итоговые отметки"));

    public record SourceRow(String code, String school, String schoolName, String kind, boolean dnevnik, String baseUrl,
                            String remoteSchoolId, String credentials, boolean enabled, boolean authorized, String lastSuccess,
                            String lastSuccessWindow, int consecutiveFailures, boolean failing, String failingText) {}

    public record ReportRow(long id, String trigger, String startedBy, String window, String startedAt, String finishedAt,
                            String status, String statusClass, boolean running, String error, String totals, List<ClassRow> classes) {}

    public record ClassRow(String remoteId, String classId, String name, String status, String statusClass, int fetched, int applied, int deleted,
                           int rejectedCount, String fetchedDetail, String appliedDetail, String deletedDetail, List<Problem> rejected,
                           String error, boolean alreadyApplied) {}

    private final SyncReports reports;
    private final ConnectorSync sync;
    private final SchoolRegistry schools;
    private final AdminTimes times;

    public SourceViews(SyncReports reports, ConnectorSync sync, SchoolRegistry schools, AdminTimes times) {
        this.reports = reports;
        this.sync = sync;
        this.schools = schools;
        this.times = times;
    }

    public SourceRow row(ConnectorSource s) {
        var ok = reports.lastOk(s.code());
        boolean failing = sync.isFailing(s);
        return new SourceRow(s.code(), s.school(), schools.find(s.school()).map(x -> x.name()).orElse(s.school()), s.kind().title(),
                s.kind() == ru.journalarchive.app.connectors.SourceKind.DNEVNIK_RU, s.baseUrl(), s.remoteSchoolId(), s.credentials(),
                s.enabled(), s.authorized(), ok.map(r -> times.format(r.finishedAt())).orElse(null),
                ok.map(this::window).orElse(null), s.consecutiveFailures(), failing,
                failing ? "сбоит: " + s.consecutiveFailures() + " " + syncs(s.consecutiveFailures()) + " подряд" : null);
    }

    public List<ReportRow> reports(String code) {
        return reports.ofSource(code, 20).stream().map(this::report).toList();
    }

    ReportRow report(SyncReport r) {
        var t = r.totals();
        String totals = t == null ? null : "классов " + t.classes() + " (со сбоем " + t.classesFailed() + "), получено " + t.fetched()
                + ", применено " + t.applied() + ", удалено " + t.deleted() + ", отклонено " + t.rejected();
        return new ReportRow(r.id(), trigger(r.trigger()), r.startedBy(), window(r), times.format(r.startedAt()), times.format(r.finishedAt()),
                status(r.status()), r.status().toLowerCase(), "RUNNING".equals(r.status()), r.error(), totals,
                r.classes() == null ? List.of() : r.classes().stream().map(this::line).toList());
    }

    private ClassRow line(SyncReport.ClassReport c) {
        var rejected = c.rejected() == null ? List.<Problem>of() : c.rejected();
        return new ClassRow(c.remoteId(), c.classId(), c.name(), classStatus(c.status()), c.status() == null ? "" : c.status().toLowerCase(),
                sum(c.fetched()), sum(c.applied()), sum(c.deleted()), rejected.size(), detail(c.fetched()), detail(c.applied()),
                detail(c.deleted()), rejected, c.error(), Boolean.TRUE.equals(c.alreadyApplied()));
    }

    private String window(SyncReport r) {
        return r.windowFrom() == null || r.windowTo() == null ? null : DAY.format(r.windowFrom()) + " — " + DAY.format(r.windowTo());
    }

    private static int sum(Map<String, Integer> counts) {
        return counts == null ? 0 : counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String detail(Map<String, Integer> counts) {
        if (counts == null || counts.isEmpty()) return null;
        return counts.entrySet().stream().map(e -> SECTIONS.getOrDefault(e.getKey(), e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String status(String s) {
        return switch (s) {
            case "OK" -> "успешно";
            case "PARTIAL" -> "частично: есть классы со сбоем";
            case "FAILED" -> "сбой";
            case "RUNNING" -> "идёт";
            default -> s;
        };
    }

    private static String classStatus(String s) {
        return switch (s == null ? "" : s) {
            case "OK" -> "применён";
            case "REJECTED" -> "отклонён проверкой";
            case "FAILED" -> "сбой";
            default -> s;
        };
    }

    private static String trigger(String t) {
        return switch (t == null ? "" : t) {
            case "SCHEDULE" -> "по расписанию";
            case "PAGE" -> "со страницы";
            case "API" -> "через API";
            case "CLI" -> "из командной строки";
            default -> t;
        };
    }

    /** «неудачная синхронизация», «неудачные синхронизации», «неудачных синхронизаций» by the number. */
    private static String syncs(int n) {
        int tens = n % 100, ones = n % 10;
        if (tens >= 11 && tens <= 14) return "неудачных синхронизаций";
        if (ones == 1) return "неудачная синхронизация";
        if (ones >= 2 && ones <= 4) return "неудачные синхронизации";
        return "неудачных синхронизаций";
    }
}
