package ru.journalarchive.journal.school;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Schools and the API tokens of their journal systems. A token is shown once when issued; only
 * its SHA-256 is stored (tokens are 256 random bits, so a slow hash adds nothing).
 */
public class SchoolRegistry {

    /** A token as listed: never its secret. lastUsedAt: null while never presented; kept to the minute. */
    public record TokenInfo(long id, String schoolCode, String label, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
                            OffsetDateTime revokedAt) {}

    public record IssuedToken(long id, String token) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    /** A push is a hot path: its token's last use is written once a minute at most. */
    private static final int LAST_USE_SECONDS = 60;
    private final JdbcTemplate jdbc;

    public SchoolRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers the school or renames it; the profile is later kept current by the school's batches. */
    public School register(String code, String name) {
        Long id = jdbc.queryForObject("""
                INSERT INTO school (code, name) VALUES (?, ?)
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id""", Long.class, code, name);
        return new School(id, code, name);
    }

    public Optional<School> find(String code) {
        return jdbc.query("SELECT id, code, name FROM school WHERE code = ?",
                (rs, n) -> new School(rs.getLong(1), rs.getString(2), rs.getString(3)), code).stream().findFirst();
    }

    public List<School> all() {
        return jdbc.query("SELECT id, code, name FROM school ORDER BY code",
                (rs, n) -> new School(rs.getLong(1), rs.getString(2), rs.getString(3)));
    }

    public IssuedToken issueToken(String schoolCode, String label) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return addToken(schoolCode, label, "ja_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Registers a token chosen elsewhere (the demo's, from the environment); idempotent. */
    public IssuedToken addToken(String schoolCode, String label, String token) {
        School school = find(schoolCode).orElseThrow(() -> new IllegalArgumentException("unknown school " + schoolCode));
        Long id = jdbc.queryForObject("""
                INSERT INTO api_token (school_id, label, token_hash) VALUES (?, ?, ?)
                ON CONFLICT (token_hash) DO UPDATE SET label = EXCLUDED.label RETURNING id""",
                Long.class, school.id(), label, sha256(token));
        return new IssuedToken(id, token);
    }

    /** @return whether a token that was not yet revoked is revoked now */
    public boolean revokeToken(long tokenId) {
        return jdbc.update("UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", tokenId) == 1;
    }

    public List<TokenInfo> tokens(String schoolCode) {
        return jdbc.query("""
                SELECT t.id, s.code, t.label, t.created_at, t.last_used_at, t.revoked_at FROM api_token t JOIN school s ON s.id = t.school_id
                WHERE s.code = ? ORDER BY t.id""", (rs, n) -> new TokenInfo(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)),
                schoolCode);
    }

    /** The school and label of a live token, if the token is one; its last use is recorded (see {@link #LAST_USE_SECONDS}). */
    public Optional<TokenInfo> authenticate(String token) {
        var found = jdbc.query("""
                SELECT t.id, s.code, t.label, t.created_at, t.last_used_at,
                       t.last_used_at IS NULL OR t.last_used_at < now() - ? * interval '1 second' AS stale
                FROM api_token t JOIN school s ON s.id = t.school_id
                WHERE t.token_hash = ? AND t.revoked_at IS NULL""", (rs, n) -> new Found(new TokenInfo(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class), null),
                rs.getBoolean(6)), LAST_USE_SECONDS, sha256(token)).stream().findFirst();
        // The condition again, so that nodes and threads that saw the same stale time write it once between them.
        found.filter(Found::lastUseStale).ifPresent(f -> jdbc.update("""
                UPDATE api_token SET last_used_at = now()
                WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - ? * interval '1 second')""",
                f.token().id(), LAST_USE_SECONDS));
        return found.map(Found::token);
    }

    private record Found(TokenInfo token, boolean lastUseStale) {}

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
