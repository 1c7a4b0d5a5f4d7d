package ru.journalarchive.app;

/** A request the service understood but cannot carry out (no such period, a wrong role…); the path names the field at fault. */
public class RejectedRequest extends RuntimeException {

    private final String path;

    public RejectedRequest(String path, String message) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
