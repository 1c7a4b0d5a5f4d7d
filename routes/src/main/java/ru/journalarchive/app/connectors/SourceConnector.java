package ru.journalarchive.app.connectors;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import ru.journalarchive.journal.ingest.Batch;

/**
 * What a kind of source does for a sync; {@link ConnectorSync} does the rest the same for every kind
 * (window, deletions, batch id, ingestion through the kind's Camel route, report, failure marking).
 */
public interface SourceConnector {

    SourceKind kind();

    /** Signs in (refreshing the stored token when needed) and reads the school-wide outline. */
    Session open(ConnectorSource source, SourceHttp http, SourceCodes codes);

    /** Exchanges an authorization code of the school for tokens, stored with the source. */
    void authorize(ConnectorSource source, SourceHttp http, String code);

    /** One sync's connection to the source. */
    interface Session {
        /** The classes to pull; a class whose outline could not be read carries that error. */
        List<RemoteClass> classes();

        /** Fetches one class for the window (inclusive) and maps it onto a batch without batchId or deletions. */
        ClassFetch fetch(RemoteClass remoteClass, LocalDate from, LocalDate to);
    }

    record RemoteClass(String remoteId, String classId, String name, String error) {}

    /**
     * A fetched class: the batch, the records fetched per kind, and where its deletable records live:
     * marks and absences of lessons in the window and the period marks, each by the id prefix the
     * connector gives them, so that stored ones the source no longer has become deletions.
     */
    record ClassFetch(Batch batch, Map<String, Integer> fetched, String markPrefix, String attendancePrefix,
                      String periodMarkPrefix) {}
}
