package ru.journalarchive.app.ingest;

import java.nio.file.Path;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.config.JournalArchiveProperties;

/**
 * CSV import through a watched folder: {@code <drop>/inbox/<school code>/<section>-….csv}. An accepted
 * file moves to {@code <drop>/done/<school code>/}, a rejected one to {@code <drop>/error/<school code>/}
 * beside a report naming each bad row. One file is one batch: all of it or none of it.
 */
@Component
public class CsvDropRoute extends RouteBuilder {

    private static final String DROP_ROOT = "JournalDropRoot";

    private final JournalArchiveProperties properties;
    private final CsvBatchReader reader;

    public CsvDropRoute(JournalArchiveProperties properties, CsvBatchReader reader) {
        this.properties = properties;
        this.reader = reader;
    }

    static Path dropRoot(Exchange exchange) {
        return exchange.getProperty(DROP_ROOT, Path.class);
    }

    @Override
    public void configure() {
        Path root = properties.ingest().dropDirectory().toAbsolutePath();
        fromF("file:%s?recursive=true&minDepth=2&maxDepth=2&include=.*\\.csv&readLock=changed&readLockMinAge=1000"
                        + "&move=../done/${file:name}&moveFailed=../error/${file:name}&delay=%d",
                root.resolve("inbox"), properties.ingest().dropPollMillis())
                .routeId("csv-drop")
                .process(exchange -> {
                    exchange.setProperty(DROP_ROOT, root);
                    var in = exchange.getIn();
                    String relative = in.getHeader(Exchange.FILE_NAME, String.class);
                    String school = Path.of(relative).getParent().toString();
                    String fileName = Path.of(relative).getFileName().toString();
                    byte[] content = in.getBody(byte[].class);
                    byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
                    in.setHeader(IngestRoute.SCHOOL, school);
                    in.setHeader(IngestRoute.CONTENT_HASH, hash);
                    in.setHeader(IngestRoute.CHANNEL, "CSV");
                    in.setHeader(IngestRoute.ACTOR, "csv-drop:" + relative);
                    in.setBody(reader.read(fileName, content, hash));
                })
                .to(IngestRoute.URI)
                .log("CSV file ${header.CamelFileName} applied: ${body}");
    }
}
