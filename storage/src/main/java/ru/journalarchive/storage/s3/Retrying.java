package ru.journalarchive.storage.s3;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an S3 call, retrying transient failures (connection refused or reset, timeouts, 5xx) with
 * exponential backoff; a 4xx is the server's answer (a refused deletion, a shortened retention) and
 * goes straight back to the caller.
 */
public final class Retrying {

    private static final Logger log = LoggerFactory.getLogger(Retrying.class);

    /** An S3 call of the MinIO SDK, which throws a zoo of checked exceptions. */
    public interface Call<T> {
        T run() throws Exception;
    }

    private final int attempts;
    private final Duration firstBackoff;

    public Retrying(S3Settings settings) {
        this.attempts = settings.attempts();
        this.firstBackoff = settings.firstBackoff();
    }

    public <T> T call(String what, Call<T> call) {
        long backoff = firstBackoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (Exception e) {
                if (!transient_(e) || attempt >= attempts)
                    throw new S3Failure(what + (transient_(e) ? " failed after " + attempt + " attempts: " : ": ") + message(e), e);
                log.warn("{}: attempt {} of {} failed ({}), retrying in {} ms", what, attempt, attempts, message(e), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new S3Failure(what + ": interrupted", interrupted);
                }
                backoff *= 2;
            }
        }
    }

    static boolean transient_(Exception e) {
        if (e instanceof ErrorResponseException r) return r.response() != null && r.response().code() >= 500;
        return e instanceof ServerException || e instanceof IOException;
    }

    static String message(Exception e) {
        if (e instanceof ErrorResponseException r && r.errorResponse() != null)
            return r.errorResponse().code() + " (" + r.response().code() + "): " + r.errorResponse().message();
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
