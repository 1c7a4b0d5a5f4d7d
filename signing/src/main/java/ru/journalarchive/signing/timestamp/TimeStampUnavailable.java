package ru.journalarchive.signing.timestamp;

/**
 * The TSA could not be reached, or refused or garbled its answer: nothing is wrong with the signature
 * to be stamped, so the caller can keep it and ask again later.
 */
public final class TimeStampUnavailable extends IllegalStateException {

    public TimeStampUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
