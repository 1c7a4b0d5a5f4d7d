package ru.journalarchive.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.security.AuthAudit.Outcome;

/**
 * People's API tokens: 256 random bits from SecureRandom behind the prefix {@value #PREFIX}, shown once
 * when issued and stored only as their SHA-256. Checking one is a single lookup by that hash (joined with
 * the user, so a disabled user's tokens stop at once); every node reads the row on every request, so a
 * revocation holds everywhere from the next request on.
 */
public class PersonalTokens {

    /** Tells a person's token from a school's ({@code ja_…}), for the reader and for the filter. */
    public static final String PREFIX = "jau_";

    public record Issued(long id, String token, String label, Instant expiresAt) {}

    /** A token as listed: never its secret. */
    public record TokenInfo(long id, String username, String label, Instant createdAt, String createdBy, Instant expiresAt,
                            Instant lastUsedAt, Instant revokedAt, String revokedBy) {}

    public enum Refusal {
        UNKNOWN("Токен не найден"),
        REVOKED("Токен отозван"),
        EXPIRED("Срок действия токена истёк"),
        USER_DISABLED("Пользователь, которому выдан токен, заблокирован");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** A token checked: its user if it is valid, otherwise the refusal (with the token's id and owner when known). */
    public record Check(Long tokenId, String username, AppUsers.User user, Refusal refusal) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AppUsers users;
    private final AuthAudit audit;
    private final AuthProperties.Tokens settings;

    public PersonalTokens(JdbcTemplate jdbc, TransactionTemplate transactions, AppUsers users, AuthAudit audit,
                          AuthProperties.Tokens settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.users = users;
        this.audit = audit;
        this.settings = settings;
    }

    /** A new token of {@code username}, expiring at {@code expiresAt} (null: after the default lifetime). */
    public Issued issue(String username, String label, Instant expiresAt, String actor, String address) {
        Instant expiry = expiry(expiresAt);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return transactions.execute(status -> {
            Long id = jdbc.queryForObject("""
                    INSERT INTO personal_token (username, label, token_hash, created_by, expires_at) VALUES (?, ?, ?, ?, ?)
                    RETURNING id""", Long.class, username, label, sha256(token), actor, Timestamp.from(expiry));
            audit.token(Outcome.TOKEN_ISSUED, username, id, actor, address, label);
            return new Issued(id, token, label, expiry);
        });
    }

    public List<TokenInfo> list(String username) {
        return jdbc.query("SELECT * FROM personal_token WHERE username = ? ORDER BY id", (rs, n) -> new TokenInfo(rs.getLong("id"),
                rs.getString("username"), rs.getString("label"), instant(rs.getObject("created_at", OffsetDateTime.class)),
                rs.getString("created_by"), instant(rs.getObject("expires_at", OffsetDateTime.class)),
                instant(rs.getObject("last_used_at", OffsetDateTime.class)), instant(rs.getObject("revoked_at", OffsetDateTime.class)),
                rs.getString("revoked_by")), username);
    }

    /** @return whether a live token of {@code username} with this id is revoked now */
    public boolean revoke(long id, String username, String actor, String address) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            boolean revoked = jdbc.update("""
                    UPDATE personal_token SET revoked_at = now(), revoked_by = ?
                    WHERE id = ? AND username = ? AND revoked_at IS NULL""", actor, id, username) == 1;
            if (revoked) audit.token(Outcome.TOKEN_REVOKED, username, id, actor, address, null);
            return revoked;
        }));
    }

    /** Who a presented token stands for; its last use is written only when the one on record is older than the interval. */
    public Check check(String token) {
        long interval = settings.lastUsedInterval().toSeconds();
        var found = jdbc.query("""
                SELECT t.id, t.username AS owner, t.revoked_at IS NOT NULL AS revoked, t.expires_at <= now() AS expired,
                       t.last_used_at IS NULL OR t.last_used_at < now() - ? * interval '1 second' AS stale,
                       u.username, u.password_hash, u.role, u.school, u.full_name, u.enabled
                FROM personal_token t LEFT JOIN app_user u ON u.username = t.username
                WHERE t.token_hash = ?""", (rs, n) -> {
            String owner = rs.getString("owner");
            var user = users.joined(owner, rs);
            Refusal refusal = rs.getBoolean("revoked") ? Refusal.REVOKED : rs.getBoolean("expired") ? Refusal.EXPIRED
                    : user == null || !user.enabled() ? Refusal.USER_DISABLED : null;
            return new Found(new Check(rs.getLong("id"), owner, refusal == null ? user : null, refusal), rs.getBoolean("stale"));
        }, interval, sha256(token));
        if (found.isEmpty()) return new Check(null, null, null, Refusal.UNKNOWN);
        var check = found.get(0).check();
        if (check.refusal() == null && found.get(0).lastUseStale()) touch(check.tokenId(), interval);
        return check;
    }

    private record Found(Check check, boolean lastUseStale) {}

    /** The condition again, so that nodes and threads that saw the same stale time write it once between them. */
    private void touch(long id, long interval) {
        jdbc.update("""
                UPDATE personal_token SET last_used_at = now()
                WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - ? * interval '1 second')""", id, interval);
    }

    private Instant expiry(Instant requested) {
        Instant now = Instant.now();
        if (requested == null) return now.plus(settings.defaultLifetime()).truncatedTo(ChronoUnit.SECONDS);
        if (!requested.isAfter(now)) throw new RejectedRequest("expiresAt", "Срок действия токена должен быть в будущем");
        if (requested.isAfter(now.plus(settings.maxLifetime())))
            throw new RejectedRequest("expiresAt", "Срок действия токена — не больше " + settings.maxLifetime().toDays() + " дн.");
        return requested.truncatedTo(ChronoUnit.SECONDS);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
