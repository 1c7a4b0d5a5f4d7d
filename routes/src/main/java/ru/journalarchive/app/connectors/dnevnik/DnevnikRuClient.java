package ru.journalarchive.app.connectors.dnevnik;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.journalarchive.app.connectors.ConnectorSource;
import ru.journalarchive.app.connectors.ConnectorSources;
import ru.journalarchive.app.connectors.SourceCredentials;
import ru.journalarchive.app.connectors.SourceException;
import ru.journalarchive.app.connectors.SourceHttp;

/**
 * The Дневник.ру partner REST API v2.0 as the connector needs it. Authorization: OAuth2 authorization
 * code of the school's administrator, exchanged (and later refreshed) with the registered partner
 * client at {@code POST /v2.0/authorizations}; requests carry the {@code Access-Token} header. An access
 * token that has expired (or that the server refuses with 401) is refreshed once and the request repeated;
 * the tokens live encrypted in connector_source, so every node and the next sync use the new ones.
 */
public final class DnevnikRuClient {

    static final String TITLE = "Дневник.ру";

    private final ConnectorSource source;
    private final SourceHttp http;
    private final ConnectorSources sources;
    private final SourceCredentials credentials;
    private final String base;
    private String accessToken;
    private int refreshes;

    public DnevnikRuClient(ConnectorSource source, SourceHttp http, ConnectorSources sources, SourceCredentials credentials) {
        this.source = source;
        this.http = http;
        this.sources = sources;
        this.credentials = credentials;
        this.base = source.baseUrl().replaceAll("/+$", "") + "/v2.0/";
    }

    /** Exchanges the code of the school's authorization (redirect of the OAuth2 dialog) for tokens, and stores them. */
    public void authorize(String code) {
        var body = new LinkedHashMap<String, Object>();
        body.put("code", code);
        body.put("client_id", credentials.clientId());
        body.put("client_secret", credentials.clientSecret());
        body.put("grant_type", "AuthorizationCode");
        store(tokenRequest(body, "обмен кода авторизации"));
    }

    public int refreshes() {
        return refreshes;
    }

    private void refresh() {
        String refreshToken = sources.tokens(source.code()).refreshToken();
        if (refreshToken == null)
            throw new SourceException("Источник не авторизован в Дневник.ру: выполните авторизацию (код доступа администратора школы)");
        var body = new LinkedHashMap<String, Object>();
        body.put("client_id", credentials.clientId());
        body.put("client_secret", credentials.clientSecret());
        body.put("grant_type", "RefreshToken");
        body.put("refreshToken", refreshToken);
        store(tokenRequest(body, "обновление токена"));
        refreshes++;
    }

    private JsonNode tokenRequest(Map<String, Object> body, String what) {
        try {
            JsonNode answer = http.postJson(URI.create(base + "authorizations"), body, Map.of());
            if (!answer.hasNonNull("accessToken"))
                throw new SourceException(TITLE + " не выдал токен доступа (" + what + "): в ответе нет accessToken");
            return answer;
        } catch (SourceHttp.Unauthorized e) {
            throw new SourceException(TITLE + " отказал: " + what + " не выполнено (HTTP 401). Авторизуйте источник заново.");
        } catch (SourceException e) {
            if (e.getMessage().contains("HTTP 400") || e.getMessage().contains("HTTP 403"))
                throw new SourceException(TITLE + " отказал: " + what + " не выполнено. Авторизуйте источник заново. " + e.getMessage());
            throw e;
        }
    }

    private void store(JsonNode answer) {
        accessToken = answer.get("accessToken").asText();
        long expiresIn = answer.path("expiresIn").asLong(0);
        Instant expires = expiresIn > 0 ? Instant.now().plusSeconds(expiresIn) : null;
        String refresh = answer.hasNonNull("refreshToken") ? answer.get("refreshToken").asText() : null;
        sources.storeTokens(source.code(), accessToken, expires, refresh);
    }

    private String accessToken() {
        if (accessToken == null) {
            var stored = sources.tokens(source.code());
            if (stored.accessToken() != null && (stored.accessExpires() == null || stored.accessExpires().isAfter(Instant.now().plusSeconds(30)))) {
                accessToken = stored.accessToken();
            } else {
                refresh();
            }
        }
        return accessToken;
    }

    /** GET of a path under /v2.0/ with query parameters; on 401 the token is refreshed once and the request repeated. */
    JsonNode get(String path, Map<String, ?> query) {
        URI uri = URI.create(base + path + SourceHttp.query(query));
        try {
            return http.get(uri, Map.of("Access-Token", accessToken()));
        } catch (SourceHttp.Unauthorized e) {
            refresh();
            return http.get(uri, Map.of("Access-Token", accessToken()));
        }
    }

    /** An endpoint that answers a JSON array. */
    List<JsonNode> list(String path, Map<String, ?> query) {
        JsonNode answer = get(path, query);
        if (!answer.isArray()) throw new SourceException(TITLE + " вернул не список на GET /v2.0/" + path);
        var items = new ArrayList<JsonNode>();
        answer.forEach(items::add);
        return items;
    }

    /** A list read page by page (pageNumber from 1, pageSize) until a page comes back short. */
    List<JsonNode> pages(String path, Map<String, ?> query, int pageSize) {
        var items = new ArrayList<JsonNode>();
        for (int page = 1; ; page++) {
            var q = new LinkedHashMap<String, Object>(query);
            q.put("pageNumber", page);
            q.put("pageSize", pageSize);
            List<JsonNode> got = list(path, q);
            items.addAll(got);
            if (got.size() < pageSize) return items;
            if (page > 10_000) throw new SourceException(TITLE + " отдаёт бесконечный список на GET /v2.0/" + path);
        }
    }

    static String day(LocalDate d) {
        return d + "T00:00:00";
    }

    static String endOf(LocalDate d) {
        return d + "T23:59:59";
    }
}
