package ru.journalarchive.app.security;

import org.springframework.jdbc.core.JdbcTemplate;

/** The authentication audit (auth_audit): failed and throttled logins, refused tokens, tokens issued and revoked. */
public class AuthAudit {

    public enum Outcome { LOGIN_FAILED, LOGIN_THROTTLED, TOKEN_REFUSED, TOKEN_ISSUED, TOKEN_REVOKED }

    private final JdbcTemplate jdbc;

    public AuthAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void login(Outcome outcome, String username, String address, String reason) {
        token(outcome, username, null, null, address, reason);
    }

    public void token(Outcome outcome, String username, Long tokenId, String actor, String address, String reason) {
        jdbc.update("INSERT INTO auth_audit (outcome, username, address, token_id, actor, reason) VALUES (?, ?, ?, ?, ?, ?)",
                outcome.name(), username, address, tokenId, actor, reason);
    }
}
