package ru.journalarchive.app.archive;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.run.DraftsCleanup;
import ru.journalarchive.storage.catalogue.FixityAudit;

/**
 * The archive's routine care, every care-interval: the fixity audit re-reads a random sample of
 * documents, and drafts no document needs any more are removed once older than drafts-max-age.
 */
@Component
public class ArchiveCareRoute extends RouteBuilder {

    private final FixityAudit fixity;
    private final DraftsCleanup drafts;
    private final JournalArchiveProperties.Storage settings;

    public ArchiveCareRoute(FixityAudit fixity, DraftsCleanup drafts, JournalArchiveProperties properties) {
        this.fixity = fixity;
        this.drafts = drafts;
        this.settings = properties.storage();
    }

    @Override
    public void configure() {
        long period = settings.careInterval().toMillis();
        from("timer:archive-care?delay=" + period + "&period=" + period).routeId("archive-care")
                .process(e -> fixity.run(settings.fixitySample()))
                .process(e -> drafts.run());
    }
}
