package ru.journalarchive.app.archive;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import ru.journalarchive.reports.disposal.DisposalAct;
import ru.journalarchive.reports.disposal.DisposalActRenderer;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.storage.catalogue.ArchivedDocument;
import ru.journalarchive.storage.catalogue.Disposal;

/** Prints a disposal act from catalogue rows: the document's title, its school year as «2025/26», retained until. */
public final class DisposalActPrinter implements Disposal.ActPrinter {

    private final DisposalActRenderer renderer;
    private final String organisation;
    private final String preparedBy;
    private final ZoneId zone;

    public DisposalActPrinter(ReportEngine engine, String organisation, String preparedBy, ZoneId zone) {
        this.renderer = new DisposalActRenderer(engine);
        this.organisation = organisation;
        this.preparedBy = preparedBy;
        this.zone = zone;
    }

    /** The printer for an act prepared now by {@code preparedBy}, with the configured organisation and time zone. */
    public static DisposalActPrinter of(ReportEngine engine, ru.journalarchive.app.config.JournalArchiveProperties properties,
                                        String preparedBy) {
        return new DisposalActPrinter(engine, properties.storage().organisation(), preparedBy, ZoneId.of(properties.reports().timeZone()));
    }

    @Override
    public byte[] print(long number, Instant preparedAt, List<ArchivedDocument> documents) {
        var items = documents.stream().map(d -> new DisposalAct.Item(d.documentId(),
                d.metadata().getOrDefault("title", d.metadata().get("kind")), schoolYear(d.metadata().get("school_year")),
                d.retainUntil().withZoneSameInstant(zone).toLocalDate())).toList();
        return renderer.render(new DisposalAct(number, preparedAt.atZone(zone).toLocalDate(), organisation, preparedBy, items)).pdf();
    }

    /** "2025" → "2025/26"; anything else as it is. */
    static String schoolYear(String year) {
        if (year == null || !year.matches("\\d{4}")) return year == null ? "" : year;
        int start = Integer.parseInt(year);
        return start + "/" + String.format("%02d", (start + 1) % 100);
    }
}
