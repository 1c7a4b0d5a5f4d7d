package ru.journalarchive.app.security;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Failed logins counted per username and per address in PostgreSQL (login_throttle), so every node
 * sees the same counts. A window opens at a subject's first failure; once a subject has its limit of
 * failures in it, logins are refused until the window has passed. A login costs one read by primary
 * key; only failures (and the first success after them) write.
 */
public class LoginThrottle {

    /** Before a login: seconds to wait (0: go ahead), and whether the user has failures to clear on success. */
    public record State(long retryAfterSeconds, boolean userHasFailures) {
        public boolean throttled() {
            return retryAfterSeconds > 0;
        }
    }

    private final JdbcTemplate jdbc;
    private final AuthProperties.Logins limits;

    public LoginThrottle(JdbcTemplate jdbc, AuthProperties.Logins limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    public State check(String username, String address) {
        long window = limits.window().toSeconds();
        var counts = jdbc.query("""
                SELECT subject = 'USER' AS user, failures,
                       ceil(extract(epoch FROM window_start + ? * interval '1 second' - now()))::bigint AS remaining
                FROM login_throttle
                WHERE ((subject = 'USER' AND value = ?) OR (subject = 'ADDRESS' AND value = ?))
                  AND window_start > now() - ? * interval '1 second'""",
                (rs, n) -> new Count(rs.getBoolean("user"), rs.getInt("failures"), rs.getLong("remaining")),
                window, username, address, window);
        long wait = counts.stream().filter(c -> c.failures() >= (c.user() ? limits.failuresPerUser() : limits.failuresPerAddress()))
                .mapToLong(c -> Math.max(1, c.remaining())).max().orElse(0);
        return new State(wait, counts.stream().anyMatch(Count::user));
    }

    private record Count(boolean user, int failures, long remaining) {}

    /** One more failure of the username and of the address; a window that has passed starts again. */
    public void failed(String username, String address) {
        long window = limits.window().toSeconds();
        jdbc.update("""
                INSERT INTO login_throttle AS t (subject, value, failures, window_start)
                VALUES ('USER', ?, 1, now()), ('ADDRESS', ?, 1, now())
                ON CONFLICT (subject, value) DO UPDATE SET
                    failures = CASE WHEN t.window_start > now() - ? * interval '1 second' THEN t.failures + 1 ELSE 1 END,
                    window_start = CASE WHEN t.window_start > now() - ? * interval '1 second' THEN t.window_start ELSE now() END""",
                username, address, window, window);
    }

    /** A successful login clears the user's failures; the address keeps its own (one good password must not reset a spray). */
    public void succeeded(String username) {
        jdbc.update("DELETE FROM login_throttle WHERE subject = 'USER' AND value = ?", username);
    }
}
