package ru.journalarchive.app.ingest;

import org.springframework.util.unit.DataSize;

public class BatchTooLargeException extends RuntimeException {
    private final transient DataSize limit;

    public BatchTooLargeException(DataSize limit) {
        super("batch larger than " + limit);
        this.limit = limit;
    }

    public DataSize limit() {
        return limit;
    }
}
