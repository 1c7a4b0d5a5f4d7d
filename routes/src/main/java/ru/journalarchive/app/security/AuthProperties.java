package ru.journalarchive.app.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Personal API tokens and the throttling of failed logins (application.yml, prefix journal-archive.auth). */
@ConfigurationProperties("journal-archive.auth")
public record AuthProperties(Tokens tokens, Logins logins) {

    /**
     * A token lives defaultLifetime when no expiry is asked for, and never longer than maxLifetime;
     * its last use is written at most once per lastUsedInterval.
     */
    public record Tokens(Duration defaultLifetime, Duration maxLifetime, Duration lastUsedInterval) {}

    /**
     * After failuresPerUser failed logins of one username, or failuresPerAddress from one address,
     * within window (from the first failure), further logins get 429 until the window has passed.
     */
    public record Logins(int failuresPerUser, int failuresPerAddress, Duration window) {}
}
