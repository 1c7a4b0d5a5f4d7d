package ru.journalarchive.storage.archive;

/** Retention may be extended (a court case) but never shortened. */
public class RetentionShorteningRefused extends IllegalArgumentException {
    public RetentionShorteningRefused(String message) {
        super(message);
    }
}
