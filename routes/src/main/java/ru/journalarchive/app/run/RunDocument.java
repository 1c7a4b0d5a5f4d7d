package ru.journalarchive.app.run;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A run document's row: what it is, where it stands, what it was rendered from, and how often it failed.
 * updatedAt: when it last changed state (for a document awaiting its signature, when it was rendered).
 */
public record RunDocument(PlannedDocument plan, long runId, State state, String title, String dataSha256, String dataVersion, Integer pages,
                          LocalDate closedOn, String signer, Instant signedAt, int attempts, String lastError, Instant updatedAt) {

    public enum State { PLANNED, RENDERED, AWAITING_SIGNATURE, APPROVED, SIGNED, ARCHIVED, FAILED }

    public String documentId() {
        return plan.documentId();
    }
}
