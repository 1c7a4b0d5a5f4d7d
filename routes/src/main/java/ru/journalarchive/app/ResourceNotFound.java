package ru.journalarchive.app;

/** A request for something that is not there (or not the caller's to see): 404; the path names the parameter. */
public class ResourceNotFound extends RejectedRequest {

    public ResourceNotFound(String path, String message) {
        super(path, message);
    }
}
