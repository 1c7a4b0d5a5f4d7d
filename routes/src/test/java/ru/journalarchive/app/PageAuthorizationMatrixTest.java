package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import ru.journalarchive.app.security.Role;

/**
 * Every page (every handler outside /api) against every kind of person, each signed in through the form
 * with a session as a browser is: who gets through (any answer but 403 or the way back to the sign-in
 * page) and who is turned away. The pages are taken from the running application, so a new page without
 * a row here fails the test. Without a session every page leads to the sign-in page.
 */
class PageAuthorizationMatrixTest extends ServiceTestBase {

    enum Person { DIRECTOR, DIRECTOR_OF_OTHER_SCHOOL, ARCHIVIST, INSPECTOR, ADMIN }

    static final String PASSWORD = "page-matrix-password";
    static final Set<Person> EVERYONE = EnumSet.allOf(Person.class);
    /** Pages that need no session, and Spring's own error page. */
    static final Set<String> OPEN = Set.of("GET /login", "GET /error", "POST /error", "PUT /error", "DELETE /error", "PATCH /error",
            "HEAD /error", "OPTIONS /error");

    /** "METHOD pattern" → who gets through. The school in every path is "demo". */
    static final Map<String, Set<Person>> MATRIX = new LinkedHashMap<>();

    static {
        MATRIX.put("GET /", EVERYONE);
        for (String m : List.of("GET /schools/{school}/signing", "GET /schools/{school}/signing/documents/{documentId}/preview",
                "POST /schools/{school}/signing/server", "POST /schools/{school}/signing/status",
                "POST /schools/{school}/signing/token/certificate", "POST /schools/{school}/signing/token/prepare",
                "GET /schools/{school}/signing/token/sessions", "POST /schools/{school}/signing/token/complete"))
            MATRIX.put(m, EnumSet.of(Person.DIRECTOR));
        for (String m : List.of("GET /inspector", "POST /inspector/upload", "POST /inspector/archive", "GET /inspector/protocol"))
            MATRIX.put(m, EnumSet.of(Person.INSPECTOR, Person.ARCHIVIST));
        for (String m : List.of("GET /admin/schools", "POST /admin/schools", "GET /admin/schools/{code}", "POST /admin/schools/{code}/name",
                "POST /admin/schools/{code}/tokens", "POST /admin/schools/{code}/tokens/{id}/revoke", "GET /admin/users",
                "POST /admin/users", "POST /admin/users/{username}/password", "POST /admin/users/{username}/disable",
                "GET /admin/health", "POST /admin/health/fixity"))
            MATRIX.put(m, EnumSet.of(Person.ADMIN));
        for (String m : List.of("GET /archive/disposal", "POST /archive/disposal/acts", "GET /archive/disposal/acts/{id}",
                "POST /archive/disposal/acts/{id}/confirm", "GET /archive/disposal/acts/{id}/act.pdf"))
            MATRIX.put(m, EnumSet.of(Person.ARCHIVIST));
        MATRIX.put("GET /monitoring", EnumSet.of(Person.ADMIN, Person.INSPECTOR));
        for (String m : List.of("GET /archive", "GET /archive/documents/{id}", "GET /archive/documents/{id}/files/{name}",
                "GET /archive/documents/{id}/package.zip"))
            MATRIX.put(m, EnumSet.of(Person.ARCHIVIST, Person.INSPECTOR));
        MATRIX.put("POST /archive/documents/{id}/legal-hold", EnumSet.of(Person.ARCHIVIST));
        for (String m : List.of("GET /admin/runs", "POST /admin/runs", "GET /admin/runs/choices.json", "GET /admin/runs/{id}",
                "GET /admin/runs/{id}/progress.json", "POST /admin/runs/{id}/documents/{documentId}/retry"))
            MATRIX.put(m, EnumSet.of(Person.ADMIN));
        for (String m : List.of("GET /admin/connectors", "POST /admin/connectors", "GET /admin/connectors/{code}",
                "POST /admin/connectors/{code}/syncs", "POST /admin/connectors/{code}/authorization", "POST /admin/connectors/{code}/enabled"))
            MATRIX.put(m, EnumSet.of(Person.ADMIN));
    }

    static final Map<Person, Session> SESSIONS = new EnumMap<>(Person.class);

    record Session(String cookie, String csrf) {}

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyPageLetsInExactlyThePeopleOfItsRowAndSendsEveryoneElseAwayOrToTheSignInPage() throws Exception {
        loadDemoSchoolOnce();
        var pages = new TreeSet<String>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream().filter(p -> !p.startsWith("/api/"))
                .forEach(p -> (info.getMethodsCondition().getMethods().isEmpty()
                        ? EnumSet.of(org.springframework.web.bind.annotation.RequestMethod.GET)
                        : info.getMethodsCondition().getMethods()).forEach(method -> pages.add(method + " " + p))));
        pages.removeAll(OPEN);
        assertThat(pages).as("every page has a row in the matrix").isSubsetOf(MATRIX.keySet());
        assertThat(MATRIX.keySet()).as("every row is a real page").isSubsetOf(pages);

        var wrong = new ArrayList<String>();
        for (var row : MATRIX.entrySet()) {
            String method = row.getKey().substring(0, row.getKey().indexOf(' '));
            String path = Pattern.compile("\\{[^}]+}").matcher(row.getKey().substring(method.length() + 1)
                    .replace("{school}", "demo")).replaceAll("1");
            var anonymous = send(null, method, path);
            // A form sent without a session fails its CSRF check first: "?expired" is the same way back.
            String back = anonymous.headers().firstValue("Location").orElse("");
            if (anonymous.statusCode() != 302 || !back.matches(".*/login(\\?expired)?"))
                wrong.add(row.getKey() + " without a session: " + anonymous.statusCode() + " " + back);
            for (Person person : Person.values()) {
                var response = send(session(person), method, path);
                boolean through = response.statusCode() != 403 && !(response.statusCode() == 302
                        && response.headers().firstValue("Location").orElse("").contains("/login"));
                if (through != row.getValue().contains(person))
                    wrong.add(row.getKey() + " as " + person + ": " + response.statusCode());
            }
        }
        assertThat(wrong).as("people let in or turned away against the matrix").isEmpty();
    }

    HttpResponse<String> send(Session session, String method, String path) throws Exception {
        // A form's answer may do real work (the fixity audit over the whole archive): ask for the least of it.
        var request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("sample=1"));
        if (session != null) request.header("Cookie", session.cookie()).header("X-CSRF-TOKEN", session.csrf());
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs the person in through the form once, as a browser does: the session cookie and the page's CSRF token. */
    Session session(Person person) throws Exception {
        var existing = SESSIONS.get(person);
        if (existing != null) return existing;
        String username = switch (person) {
            case DIRECTOR -> "pages-director";
            case DIRECTOR_OF_OTHER_SCHOOL -> "pages-director-other";
            case ARCHIVIST -> "pages-archivist";
            case INSPECTOR -> "pages-inspector";
            case ADMIN -> "admin";
        };
        String password = person == Person.ADMIN ? ADMIN_PASSWORD : PASSWORD;
        switch (person) {
            case DIRECTOR -> users.add(username, PASSWORD, Role.DIRECTOR, "demo", "Лебедева Ирина Викторовна");
            case DIRECTOR_OF_OTHER_SCHOOL -> users.add(username, PASSWORD, Role.DIRECTOR, "other", "Смирнов Олег Петрович");
            case ARCHIVIST -> users.add(username, PASSWORD, Role.ARCHIVIST, null, "Петрова Анна Сергеевна");
            case INSPECTOR -> users.add(username, PASSWORD, Role.INSPECTOR, null, "Кузнецов Илья Андреевич");
            case ADMIN -> { }
        }
        var form = http.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = cookie(form);
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf(form.body());
        var signedIn = http.send(HttpRequest.newBuilder(uri("/login")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location").orElse("")).as(username + " signed in").doesNotContain("error");
        if (signedIn.headers().firstValue("Set-Cookie").isPresent()) cookie = cookie(signedIn);
        var start = http.send(HttpRequest.newBuilder(uri("/")).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(200);
        var session = new Session(cookie, csrf(start.body()));
        SESSIONS.put(person, session);
        return session;
    }

    private static String cookie(HttpResponse<String> response) {
        String set = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JA_SESSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie"));
        return set.substring(0, set.indexOf(';'));
    }

    private static String csrf(String html) {
        var m = Pattern.compile("name=\"(?:_csrf)\"[^>]*(?:value|content)=\"([^\"]+)\"").matcher(html);
        if (!m.find()) throw new AssertionError("no CSRF token on the page");
        return m.group(1);
    }
}
