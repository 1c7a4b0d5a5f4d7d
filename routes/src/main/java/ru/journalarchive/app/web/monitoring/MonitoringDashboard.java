package ru.journalarchive.app.web.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.util.UriComponentsBuilder;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.run.DocumentKind;
import ru.journalarchive.journal.monitoring.MonitoringCountsReader;
import ru.journalarchive.journal.school.School;
import ru.journalarchive.journal.school.SchoolRegistry;
import ru.journalarchive.journal.snapshot.ClassSnapshot;
import ru.journalarchive.journal.snapshot.ClassSnapshotReader;
import ru.journalarchive.journal.snapshot.SchoolYearOutline;
import ru.journalarchive.journal.snapshot.SchoolYearOutlineReader;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.monitoring.IndicatorResult;
import ru.journalarchive.reports.monitoring.MonitoringReport;
import ru.journalarchive.reports.monitoring.MonitoringReportAssembler;
import ru.journalarchive.reports.vocabulary.PeriodNames;
import ru.journalarchive.storage.catalogue.ArchivedDocument;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.catalogue.CatalogueQuery;

/**
 * The monitoring dashboard of the education department: for each period of a school year it computes
 * the school's {@link MonitoringReport} live from the journal, exactly as a period's archive run does
 * ({@link MonitoringCountsReader} and {@link MonitoringReportAssembler}), and finds the archived signed
 * reports of the school and the district roll-up in the catalogue. A computed report is kept while the
 * school's data version stays the same (one cheap query), as a period's report costs a scan of its marks.
 */
@Component
public class MonitoringDashboard {

    private static final Logger log = LoggerFactory.getLogger(MonitoringDashboard.class);
    private static final String BELOW = "ниже порога";
    private static final String NO_DATA = "нет данных";

    private record Computed(String version, MonitoringReport report) {}

    private final SchoolRegistry schools;
    private final JdbcTemplate jdbc;
    private final SchoolYearOutlineReader outlines;
    private final MonitoringCountsReader counts;
    private final ClassSnapshotReader versions;
    private final ReportRules rules;
    private final Catalogue catalogue;
    private final ObjectMapper json;
    private final String district;
    private final ZoneId zone;
    private final Map<String, Computed> computed = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Computed> eldest) {
            return size() > 512;
        }
    });

    public MonitoringDashboard(SchoolRegistry schools, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                               MonitoringCountsReader counts, ClassSnapshotReader versions, ReportRules rules, Catalogue catalogue,
                               ObjectMapper json, JournalArchiveProperties properties) {
        this.schools = schools;
        this.jdbc = jdbc;
        this.outlines = new SchoolYearOutlineReader(jdbc, transactions);
        this.counts = counts;
        this.versions = versions;
        this.rules = rules;
        this.catalogue = catalogue;
        this.json = json;
        this.district = properties.district().code();
        this.zone = ZoneId.of(properties.reports().timeZone());
    }

    /**
     * @param school a school's code, or null for the first school with a year in the journal
     * @param year a school year's id, or null for the school's latest
     * @param period a period of that year, or null for the latest that has ended
     * @param mayOpenArchive whether the viewer may open archived documents' pages (links, or numbers only)
     */
    public MonitoringView view(String school, String year, String period, boolean mayOpenArchive) {
        List<School> all = schools.all();
        School chosen = school == null ? all.stream().filter(s -> !years(s.code()).isEmpty()).findFirst().orElse(null)
                : all.stream().filter(s -> s.code().equals(school)).findFirst().orElse(null);
        var schoolChoices = all.stream().map(s -> new MonitoringView.Choice(s.code(), s.name(), chosen != null
                && s.code().equals(chosen.code()))).toList();
        if (chosen == null) return MonitoringView.refused(schoolChoices, List.of(), Map.of("school", school == null
                ? "Ни у одной школы в журнале ещё нет учебного года." : "Школа с кодом «" + school + "» не зарегистрирована."));
        var years = years(chosen.code());
        if (years.isEmpty())
            return MonitoringView.refused(schoolChoices, List.of(), Map.of("school", "В журнале школы ещё нет учебного года."));
        String yearId = year == null ? years.get(0).value() : year;
        var yearChoices = years.stream().map(y -> new MonitoringView.Choice(y.value(), y.label(), y.value().equals(yearId))).toList();
        Optional<SchoolYearOutline> outline = outlines.read(chosen.code(), yearId);
        if (outline.isEmpty())
            return MonitoringView.refused(schoolChoices, yearChoices, Map.of("year", "У школы нет учебного года «" + yearId + "»."));
        var periods = outline.get().periods().stream()
                .sorted(Comparator.comparing(SchoolYearOutline.Period::end).thenComparing(SchoolYearOutline.Period::start)
                        .thenComparing(SchoolYearOutline.Period::id)).toList();
        if (periods.isEmpty())
            return MonitoringView.refused(schoolChoices, yearChoices, Map.of("year", "В учебном году нет учебных периодов."));
        LocalDate today = LocalDate.now(zone);
        String periodId = period != null ? period : periods.stream().filter(p -> !p.end().isAfter(today))
                .reduce((a, b) -> b).orElse(periods.get(0)).id();
        if (periods.stream().noneMatch(p -> p.id().equals(periodId)))
            return MonitoringView.refused(schoolChoices, yearChoices, Map.of("period", "В учебном году " + outline.get().yearName()
                    + " нет периода «" + periodId + "»."));

        var reports = new LinkedHashMap<String, Computed>();
        for (var p : periods) reports.put(p.id(), report(chosen.code(), p.id()));
        var schoolReports = archived(DocumentKind.MONITORING_REPORT, chosen.code(), yearId, mayOpenArchive);
        var districtReports = archived(DocumentKind.DISTRICT_MONITORING, district, yearId, mayOpenArchive);

        var columns = periods.stream().map(p -> new MonitoringView.Column(p.id(), PeriodNames.column(period(p)),
                PeriodNames.full(period(p)), PeriodNames.span(p.start(), p.end()),
                UriComponentsBuilder.fromPath("/monitoring").queryParam("school", chosen.code()).queryParam("year", yearId)
                        .queryParam("period", p.id()).fragment("period").build().encode().toUriString(),
                p.id().equals(periodId), schoolReports.get(p.id()), districtReports.get(p.id()))).toList();
        var selected = reports.get(periodId);
        return new MonitoringView(schoolChoices, yearChoices, chosen.name(), outline.get().yearName(), columns,
                rows(reports.values().stream().map(Computed::report).toList()),
                details(selected, schoolReports.get(periodId), districtReports.get(periodId)),
                charts(periods, reports.values().stream().map(Computed::report).toList()), Map.of());
    }

    /** The period's report as the journal stands now: computed again only after a batch changed the school's data. */
    private Computed report(String school, String periodId) {
        String key = school + "/" + periodId;
        String version = versions.version(school);
        var hit = computed.get(key);
        if (hit != null && hit.version().equals(version)) return hit;
        long started = System.nanoTime();
        var report = MonitoringReportAssembler.assemble(counts.read(school, periodId)
                .orElseThrow(() -> new IllegalStateException("period " + periodId + " of " + school + " is gone")), rules);
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("monitoring report of {} for {} computed in {} ms", school, periodId, millis);
        var fresh = new Computed(version, report);
        computed.put(key, fresh);
        return fresh;
    }

    /** The school's years in the journal, newest first. */
    private List<MonitoringView.Choice> years(String school) {
        return jdbc.query("""
                SELECT y.source_id, y.name FROM academic_year y JOIN school s ON s.id = y.school_id
                WHERE s.code = ? ORDER BY y.start_date DESC, y.source_id""",
                (rs, n) -> new MonitoringView.Choice(rs.getString(1), rs.getString(2), false), school);
    }

    /** The archived (signed) documents of a kind for the year, by period. */
    private Map<String, MonitoringView.Archived> archived(DocumentKind kind, String school, String year, boolean mayOpen) {
        var found = new HashMap<String, MonitoringView.Archived>();
        for (ArchivedDocument d : catalogue.search(CatalogueQuery.where(Map.of("kind", kind.code(), "school", school,
                "school_year", year)).page(0, CatalogueQuery.MAX_PAGE_SIZE))) {
            String p = d.metadata().get("period");
            if (p != null) found.put(p, new MonitoringView.Archived(d.documentId(), mayOpen ? "/archive/documents/" + d.documentId() : null));
        }
        return found;
    }

    private static List<MonitoringView.Row> rows(List<MonitoringReport> reports) {
        var rows = new ArrayList<MonitoringView.Row>();
        int indicators = reports.get(0).indicators().size();
        for (int k = 0; k < indicators; k++) {
            var indicator = reports.get(0).indicators().get(k).indicator();
            int at = k;
            rows.add(new MonitoringView.Row(indicator.title(), indicator.meaning(), "≥ " + indicator.threshold() + " %",
                    reports.stream().map(r -> cell(r.indicators().get(at))).toList()));
        }
        rows.add(new MonitoringView.Row("Отметки за период не по среднему", "отметки, отличающиеся от округлённого среднего "
                + "взвешенного", "—", reports.stream().map(r -> count(r.disagreements().size())).toList()));
        rows.add(new MonitoringView.Row("Учителя с нарушением сроков", "более " + MonitoringReport.TeacherCheck.LATE_LIMIT
                + " % записей позже 12:00 следующего дня", "—",
                reports.stream().map(r -> count(lateTeachers(r).size())).toList()));
        return rows;
    }

    private static MonitoringView.Cell cell(IndicatorResult i) {
        if (i.percent() == null) return new MonitoringView.Cell("—", "0 из 0", "none", NO_DATA);
        return new MonitoringView.Cell(MonitoringView.percent(i.percent()), i.part() + " из " + i.whole(),
                i.passed() ? "ok" : "below", i.passed() ? "" : BELOW);
    }

    private static MonitoringView.Cell count(int n) {
        return new MonitoringView.Cell(String.valueOf(n), "", "count", "");
    }

    private static List<MonitoringReport.TeacherCheck> lateTeachers(MonitoringReport r) {
        return r.teachers().stream().filter(MonitoringReport.TeacherCheck::overLateLimit).toList();
    }

    private MonitoringView.Details details(Computed c, MonitoringView.Archived report, MonitoringView.Archived rollUp) {
        var r = c.report();
        var indicators = r.indicators().stream().map(i -> {
            var cell = cell(i);
            return new MonitoringView.IndicatorLine(i.indicator().title(), i.indicator().meaning(), "≥ " + i.indicator().threshold()
                    + " %", cell.detail(), cell.value(), cell.state(), cell.state().equals("ok") ? "выполнен" : cell.mark());
        }).toList();
        // Every teacher with an entry after the deadline; over the limit is a violation, as in the printed report.
        var late = r.teachers().stream().filter(t -> t.late() > 0).map(t -> new MonitoringView.TeacherLine(t.teacherName(),
                t.entries(), t.late(), MonitoringView.percent(t.latePercent()), t.overLateLimit(),
                t.overLateLimit() ? "нарушение" : "в пределах " + MonitoringReport.TeacherCheck.LATE_LIMIT + " %")).toList();
        var marks = r.disagreements().stream().map(d -> new MonitoringView.MarkLine(d.studentName(), d.className(), d.subjectName(),
                MonitoringView.number(d.weightedAverage()), d.roundedAverage(), d.periodMark())).toList();
        return new MonitoringView.Details(r.periodId(), r.periodName(), PeriodNames.span(r.from(), r.to()), indicators, late,
                r.teachers().size(), marks, String.valueOf(rules.periodMarkTolerance()), r.substitutedLessons(), report, rollUp);
    }

    /** The charts' data: one chart per indicator (and per count) over the periods, a series per kind of period. */
    private String charts(List<SchoolYearOutline.Period> periods, List<MonitoringReport> reports) {
        var charts = new ArrayList<Map<String, Object>>();
        int indicators = reports.get(0).indicators().size();
        for (int k = 0; k < indicators; k++) {
            var indicator = reports.get(0).indicators().get(k).indicator();
            int at = k;
            var chart = new LinkedHashMap<String, Object>();
            chart.put("title", indicator.title());
            chart.put("unit", "%");
            chart.put("threshold", indicator.threshold());
            chart.put("values", reports.stream().map(r -> r.indicators().get(at).percent()).toList());
            charts.add(chart);
        }
        charts.add(Map.of("title", "Отметки за период не по среднему", "unit", "",
                "values", reports.stream().map(r -> r.disagreements().size()).toList()));
        charts.add(Map.of("title", "Учителя с нарушением сроков", "unit", "",
                "values", reports.stream().map(r -> lateTeachers(r).size()).toList()));
        var data = new LinkedHashMap<String, Object>();
        data.put("periods", periods.stream().map(p -> PeriodNames.column(period(p))).toList());
        data.put("kinds", periods.stream().map(p -> kindPlural(p.kind())).toList());
        data.put("charts", charts);
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClassSnapshot.Period period(SchoolYearOutline.Period p) {
        return new ClassSnapshot.Period(p.id(), p.kind(), p.number(), p.start(), p.end());
    }

    private static String kindPlural(String kind) {
        return switch (kind) {
            case "QUARTER" -> "четверти";
            case "HALF_YEAR" -> "полугодия";
            case "TRIMESTER" -> "триместры";
            default -> kind;
        };
    }
}
