package ru.journalarchive.reports.monitoring;

import static ru.journalarchive.reports.monitoring.SectionedRows.number;
import static ru.journalarchive.reports.monitoring.SectionedRows.percent;

import java.util.HashMap;
import java.util.Map;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.engine.DocumentIdentity;
import ru.journalarchive.reports.engine.RenderedDocument;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.reports.engine.ReportTemplate;
import ru.journalarchive.reports.vocabulary.PeriodNames;

/** Renders the monitoring report of a school and the district roll-up with the same template. */
public final class MonitoringReportRenderer {

    private final ReportEngine engine;
    private final ReportRules rules;

    public MonitoringReportRenderer(ReportEngine engine, ReportRules rules) {
        this.engine = engine;
        this.rules = rules;
    }

    public RenderedDocument render(MonitoringReport r, String documentId) {
        var rows = new SectionedRows();
        rows.section("Показатели готовности к ведению журнала без бумажного дубликата",
                "Показатель", "Порог", "Значение", "Доля", "Итог");
        for (var i : r.indicators()) {
            rows.row(i.indicator().title() + ": " + i.indicator().meaning(), "≥ " + i.indicator().threshold() + " %",
                    i.part() + " из " + i.whole(), percent(i.percent()), verdict(i.passed()));
        }
        rows.section("Выполнение учебного плана и заполнение домашних заданий",
                "Класс, предмет", "Уроков по плану", "Дано уроков", "Выполнение", "С домашним заданием");
        for (var c : r.curriculum()) {
            rows.row(c.className() + " · " + c.subjectName(), String.valueOf(c.planned()), String.valueOf(c.given()),
                    percent(c.completionPercent()), percent(c.homeworkPercent()));
        }
        rows.section("Замещённые уроки: всего " + r.substitutedLessons(), "Класс, предмет", "Замещено уроков");
        r.curriculum().stream().filter(c -> c.substituted() > 0)
                .forEach(c -> rows.row(c.className() + " · " + c.subjectName(), String.valueOf(c.substituted())));
        if (r.substitutedLessons() == 0) rows.row("Замещений не было");
        rows.section("Своевременность записей по учителям (срок — 12:00 дня, следующего за уроком)",
                "Учитель", "Записей", "Позже срока", "Доля", "Итог");
        for (var t : r.teachers()) {
            rows.row(t.teacherName(), String.valueOf(t.entries()), String.valueOf(t.late()), percent(t.latePercent()),
                    t.overLateLimit() ? "нарушение" : "в срок");
        }
        rows.section("Объективность выставления отметок: отметки за период, отличающиеся от округлённого среднего "
                        + "взвешенного более чем на " + rules.periodMarkTolerance(),
                "Обучающийся, класс", "Предмет", "Средний взвешенный", "Округлённый", "Отметка за период");
        for (var d : r.disagreements()) {
            rows.row(d.studentName() + ", " + d.className(), d.subjectName(), number(d.weightedAverage()),
                    String.valueOf(d.roundedAverage()), d.periodMark());
        }
        if (r.disagreements().isEmpty()) rows.row("Расхождений нет");
        var identity = new DocumentIdentity(documentId, "Справка по итогам контроля ведения электронного журнала, "
                + r.periodName(), r.schoolName());
        return render(identity, r, "СПРАВКА ПО ИТОГАМ КОНТРОЛЯ ВЕДЕНИЯ ЭЛЕКТРОННОГО ЖУРНАЛА",
                r.periodName() + " (" + PeriodNames.span(r.from(), r.to()) + ")", rows);
    }

    public RenderedDocument render(DistrictMonitoring d, String documentId) {
        var rows = new SectionedRows();
        for (int k = 0; k < Indicator.values().length; k++) {
            Indicator indicator = Indicator.values()[k];
            rows.section(indicator.title() + " (" + indicator.meaning() + "; порог ≥ " + indicator.threshold() + " %)",
                    "Школа", "Значение", "Доля", "Итог");
            for (var school : d.schools()) {
                var i = school.indicators().get(k);
                rows.row(school.schoolName(), i.part() + " из " + i.whole(), percent(i.percent()), verdict(i.passed()));
            }
        }
        rows.section("Итоги по школам", "Школа", "Показателей выполнено", "Расхождений отметок", "Замещённых уроков");
        for (var school : d.schools()) {
            long passed = school.indicators().stream().filter(IndicatorResult::passed).count();
            rows.row(school.schoolName(), passed + " из " + school.indicators().size(),
                    String.valueOf(school.disagreements().size()), String.valueOf(school.substitutedLessons()));
        }
        var identity = new DocumentIdentity(documentId, "Сводная справка по итогам контроля ведения электронных журналов, "
                + d.periodName(), d.authorityName());
        return render(identity, d, "СВОДНАЯ СПРАВКА ПО ИТОГАМ КОНТРОЛЯ ВЕДЕНИЯ ЭЛЕКТРОННЫХ ЖУРНАЛОВ",
                d.periodName() + " · школ: " + d.schools().size(), rows);
    }

    private RenderedDocument render(DocumentIdentity identity, Object twin, String heading, String subheading,
                                    SectionedRows rows) {
        Map<String, Object> p = new HashMap<>();
        p.put("HEADING", heading);
        p.put("SUBHEADING", subheading);
        return engine.render(ReportTemplate.MONITORING_REPORT, identity, twin, p, new JRMapCollectionDataSource(rows.rows()));
    }

    private static String verdict(boolean passed) {
        return passed ? "выполнен" : "не выполнен";
    }
}
