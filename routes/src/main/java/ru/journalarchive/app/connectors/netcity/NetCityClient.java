package ru.journalarchive.app.connectors.netcity;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import ru.journalarchive.app.connectors.ConnectorSource;
import ru.journalarchive.app.connectors.SourceCredentials;
import ru.journalarchive.app.connectors.SourceException;
import ru.journalarchive.app.connectors.SourceHttp;
import ru.journalarchive.app.connectors.SourceKind;

/**
 * The web API of a «Сетевой город. Образование» server ({@code /webapi}) as its own pages use it; it is
 * undocumented and differs between server versions, so the version is read first ({@code GET logindata})
 * and only the versions whose shapes the connector knows are accepted. Sign-in as the browser does it:
 * {@code POST auth/getdata} gives lt, ver and a salt; {@code POST login} takes the staff account's login
 * and {@code pw2 = md5(salt + md5(password in windows-1251))} ({@code pw}: pw2 cut to the password's
 * length) and answers the session key {@code at}, sent as a header on every later request; 409 means
 * the login or password is wrong. A session that expires (401) is signed in again once.
 */
public final class NetCityClient {

    static final String TITLE = SourceKind.NET_CITY.title();
    /** The server versions whose /webapi shapes the connector was built for (5.x, as the public clients show). */
    static final Pattern KNOWN_VERSIONS = Pattern.compile("5\\.\\d+(\\.\\d+)*");
    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    private final ConnectorSource source;
    private final SourceHttp http;
    private final SourceCredentials account;
    private final String base;
    private String at;
    private String version;

    public NetCityClient(ConnectorSource source, SourceHttp http, SourceCredentials account) {
        this.source = source;
        this.http = http;
        this.account = account;
        this.base = source.baseUrl().replaceAll("/+$", "") + "/webapi/";
    }

    public String version() {
        return version;
    }

    /** Reads the server's version (refusing an unknown one) and signs in with the school's staff account. */
    public void login() {
        JsonNode loginData = http.get(URI.create(base + "logindata"), Map.of());
        version = loginData.path("version").asText("");
        if (!KNOWN_VERSIONS.matcher(version).matches())
            throw new SourceException("Неизвестная версия сервера " + TITLE + ": «" + (version.isEmpty() ? "не указана" : version)
                    + "» (поддерживаются 5.x). Формат его /webapi может отличаться; данные не запрашивались.");
        if (loginData.has("schoolLogin") && !loginData.path("schoolLogin").asBoolean())
            throw new SourceException("Сервер " + TITLE + " разрешает вход только через Госуслуги (schoolLogin = false): "
                    + "вход по логину и паролю сотрудника недоступен.");
        JsonNode authData = http.postForm(URI.create(base + "auth/getdata"), Map.of(), Map.of());
        String salt = required(authData, "salt", "auth/getdata");
        String pw2 = md5(salt + md5(account.clientSecret().getBytes(WINDOWS_1251)));
        var form = new LinkedHashMap<String, Object>();
        form.put("loginType", 1);
        form.put("scid", source.remoteSchoolId());
        form.put("un", account.clientId());
        form.put("pw", pw2.substring(0, Math.min(pw2.length(), account.clientSecret().length())));
        form.put("pw2", pw2);
        form.put("lt", required(authData, "lt", "auth/getdata"));
        form.put("ver", required(authData, "ver", "auth/getdata"));
        JsonNode answer;
        try {
            answer = http.postForm(URI.create(base + "login"), form, Map.of());
        } catch (SourceHttp.Conflict e) {
            throw new SourceException(TITLE + " не принял логин или пароль сотрудника (HTTP 409 на POST /webapi/login): "
                    + "проверьте учётные данные источника (" + source.credentials() + ")");
        }
        if (!answer.hasNonNull("at"))
            throw new SourceException(TITLE + " не открыл сеанс: в ответе на POST /webapi/login нет at"
                    + (answer.hasNonNull("message") ? " (" + answer.get("message").asText() + ")" : ""));
        at = answer.get("at").asText();
    }

    /** GET of a path under /webapi/ in the session; an expired session (401) is signed in again once. */
    JsonNode get(String path, Map<String, ?> query) {
        if (at == null) login();
        URI uri = URI.create(base + path + SourceHttp.query(query));
        try {
            return http.get(uri, Map.of("at", at));
        } catch (SourceHttp.Unauthorized e) {
            login();
            return http.get(uri, Map.of("at", at));
        }
    }

    private static String required(JsonNode node, String field, String where) {
        if (!node.hasNonNull(field)) throw new SourceException(TITLE + ": в ответе " + where + " нет поля " + field
                + " (версия сервера изменила вход?)");
        return node.get(field).asText();
    }

    static String md5(String text) {
        return md5(text.getBytes(StandardCharsets.UTF_8));
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
