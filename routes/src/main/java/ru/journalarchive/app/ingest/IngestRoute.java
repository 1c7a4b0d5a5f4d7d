package ru.journalarchive.app.ingest;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.ingest.schedule.ScheduleDocument;
import ru.journalarchive.app.ingest.schedule.ScheduleIngestion;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.BatchIngestion;

/**
 * The ingestion flow shared by the push API and the CSV drop: a batch (JSON bytes or already
 * read) with its school, content hash, channel and actor in headers is applied as one transaction.
 * With {@link #FORMAT} {@value ScheduleDocument#MEDIA_TYPE} the bytes are a ФГИС «Моя школа»
 * Schedule document, mapped into a batch.
 */
@Component
public class IngestRoute extends RouteBuilder {

    public static final String URI = "direct:ingest-batch";
    public static final String SCHOOL = "JournalSchool";
    public static final String CONTENT_HASH = "JournalContentSha256";
    public static final String CHANNEL = "JournalChannel";
    public static final String ACTOR = "JournalActor";
    /** The media type of a body in bytes: the push format unless it is the Schedule document's. */
    public static final String FORMAT = "JournalFormat";

    private final BatchIngestion ingestion;
    private final BatchParser parser;
    private final ScheduleIngestion schedule;

    public IngestRoute(BatchIngestion ingestion, BatchParser parser, ScheduleIngestion schedule) {
        this.ingestion = ingestion;
        this.parser = parser;
        this.schedule = schedule;
    }

    @Override
    public void configure() {
        from(URI).routeId("ingest-batch")
                .process(exchange -> {
                    var in = exchange.getIn();
                    if (ScheduleDocument.MEDIA_TYPE.equals(in.getHeader(FORMAT)) && in.getBody() instanceof byte[] document) {
                        in.setBody(schedule.ingest(in.getHeader(SCHOOL, String.class), document,
                                in.getHeader(CONTENT_HASH, byte[].class), in.getHeader(CHANNEL, String.class),
                                in.getHeader(ACTOR, String.class)));
                        return;
                    }
                    if (in.getBody() instanceof byte[] json) in.setBody(parser.parse(json));
                    in.setBody(ingestion.ingest(in.getHeader(SCHOOL, String.class), in.getBody(Batch.class),
                            in.getHeader(CONTENT_HASH, byte[].class), in.getHeader(CHANNEL, String.class),
                            in.getHeader(ACTOR, String.class)));
                });
    }
}
