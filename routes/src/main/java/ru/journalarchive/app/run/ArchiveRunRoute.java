package ru.journalarchive.app.run;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.config.JournalArchiveProperties;

/**
 * The archive runs' work: every poll claims as many due documents as the workers have room for and
 * queues them; the workers advance each document one step, and a failing step is recorded (retry
 * with backoff, then the dead letters) by the one error handler below and never stops the others.
 * A poll does not wait for what it queued, so one slow document never leaves the other workers idle.
 */
@Component
public class ArchiveRunRoute extends RouteBuilder {

    static final String ADVANCE = "seda:archive-document";

    private final ArchiveRuns runs;
    private final DocumentPipeline pipeline;
    private final JournalArchiveProperties.Runs settings;
    /** Claimed and not yet done: queued or in a worker's hands (each holds a lease meanwhile). */
    private final AtomicInteger claimed = new AtomicInteger();

    public ArchiveRunRoute(ArchiveRuns runs, DocumentPipeline pipeline, JournalArchiveProperties properties) {
        this.runs = runs;
        this.pipeline = pipeline;
        this.settings = properties.runs();
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .process(e -> pipeline.failed(e.getIn().getBody(RunDocument.class), e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));

        int depth = settings.workers() * 2;
        from("timer:archive-worker?delay=" + settings.poll().toMillis() + "&period=" + settings.poll().toMillis()).routeId("archive-worker")
                .process(e -> {
                    int room = depth - claimed.get();
                    var due = room > 0 ? runs.claimDue(room) : List.<RunDocument>of();
                    claimed.addAndGet(due.size());
                    e.getIn().setBody(due);
                })
                .split(body())
                    .to(ADVANCE + "?waitForTaskToComplete=Never")
                .end()
                .process(e -> runs.finishCompleted());

        from(ADVANCE + "?concurrentConsumers=" + settings.workers() + "&size=" + depth).routeId("archive-document")
                .process(e -> {
                    try {
                        pipeline.advance(e.getIn().getBody(RunDocument.class));
                    } finally {
                        claimed.decrementAndGet();
                    }
                });
    }
}
