package ru.journalarchive.journal.ingest;

public class UnknownSchoolException extends RuntimeException {
    public UnknownSchoolException(String schoolCode) {
        super("unknown school " + schoolCode);
    }
}
