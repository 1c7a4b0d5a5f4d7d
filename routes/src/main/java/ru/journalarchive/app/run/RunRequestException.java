package ru.journalarchive.app.run;

/** A run asked for something the journal does not have; the path names the field of the request. */
public class RunRequestException extends RuntimeException {

    private final String path;

    public RunRequestException(String path, String message) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
