package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.journalarchive.app.security.Role;

/** The pages' sign-in, school scoping, CSRF and headers, in Chromium and with plain HTTP against the same session. */
class WebPagesSecurityTest extends ServiceTestBase {

    @Test
    void everyPageWithoutASessionGoesToTheSignInPage() throws Exception {
        for (String path : List.of("/", "/schools/demo/signing", "/schools/demo/signing/documents/x/preview", "/inspector",
                "/inspector/protocol")) {
            var response = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).as(path).endsWith("/login");
        }
        var login = http.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        String policy = login.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("script-src 'self';", "frame-ancestors 'none'", "object-src 'none'").doesNotContain("unsafe-inline");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }

    @Test
    void aSignedInDirectorOfAnotherSchoolGetsTheForbiddenPageAndAPostWithoutItsCsrfTokenIsRefused() throws Exception {
        loadDemoSchoolOnce();
        users.add("director-of-other", "other-director-password", Role.DIRECTOR, "other", "Соколов Андрей Петрович");
        try (var browser = new Browser(port)) {
            browser.signIn("director-of-other", "wrong-password");
            assertThat(browser.text("[role=alert]")).isEqualTo("Неверное имя пользователя или пароль.");
            browser.accessible().screenshot("sign-in");

            browser.signIn("director-of-other", "other-director-password");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_session WHERE principal_name = 'director-of-other'", Integer.class))
                    .as("the session lives in PostgreSQL").isEqualTo(1);
            browser.open("/schools/demo/signing");
            assertThat(browser.text("h1")).isEqualTo("Доступ запрещён");
            browser.accessible().screenshot("forbidden");
            String cookie = browser.sessionCookie();
            for (String path : List.of("/schools/demo/signing", "/schools/demo/signing/documents/x/preview"))
                assertThat(http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(403);

            // Its own school's page: the signing page's policy lets the plug-in's extension script in, and nothing else.
            var own = http.send(HttpRequest.newBuilder(uri("/schools/other/signing")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(own.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("script-src 'self' chrome-extension: moz-extension:;", "frame-ancestors 'none'");

            String body = "{\"documentIds\":[\"summary-ledger--other--2025--year--c-1\"]}";
            var withoutToken = http.send(HttpRequest.newBuilder(uri("/schools/other/signing/status")).header("Cookie", cookie)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withoutToken.statusCode()).isEqualTo(403);
            browser.open("/schools/other/signing");
            String token = browser.find("meta[name=_csrf]").getAttribute("content");
            var withToken = http.send(HttpRequest.newBuilder(uri("/schools/other/signing/status")).header("Cookie", cookie)
                    .header("X-CSRF-TOKEN", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withToken.statusCode()).isEqualTo(200);
            assertThat(withToken.body()).contains("UNKNOWN");

            browser.signOut();
            assertThat(browser.text("[role=status]")).isEqualTo("Вы вышли из системы.");
            assertThat(http.send(HttpRequest.newBuilder(uri("/schools/other/signing")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("the old session is gone").isEqualTo(302);
        }
    }
}
