package ru.journalarchive.app.ingest;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;
import ru.journalarchive.journal.ingest.BatchConflictException;
import ru.journalarchive.journal.ingest.BatchRejectedException;
import ru.journalarchive.journal.ingest.UnknownSchoolException;

/**
 * The one error handler of the routes. A rejected batch is an answer for the sender, not a fault:
 * no redelivery, no stack trace; the HTTP caller gets the exception back, a dropped CSV file is
 * moved to error/ beside its report.
 */
@Component
public class IngestErrorHandling extends RouteConfigurationBuilder {

    private final CsvRejectionReport csvReport;

    public IngestErrorHandling(CsvRejectionReport csvReport) {
        this.csvReport = csvReport;
    }

    @Override
    public void configuration() {
        routeConfiguration()
                .onException(BatchRejectedException.class, MalformedBatchException.class, BatchConflictException.class,
                        UnknownSchoolException.class)
                .handled(false)
                .logStackTrace(false)
                .logExhausted(false)
                .process(csvReport);
    }
}
