package ru.journalarchive.storage.archive;

/** The archive bucket exists but has no object lock: the service must not run on it. */
public class ArchiveWithoutObjectLockException extends IllegalStateException {
    public ArchiveWithoutObjectLockException(String message) {
        super(message);
    }
}
