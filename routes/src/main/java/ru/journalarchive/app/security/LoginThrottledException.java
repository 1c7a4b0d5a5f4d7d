package ru.journalarchive.app.security;

import org.springframework.security.core.AuthenticationException;

/** A login refused unchecked, because its username or address failed too often: answered 429 with Retry-After. */
public class LoginThrottledException extends AuthenticationException {

    private final long retryAfterSeconds;

    public LoginThrottledException(long retryAfterSeconds) {
        super("too many failed logins; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
