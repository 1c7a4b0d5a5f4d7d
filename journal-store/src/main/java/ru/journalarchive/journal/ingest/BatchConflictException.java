package ru.journalarchive.journal.ingest;

/** A batch id that was already accepted with different content. */
public class BatchConflictException extends RuntimeException {
    public BatchConflictException(String batchId) {
        super("batch " + batchId + " was already accepted with different content");
    }
}
