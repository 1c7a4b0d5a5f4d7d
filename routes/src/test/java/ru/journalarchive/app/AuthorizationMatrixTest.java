package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.storage.archive.ArchivePackage;
import ru.journalarchive.storage.archive.PackageWriter;

/**
 * Every endpoint of the API against every kind of caller: who gets through (any answer but 401/403)
 * and who is turned away. The endpoints are taken from the running application, so a new endpoint
 * without a line in this table fails the test. Every person is tried with their password and with a
 * personal token, which must let them do the same, except issue tokens. Then the cross-school cases:
 * a director of another school sees nothing of this one, a school's token writes nothing into another school.
 */
class AuthorizationMatrixTest extends ServiceTestBase {

    enum Caller { ANONYMOUS, TOKEN_OF_SCHOOL, TOKEN_OF_OTHER_SCHOOL, DIRECTOR, DIRECTOR_OF_OTHER_SCHOOL, ARCHIVIST, INSPECTOR, ADMIN }

    /** How a person authenticates; the other callers have one way only. */
    enum Via { PASSWORD, PERSONAL_TOKEN }

    static final String PASSWORD = "matrix-test-password";
    static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    static final Set<Caller> READERS = EnumSet.of(Caller.ARCHIVIST, Caller.INSPECTOR, Caller.DIRECTOR, Caller.DIRECTOR_OF_OTHER_SCHOOL);
    static final Set<Caller> PEOPLE = EnumSet.of(Caller.DIRECTOR, Caller.DIRECTOR_OF_OTHER_SCHOOL, Caller.ARCHIVIST, Caller.INSPECTOR,
            Caller.ADMIN);
    /** Rows whose people are turned away when they come with a personal token: a token issues no tokens. */
    static final Set<String> PASSWORD_ONLY = Set.of("POST /api/v1/me/tokens", "POST /api/v1/admin/users/{username}/tokens");

    /** "METHOD pattern" → who gets through. The school in every path is "demo". */
    static final Map<String, Set<Caller>> MATRIX = new LinkedHashMap<>();

    static {
        MATRIX.put("POST /api/v1/schools/{school}/batches", EnumSet.of(Caller.TOKEN_OF_SCHOOL));
        for (String m : List.of("GET /api/v1/schools/{school}/signing-queue", "GET /api/v1/schools/{school}/signing-queue/{documentId}/preview",
                "POST /api/v1/schools/{school}/signing-queue/sign", "POST /api/v1/schools/{school}/signing-queue/external/prepare",
                "GET /api/v1/schools/{school}/signing-queue/external/{sessionId}/content",
                "GET /api/v1/schools/{school}/signing-queue/external/sessions",
                "POST /api/v1/schools/{school}/signing-queue/external/complete"))
            MATRIX.put(m, EnumSet.of(Caller.DIRECTOR));
        for (String m : List.of("POST /api/v1/admin/schools", "GET /api/v1/admin/schools", "POST /api/v1/admin/schools/{school}/tokens",
                "GET /api/v1/admin/schools/{school}/tokens", "DELETE /api/v1/admin/tokens/{id}", "POST /api/v1/admin/users",
                "GET /api/v1/admin/users", "DELETE /api/v1/admin/users/{username}", "GET /api/v1/admin/fixity",
                "POST /api/v1/admin/fixity", "POST /api/v1/archive-runs", "GET /api/v1/archive-runs/{id}",
                "POST /api/v1/archive-runs/{id}/documents/{documentId}/retry",
                "GET /api/v1/admin/users/{username}/tokens", "POST /api/v1/admin/users/{username}/tokens",
                "DELETE /api/v1/admin/users/{username}/tokens/{id}",
                // the connectors (issue 17)
                "GET /api/v1/admin/connectors", "GET /api/v1/admin/connectors/{code}", "PUT /api/v1/admin/connectors/{code}",
                "DELETE /api/v1/admin/connectors/{code}", "POST /api/v1/admin/connectors/{code}/authorization",
                "POST /api/v1/admin/connectors/{code}/syncs", "GET /api/v1/admin/connectors/{code}/syncs",
                "GET /api/v1/admin/connectors/{code}/syncs/{id}"))
            MATRIX.put(m, EnumSet.of(Caller.ADMIN));
        for (String m : List.of("GET /api/v1/me/tokens", "POST /api/v1/me/tokens", "DELETE /api/v1/me/tokens/{id}"))
            MATRIX.put(m, PEOPLE);
        // Any director may search (and finds only their own school's documents, checked below); a document of
        // "demo" is for its own director only.
        MATRIX.put("GET /api/v1/documents", READERS);
        for (String m : List.of("GET /api/v1/documents/{id}", "GET /api/v1/documents/{id}/files/{name}",
                "GET /api/v1/documents/{id}/package.zip", "GET /api/v1/documents/{id}/verification"))
            MATRIX.put(m, EnumSet.of(Caller.ARCHIVIST, Caller.INSPECTOR, Caller.DIRECTOR));
        MATRIX.put("PUT /api/v1/documents/{id}/legal-hold", EnumSet.of(Caller.ARCHIVIST));
        for (String m : List.of("GET /api/v1/disposal/eligible", "POST /api/v1/disposal/acts", "GET /api/v1/disposal/acts",
                "GET /api/v1/disposal/acts/{id}/act.pdf",
                "POST /api/v1/disposal/acts/{id}/confirm"))
            MATRIX.put(m, EnumSet.of(Caller.ARCHIVIST));
        MATRIX.put("POST /api/v1/verifications", EnumSet.of(Caller.INSPECTOR, Caller.ARCHIVIST));
        MATRIX.put("POST /api/v1/tsa", EVERYONE);
        MATRIX.put("GET /api/v1/tsa/certificates", EVERYONE);
        MATRIX.put("GET /api/v1/openapi.json", EVERYONE);
        MATRIX.put("GET /api/v1/openapi.json/swagger-config", EVERYONE);
        MATRIX.put("GET /api/v1/docs", EVERYONE); // Swagger UI: a redirect to its page, which shows only the description
        MATRIX.put("GET /api/v1/openapi.json.yaml", EnumSet.noneOf(Caller.class));
    }

    static String document;
    static final Map<Caller, String> PERSONAL_TOKENS = new java.util.EnumMap<>(Caller.class);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    PackageWriter writer;
    @Autowired
    ru.journalarchive.app.security.PersonalTokens personalTokens;

    @BeforeAll
    static void noDocumentYet() {
        document = null;
    }

    void setUp() throws Exception {
        loadDemoSchoolOnce();
        if (document != null) return;
        users.add("director-demo", PASSWORD, Role.DIRECTOR, "demo", "Лебедева Ирина Викторовна");
        users.add("director-other", PASSWORD, Role.DIRECTOR, "other", "Смирнов Олег Петрович");
        users.add("archivist", PASSWORD, Role.ARCHIVIST, null, "Петрова Анна Сергеевна");
        users.add("inspector", PASSWORD, Role.INSPECTOR, null, "Кузнецов Илья Андреевич");
        for (Caller person : PEOPLE) PERSONAL_TOKENS.put(person, personalTokens.issue(login(person)[0], "matrix", null, "admin",
                "127.0.0.1").token());
        document = writer.store(new ArchivePackage("matrix-" + RUN, List.of("matrix-" + RUN),
                Map.of("kind", "journal", "school", "demo", "school_year", "2025", "title", "Журнал для проверки прав"),
                List.of(new ArchivePackage.PackageFile("document.pdf", "application/pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII))),
                "journal", LocalDate.of(2025, 12, 28))).documentId();
    }

    @Test
    void everyEndpointLetsInExactlyTheCallersOfItsRow() throws Exception {
        setUp();
        var endpoints = new TreeSet<String>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getMethodsCondition().getMethods().forEach(method ->
                info.getPatternValues().stream().filter(p -> p.startsWith("/api/")).forEach(p -> endpoints.add(method + " " + p))));
        assertThat(endpoints).as("every API endpoint has a row in the matrix").isSubsetOf(MATRIX.keySet());
        assertThat(MATRIX.keySet()).as("every row is a real endpoint").isSubsetOf(endpoints);

        var wrong = new ArrayList<String>();
        for (var row : MATRIX.entrySet()) {
            String method = row.getKey().substring(0, row.getKey().indexOf(' '));
            String path = row.getKey().substring(method.length() + 1).replace("{school}", "demo").replace("{documentId}", document)
                    .replace("{name}", "document.pdf").replace("{sessionId}", "no-session").replace("{username}", "nobody").replace("{code}", "no-source")
                    .replace("{id}", path(row.getKey()));
            for (Caller caller : Caller.values())
                for (Via via : PEOPLE.contains(caller) ? EnumSet.allOf(Via.class) : EnumSet.of(Via.PASSWORD)) {
                    int status = call(caller, via, method, path);
                    boolean through = status != 401 && status != 403;
                    boolean expected = row.getValue().contains(caller)
                            && !(via == Via.PERSONAL_TOKEN && PASSWORD_ONLY.contains(row.getKey()));
                    if (through != expected) wrong.add(row.getKey() + " as " + caller + " by " + via + ": " + status);
                }
        }
        assertThat(wrong).as("callers let in or turned away against the matrix").isEmpty();
    }

    @Test
    void aDirectorOfAnotherSchoolSeesNothingOfThisOneAndATokenWritesOnlyItsOwnSchool() throws Exception {
        setUp();
        for (Via via : Via.values()) {
            assertThat(call(Caller.DIRECTOR_OF_OTHER_SCHOOL, via, "GET", "/api/v1/documents/" + document)).isEqualTo(403);
            assertThat(call(Caller.DIRECTOR_OF_OTHER_SCHOOL, via, "GET", "/api/v1/documents/" + document + "/files/document.pdf"))
                    .isEqualTo(403);
            assertThat(call(Caller.DIRECTOR_OF_OTHER_SCHOOL, via, "GET", "/api/v1/schools/demo/signing-queue")).isEqualTo(403);
            assertThat(body(send(Caller.DIRECTOR_OF_OTHER_SCHOOL, via, "GET", "/api/v1/documents?school=demo")).get("documents"))
                    .isEmpty();
            var own = body(send(Caller.DIRECTOR, via, "GET", "/api/v1/documents?school=other"));
            own.get("documents").forEach(d -> assertThat(d.at("/metadata/school").asText()).isEqualTo("demo"));
            assertThat(call(Caller.DIRECTOR, via, "GET", "/api/v1/documents/" + document)).isEqualTo(200);
            int reads = jdbc.queryForObject("SELECT count(*) FROM document_read WHERE document_id = ?", Integer.class, document);
            assertThat(call(Caller.DIRECTOR, via, "GET", "/api/v1/documents/" + document + "/files/document.pdf")).isEqualTo(200);
            assertThat(jdbc.queryForObject("SELECT reader FROM document_read WHERE document_id = ? ORDER BY id DESC LIMIT 1",
                    String.class, document)).isEqualTo("director-demo");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM document_read WHERE document_id = ?", Integer.class, document))
                    .isEqualTo(reads + 1);
        }
        assertThat(call(Caller.TOKEN_OF_OTHER_SCHOOL, Via.PASSWORD, "POST", "/api/v1/schools/demo/batches")).isEqualTo(403);
    }

    /** Ids that exist where it matters: the archived document, run 1, act 1, token 999999. */
    private String path(String row) {
        if (row.contains("/archive-runs/")) return "1";
        if (row.contains("/documents/")) return document;
        if (row.contains("/tokens/")) return "999999";
        return "1";
    }

    int call(Caller caller, Via via, String method, String path) throws Exception {
        return send(caller, via, method, path).statusCode();
    }

    HttpResponse<String> send(Caller caller, Via via, String method, String path) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        String authorization = switch (caller) {
            case ANONYMOUS -> null;
            case TOKEN_OF_SCHOOL -> "Bearer " + demoToken;
            case TOKEN_OF_OTHER_SCHOOL -> "Bearer " + otherToken;
            default -> via == Via.PERSONAL_TOKEN ? "Bearer " + PERSONAL_TOKENS.get(caller)
                    : basic(login(caller)[0], login(caller)[1]);
        };
        if (authorization != null) request.header("Authorization", authorization);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A person's username and password. */
    static String[] login(Caller person) {
        return switch (person) {
            case DIRECTOR -> new String[] {"director-demo", PASSWORD};
            case DIRECTOR_OF_OTHER_SCHOOL -> new String[] {"director-other", PASSWORD};
            case ARCHIVIST -> new String[] {"archivist", PASSWORD};
            case INSPECTOR -> new String[] {"inspector", PASSWORD};
            case ADMIN -> new String[] {"admin", ADMIN_PASSWORD};
            default -> throw new IllegalArgumentException(person + " has no login");
        };
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
