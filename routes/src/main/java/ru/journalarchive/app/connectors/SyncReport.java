package ru.journalarchive.app.connectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import ru.journalarchive.journal.ingest.Problem;

/**
 * What one sync of a source did: per class the records fetched, applied (new or changed), deleted and
 * rejected with the reasons, or the error that stopped the class; status OK (every class applied),
 * PARTIAL (some classes failed) or FAILED (none applied, or the source itself failed: error).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncReport(long id, String source, String school, String trigger, String startedBy, LocalDate windowFrom,
                         LocalDate windowTo, OffsetDateTime startedAt, OffsetDateTime finishedAt, String status, String error,
                         List<ClassReport> classes, Totals totals) {

    /**
     * One class: OK (applied; alreadyApplied when the same batch had been applied, so nothing was written),
     * REJECTED (the batch failed validation: rejected lists every problem, nothing written) or FAILED
     * (fetching or mapping failed: error names why, nothing written).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ClassReport(String remoteId, String classId, String name, String status, String batchId,
                              Boolean alreadyApplied, Map<String, Integer> fetched, Map<String, Integer> applied,
                              Map<String, Integer> deleted, List<Problem> rejected, String error) {}

    public record Totals(int classes, int classesFailed, int fetched, int applied, int deleted, int rejected) {}
}
