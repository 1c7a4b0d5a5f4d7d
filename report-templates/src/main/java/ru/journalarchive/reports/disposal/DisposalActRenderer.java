package ru.journalarchive.reports.disposal;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import ru.journalarchive.reports.engine.DocumentIdentity;
import ru.journalarchive.reports.engine.RenderedDocument;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.reports.engine.ReportTemplate;
import ru.journalarchive.reports.engine.RussianWords;

/** Renders the act «о выделении к уничтожению документов, не подлежащих хранению» (portrait A4). */
public final class DisposalActRenderer {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final ReportEngine engine;

    public DisposalActRenderer(ReportEngine engine) {
        this.engine = engine;
    }

    public RenderedDocument render(DisposalAct act) {
        String number = Long.toString(act.number());
        var identity = new DocumentIdentity("disposal-act-" + number, "Акт № " + number + " о выделении к уничтожению документов",
                act.organisation());
        var p = new HashMap<String, Object>();
        p.put("ACT_NUMBER", number);
        p.put("ACT_DATE", DATE.format(act.date()));
        p.put("BASIS", "На основании сроков хранения документов (журналы успеваемости — 5 лет, сводные ведомости — 25 лет, "
                + "считая с 1 января года, следующего за годом завершения) к уничтожению отобраны документы, срок хранения "
                + "которых истёк и на которые не наложено удержание:");
        int n = act.items().size();
        p.put("TOTAL", "Итого: " + n + " (" + RussianWords.number(n) + ") " + RussianWords.plural(n, "документ", "документа", "документов") + ".");
        p.put("PREPARED_BY", act.preparedBy());
        return engine.render(ReportTemplate.DISPOSAL_ACT, identity, act, p, new JRMapCollectionDataSource(rows(act)));
    }

    private static List<Map<String, ?>> rows(DisposalAct act) {
        var rows = new ArrayList<Map<String, ?>>();
        int position = 0;
        for (var item : act.items())
            rows.add(Map.of("position", Integer.toString(++position), "title", item.title(), "schoolYear", item.schoolYear(),
                    "retention", "до " + DATE.format(item.retainedUntil()), "documentId", item.documentId()));
        return rows;
    }
}
