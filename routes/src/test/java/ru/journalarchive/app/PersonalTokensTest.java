package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import ru.journalarchive.app.security.PersonalTokens;
import ru.journalarchive.app.security.Role;

/** A person's API token: shown once, kept as its SHA-256, used as Bearer, expiring and revocable; failed logins throttled. */
class PersonalTokensTest extends ServiceTestBase {

    static final String PASSWORD = "tokens-test-password";

    HttpResponse<String> bearer(String token, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenIsShownOnceStoredAsItsHashUsedRevokedAndExpires() throws Exception {
        users.add("archivist-tokens", PASSWORD, Role.ARCHIVIST, null, "Соколова Вера Ивановна");
        users.add("inspector-tokens", PASSWORD, Role.INSPECTOR, null, "Орлов Павел Ильич");
        var issued = body(as("archivist-tokens", PASSWORD, "POST", "/api/v1/me/tokens", "{\"label\": \"поиск по архиву\"}"));
        String secret = issued.get("token").asText();
        assertThat(secret).startsWith(PersonalTokens.PREFIX).hasSizeGreaterThan(40);
        long id = issued.get("id").asLong();

        byte[] stored = jdbc.queryForObject("SELECT token_hash FROM personal_token WHERE id = ?", byte[].class, id);
        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        assertThat(as("archivist-tokens", PASSWORD, "GET", "/api/v1/me/tokens", null).body()).doesNotContain(secret);

        assertThat(bearer(secret, "GET", "/api/v1/documents?school=demo").statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT last_used_at IS NOT NULL FROM personal_token WHERE id = ?", Boolean.class, id)).isTrue();
        // An archivist's token cannot do what an archivist may not.
        assertThat(bearer(secret, "GET", "/api/v1/admin/users").statusCode()).isEqualTo(403);

        // Somebody else cannot revoke it; its owner can, and then it is refused.
        assertThat(as("inspector-tokens", PASSWORD, "DELETE", "/api/v1/me/tokens/" + id, null).statusCode()).isEqualTo(404);
        assertThat(bearer(secret, "GET", "/api/v1/documents?school=demo").statusCode()).isEqualTo(200);
        assertThat(as("archivist-tokens", PASSWORD, "DELETE", "/api/v1/me/tokens/" + id, null).statusCode()).isBetween(200, 204);
        var revoked = bearer(secret, "GET", "/api/v1/documents?school=demo");
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("errors");

        // The administrator issues one for the user; once past its expiry it is refused.
        var byAdmin = body(admin("POST", "/api/v1/admin/users/archivist-tokens/tokens", "{\"label\": \"скрипт выгрузки\"}"));
        String other = byAdmin.get("token").asText();
        assertThat(bearer(other, "GET", "/api/v1/documents?school=demo").statusCode()).isEqualTo(200);
        jdbc.update("UPDATE personal_token SET expires_at = now() - interval '1 minute' WHERE id = ?", byAdmin.get("id").asLong());
        assertThat(bearer(other, "GET", "/api/v1/documents?school=demo").statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM auth_audit WHERE username = 'archivist-tokens' AND outcome IN "
                + "('TOKEN_ISSUED', 'TOKEN_REVOKED')", Integer.class)).isGreaterThanOrEqualTo(3);

        // A disabled user's tokens stop working.
        var third = body(admin("POST", "/api/v1/admin/users/inspector-tokens/tokens", "{\"label\": \"проверка\"}")).get("token").asText();
        assertThat(bearer(third, "GET", "/api/v1/documents?school=demo").statusCode()).isEqualTo(200);
        users.disable("inspector-tokens");
        assertThat(bearer(third, "GET", "/api/v1/documents?school=demo").statusCode()).isEqualTo(401);
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneWaitsWith429AndRetryAfter() throws Exception {
        users.add("archivist-throttled", PASSWORD, Role.ARCHIVIST, null, "Белова Нина Петровна");
        for (int i = 0; i < 5; i++)
            assertThat(as("archivist-throttled", "wrong-password-" + i, "GET", "/api/v1/documents", null).statusCode()).isEqualTo(401);
        var throttled = as("archivist-throttled", PASSWORD, "GET", "/api/v1/documents", null);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 15 * 60L);
        assertThat(throttled.body()).contains("errors");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM auth_audit WHERE username = 'archivist-throttled' AND outcome = 'LOGIN_FAILED'",
                Integer.class)).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM auth_audit WHERE username = 'archivist-throttled' AND outcome = 'LOGIN_THROTTLED'",
                Integer.class)).isGreaterThanOrEqualTo(1);
        // Another person from the same address is not held back by this one's failures.
        users.add("archivist-unthrottled", PASSWORD, Role.ARCHIVIST, null, "Зайцева Ольга Юрьевна");
        assertThat(as("archivist-unthrottled", PASSWORD, "GET", "/api/v1/documents", null).statusCode()).isEqualTo(200);
    }
}
