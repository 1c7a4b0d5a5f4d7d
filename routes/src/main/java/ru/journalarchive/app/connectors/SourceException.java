package ru.journalarchive.app.connectors;

/**
 * A source could not be read as needed (unreachable, an error status, a malformed answer, a refused
 * token, a code without a mapping): the message, in Russian, is what the sync report shows.
 */
public class SourceException extends RuntimeException {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
