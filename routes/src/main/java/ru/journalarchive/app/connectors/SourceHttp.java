package ru.journalarchive.app.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to one source: every request waits for the source's rate limit, has a timeout, and is tried
 * again with a doubling backoff when the connection fails, times out, or the server answers 429 or 5xx.
 * What still fails, and any other error status or a body that is not JSON, is a {@link SourceException}
 * naming the request; 401 is {@link Unauthorized} so that the caller can refresh its token, 409 is
 * {@link Conflict} (how «Сетевой город» refuses a login).
 */
public final class SourceHttp {

    private static final Logger log = LoggerFactory.getLogger(SourceHttp.class);

    /** The source refused the credentials (HTTP 401). */
    public static final class Unauthorized extends SourceException {
        public Unauthorized(String message) {
            super(message);
        }
    }

    /** The source answered HTTP 409 (e.g. «Сетевой город»: wrong login or password). */
    public static final class Conflict extends SourceException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** A failure worth another try. */
    private static final class Transient extends RuntimeException {
        Transient(String message) {
            super(message, null, false, false);
        }
    }

    private final String title;
    private final HttpClient client;
    private final ObjectMapper json;
    private final Duration timeout;
    private final int attempts;
    private final RateLimiter rateLimiter;
    private final Retry retry;
    private final ConnectorsProperties.Requests settings;
    private int requests;

    public SourceHttp(String source, String title, ConnectorsProperties.Requests settings, ObjectMapper json) {
        this.title = title;
        this.settings = settings;
        this.json = json;
        this.timeout = settings.timeout();
        this.attempts = Math.max(1, settings.attempts());
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
        long periodNanos = Math.max(1, (long) (1_000_000_000L / Math.max(0.01, settings.perSecond())));
        this.rateLimiter = RateLimiter.of("connector-" + source, RateLimiterConfig.custom().limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos)).timeoutDuration(Duration.ofMinutes(10)).build());
        this.retry = Retry.of("connector-" + source, RetryConfig.custom().maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.firstBackoff(), 2.0))
                .retryOnException(e -> e instanceof Transient).build());
        retry.getEventPublisher().onRetry(e -> log.warn("{}: {} (attempt {} of {}, next in {})", source,
                e.getLastThrowable().getMessage(), e.getNumberOfRetryAttempts(), attempts, e.getWaitInterval()));
    }

    public ConnectorsProperties.Requests settings() {
        return settings;
    }

    public int requests() {
        return requests;
    }

    public JsonNode get(URI uri, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        headers.forEach(request::header);
        return send(request.build(), "GET " + uri.getRawPath());
    }

    public JsonNode postJson(URI uri, Object body, Map<String, String> headers) {
        try {
            var request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            headers.forEach(request::header);
            return send(request.build(), "POST " + uri.getRawPath());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A form POST (application/x-www-form-urlencoded, UTF-8); an empty form sends an empty body. */
    public JsonNode postForm(URI uri, Map<String, ?> form, Map<String, String> headers) {
        String body = query(form);
        var request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.isEmpty() ? "" : body.substring(1), StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return send(request.build(), "POST " + uri.getRawPath());
    }

    /** {@code ?k=v&…} of the parameters in their order, URL-encoded; empty for none. */
    public static String query(Map<String, ?> parameters) {
        if (parameters.isEmpty()) return "";
        var b = new StringBuilder("?");
        parameters.forEach((k, v) -> {
            if (b.length() > 1) b.append('&');
            b.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
        });
        return b.toString();
    }

    private JsonNode send(HttpRequest request, String what) {
        String body;
        try {
            body = Retry.decorateSupplier(retry, RateLimiter.decorateSupplier(rateLimiter, () -> exchange(request, what))).get();
        } catch (Transient e) {
            throw new SourceException(title + " не ответил на " + what + ": " + e.getMessage() + " (попыток: " + attempts + ")");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SourceException(title + " вернул некорректный JSON на " + what + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " ").replaceAll(" ?\\(start marker at .*$|\\[Source: .*$", "").trim());
        }
    }

    private String exchange(HttpRequest request, String what) {
        requests++;
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new Transient("время ожидания ответа (" + timeout.toSeconds() + " с) истекло");
        } catch (IOException e) {
            throw new Transient("соединение не установлено или прервано (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("Синхронизация прервана");
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) throw new Transient("HTTP " + status);
        if (status == 401) throw new Unauthorized(title + " отклонил токен доступа на " + what + " (HTTP 401)");
        if (status == 409) throw new Conflict(title + " ответил HTTP 409 на " + what + ": " + brief(response.body()));
        if (status >= 400) throw new SourceException(title + " ответил HTTP " + status + " на " + what + ": " + brief(response.body()));
        return response.body();
    }

    private static String brief(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return b.length() > 300 ? b.substring(0, 300) + "…" : b;
    }
}
