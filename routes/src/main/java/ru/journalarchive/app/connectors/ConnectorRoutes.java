package ru.journalarchive.app.connectors;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.ingest.IngestRoute;

/**
 * One Camel route per kind of source ({@code connector-dnevnik-ru}, {@code connector-net-city}):
 * a class is fetched and mapped by the kind's connector, its batch completed (deletions, batch id) and
 * sent into the same ingestion as a push ({@code ingest-batch}): validation, idempotent upsert, history.
 * A source's fault ends the exchange with its {@link SourceException} for the class's report.
 */
@Component
public class ConnectorRoutes extends RouteBuilder {

    private final List<SourceConnector> connectors;
    private final ClassBatches batches;

    public ConnectorRoutes(List<SourceConnector> connectors, ClassBatches batches) {
        this.connectors = connectors;
        this.batches = batches;
    }

    @Override
    public void configure() {
        for (SourceConnector connector : connectors) {
            SourceKind kind = connector.kind();
            from(kind.endpoint()).routeId(kind.endpoint().substring("direct:".length()))
                    .onException(SourceException.class).handled(false).logStackTrace(false).logExhausted(false).end()
                    .process(batches::fetch)
                    .to(IngestRoute.URI);
        }
    }
}
