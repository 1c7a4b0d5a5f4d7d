package ru.journalarchive.app.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The configured sources and their OAuth tokens (encrypted), in PostgreSQL so that every node sees them. */
public class ConnectorSources {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TokenCipher cipher;

    public ConnectorSources(JdbcTemplate jdbc, ObjectMapper json, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.json = json;
        this.cipher = cipher;
    }

    /** Adds the source or replaces its configuration; its tokens and sync state stay. */
    public ConnectorSource save(ConnectorSource s) {
        jdbc.update("""
                INSERT INTO connector_source (code, school, kind, base_url, remote_school_id, classes, credentials, mappings,
                                              settings, enabled)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?)
                ON CONFLICT (code) DO UPDATE SET school = EXCLUDED.school, kind = EXCLUDED.kind, base_url = EXCLUDED.base_url,
                    remote_school_id = EXCLUDED.remote_school_id, classes = EXCLUDED.classes, credentials = EXCLUDED.credentials,
                    mappings = EXCLUDED.mappings, settings = EXCLUDED.settings, enabled = EXCLUDED.enabled, updated_at = now()""",
                s.code(), s.school(), s.kind().name(), s.baseUrl(), s.remoteSchoolId(), write(s.classes()), s.credentials(),
                write(s.mappings()), write(s.settings()), s.enabled());
        return find(s.code()).orElseThrow();
    }

    public Optional<ConnectorSource> find(String code) {
        return jdbc.query("SELECT * FROM connector_source WHERE code = ?", this::row, code).stream().findFirst();
    }

    public List<ConnectorSource> all() {
        return jdbc.query("SELECT * FROM connector_source ORDER BY code", this::row);
    }

    public boolean delete(String code) {
        return jdbc.update("DELETE FROM connector_source WHERE code = ?", code) > 0;
    }

    /** The tokens a grant or a refresh gave; the refresh token only when one came. */
    public void storeTokens(String code, String accessToken, Instant accessExpires, String refreshToken) {
        jdbc.update("""
                UPDATE connector_source SET access_token = ?, access_expires_at = ?, refresh_token = coalesce(?, refresh_token),
                    updated_at = now() WHERE code = ?""",
                cipher.encrypt(code, accessToken), accessExpires == null ? null : OffsetDateTime.ofInstant(accessExpires, java.time.ZoneOffset.UTC),
                cipher.encrypt(code, refreshToken), code);
    }

    /** A refresh token given by the administrator (e.g. from the partner's own tool) replaces the stored tokens. */
    public void storeRefreshToken(String code, String refreshToken) {
        jdbc.update("UPDATE connector_source SET refresh_token = ?, access_token = NULL, access_expires_at = NULL, updated_at = now() "
                + "WHERE code = ?", cipher.encrypt(code, refreshToken), code);
    }

    public record Tokens(String accessToken, Instant accessExpires, String refreshToken) {}

    public Tokens tokens(String code) {
        return jdbc.queryForObject("SELECT access_token, access_expires_at, refresh_token FROM connector_source WHERE code = ?",
                (rs, i) -> new Tokens(cipher.decrypt(code, rs.getBytes(1)),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(), cipher.decrypt(code, rs.getBytes(3))), code);
    }

    public void succeeded(String code, LocalDate windowTo) {
        jdbc.update("UPDATE connector_source SET last_success_to = ?, consecutive_failures = 0 WHERE code = ?", windowTo, code);
    }

    /** Returns the failures in a row now. */
    public int failed(String code) {
        return jdbc.queryForObject("UPDATE connector_source SET consecutive_failures = consecutive_failures + 1 WHERE code = ? "
                + "RETURNING consecutive_failures", Integer.class, code);
    }

    private ConnectorSource row(ResultSet rs, int i) throws SQLException {
        try {
            var date = rs.getDate("last_success_to");
            return new ConnectorSource(rs.getString("code"), rs.getString("school"), SourceKind.valueOf(rs.getString("kind")),
                    rs.getString("base_url"), rs.getString("remote_school_id"),
                    json.readValue(rs.getString("classes"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {}),
                    rs.getString("credentials"), json.readValue(rs.getString("mappings"), ConnectorSource.Mappings.class),
                    json.readValue(rs.getString("settings"), ConnectorSource.Settings.class), rs.getBoolean("enabled"),
                    date == null ? null : date.toLocalDate(), rs.getInt("consecutive_failures"), rs.getBytes("refresh_token") != null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("connector_source " + rs.getString("code") + " unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
