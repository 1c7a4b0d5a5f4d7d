package ru.journalarchive.storage.s3;

import io.minio.errors.ErrorResponseException;

/** An S3 call that did not succeed, with the server's error code when it gave one. */
public class S3Failure extends RuntimeException {

    public S3Failure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The S3 error code (AccessDenied, NoSuchKey…), or null when the server did not answer. */
    public String code() {
        return getCause() instanceof ErrorResponseException r && r.errorResponse() != null ? r.errorResponse().code() : null;
    }

    /** The HTTP status of the server's answer, or 0 when there was none. */
    public int status() {
        return getCause() instanceof ErrorResponseException r && r.response() != null ? r.response().code() : 0;
    }
}
