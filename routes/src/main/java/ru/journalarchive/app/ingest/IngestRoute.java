package ru.journalarchive.app.ingest;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.BatchIngestion;

/**
 * The ingestion flow shared by the push API and the CSV drop: a batch (JSON bytes or already
 * read) with its school, content hash, channel and actor in headers is applied as one transaction.
 */
@Component
public class IngestRoute extends RouteBuilder {

    public static final String URI = "direct:ingest-batch";
    public static final String SCHOOL = "JournalSchool";
    public static final String CONTENT_HASH = "JournalContentSha256";
    public static final String CHANNEL = "JournalChannel";
    public static final String ACTOR = "JournalActor";

    private final BatchIngestion ingestion;
    private final BatchParser parser;

    public IngestRoute(BatchIngestion ingestion, BatchParser parser) {
        this.ingestion = ingestion;
        this.parser = parser;
    }

    @Override
    public void configure() {
        from(URI).routeId("ingest-batch")
                .process(exchange -> {
                    var in = exchange.getIn();
                    if (in.getBody() instanceof byte[] json) in.setBody(parser.parse(json));
                    in.setBody(ingestion.ingest(in.getHeader(SCHOOL, String.class), in.getBody(Batch.class),
                            in.getHeader(CONTENT_HASH, byte[].class), in.getHeader(CHANNEL, String.class),
                            in.getHeader(ACTOR, String.class)));
                });
    }
}
