package ru.journalarchive.app.run;

import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.config.JournalArchiveProperties;

/**
 * The archive runs' work: every poll claims the documents whose next step is due and advances each
 * on a pool of worker threads; a failing step is recorded (retry with backoff, then the dead letters)
 * by the one error handler below and never stops the other documents.
 */
@Component
public class ArchiveRunRoute extends RouteBuilder {

    static final String ADVANCE = "direct:archive-document";

    private final ArchiveRuns runs;
    private final DocumentPipeline pipeline;
    private final JournalArchiveProperties.Runs settings;

    public ArchiveRunRoute(ArchiveRuns runs, DocumentPipeline pipeline, JournalArchiveProperties properties) {
        this.runs = runs;
        this.pipeline = pipeline;
        this.settings = properties.runs();
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .process(e -> pipeline.failed(e.getIn().getBody(RunDocument.class), e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));

        ExecutorService workers = getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "archive-worker", settings.workers());
        from("timer:archive-worker?delay=" + settings.poll().toMillis() + "&period=" + settings.poll().toMillis()).routeId("archive-worker")
                .process(e -> e.getIn().setBody(runs.claimDue(settings.workers() * 4)))
                .split(body()).parallelProcessing().executorService(workers)
                    .to(ADVANCE)
                .end()
                .process(e -> runs.finishCompleted());

        from(ADVANCE).routeId("archive-document")
                .process(e -> pipeline.advance(e.getIn().getBody(RunDocument.class)));
    }
}
