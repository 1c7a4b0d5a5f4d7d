package ru.journalarchive.app.archive;

import java.time.Clock;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.config.JournalArchiveProperties;

/**
 * Every evidence interval (a day): one evidence record over the packages archived since the last
 * and the renewals due. Nodes may run it at once: the records' plan is taken under a database lock.
 */
@Component
public class EvidenceRoute extends RouteBuilder {

    private final ArchiveEvidence evidence;
    private final JournalArchiveProperties.Evidence settings;

    public EvidenceRoute(ArchiveEvidence evidence, JournalArchiveProperties properties) {
        this.evidence = evidence;
        this.settings = properties.evidence();
    }

    @Override
    public void configure() {
        long period = settings.interval().toMillis();
        from("timer:evidence-records?delay=" + period + "&period=" + period).routeId("evidence-records")
                .process(e -> {
                    var round = evidence.care(Clock.systemUTC().instant());
                    if (!round.built().isEmpty() || !round.renewed().isEmpty())
                        log.info("evidence records built {}, renewed {}", round.built(), round.renewed());
                });
    }
}
