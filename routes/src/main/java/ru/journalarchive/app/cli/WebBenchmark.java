package ru.journalarchive.app.cli;

import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.springframework.boot.WebApplicationType;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.journalarchive.app.archive.CatalogueSearchParameters;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.security.AppUsers;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.storage.catalogue.CatalogueQuery;

/**
 * The archivist's pages as people use them: the service in this process, a synthetic catalogue, N browser-like
 * sessions each signed in through the sign-in form (session cookie, CSRF token), each asking one page after
 * another for the given time — the search page with the filters of {@link CatalogueFill#searches()} and a
 * random sort, and a document's page (its metadata, hold history and read audit).
 */
@Command(name = "web", description = "The archivist's search and document pages (/archive…) from concurrent signed-in sessions on a "
        + "synthetic catalogue: requests/s and p50/p95/p99 per kind of page.")
final class WebBenchmark extends CliCommand {

    @Option(names = "--concurrency", paramLabel = "N", description = "Concurrent sessions, each signed in through the form.")
    int concurrency = 16;

    @Mixin
    CatalogueFill.Rows catalogueRows;

    @Option(names = "--seconds", paramLabel = "N", description = "Seconds of browsing after the warm-up.")
    int seconds = 30;

    private static final String USER = "bench-archivist";
    private static final String DOCUMENT_PAGE = "document page";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final List<String> SORTS = CatalogueSearchParameters.SORTS.keySet().stream().filter(s -> !s.equals("createdAt"))
            .sorted().toList();

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1 || seconds < 1) throw new Cli.UsageException("--concurrency and --seconds must be positive");
        PrintStream out = out();
        String url = BenchDatabases.create("ja_bench_web");
        try (var app = BenchDatabases.service(url, WebApplicationType.SERVLET, "--server.port=0",
                "--journal-archive.storage.archive-bucket=ja-bench-api", "--journal-archive.storage.drafts-bucket=ja-bench-api-drafts")) {
            var jdbc = app.getBean(JdbcTemplate.class);
            catalogueRows.fill(jdbc, out);
            int rows = Math.max(1, catalogueRows.rows);
            // Some history for the document pages to show: holds and reads of a few thousand documents.
            jdbc.update("INSERT INTO legal_hold_event (document_id, hold, reason, actor) SELECT 'doc-' || g, true, 'Запрос суда № ' || g, "
                    + "'archivist' FROM generate_series(1, least(?, 2000)) g", rows);
            jdbc.update("INSERT INTO document_read (document_id, object_name, reader, remote, outcome) SELECT 'doc-' || (1 + g % least(?, 5000)), "
                    + "'document.pdf', 'archivist', '10.0.0.' || (g % 250), 'SERVED' FROM generate_series(1, 50000) g", rows);
            jdbc.execute("ANALYZE legal_hold_event");
            jdbc.execute("ANALYZE document_read");
            String password = Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36);
            app.getBean(AppUsers.class).add(USER, password, Role.ARCHIVIST, null, "Архивист (bench web)");
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            ZoneId zone = ZoneId.of(app.getBean(JournalArchiveProperties.class).reports().timeZone());
            var sessions = new ArrayList<HttpClient>();
            for (int i = 0; i < concurrency; i++) sessions.add(signIn(base, password));
            var searches = CatalogueFill.searches();
            // Long enough for Thymeleaf's and the JIT's first-use costs (class loading from the fat jar) to be behind.
            int warmUp = Math.max(10, seconds / 2);
            out.printf("GET /archive (search: %s; a random sort of %s) and GET /archive/documents/{id}, 3 : 1, %d sessions signed in "
                    + "through the form, %d s after a %d s warm-up%n", String.join(", ", searches.stream().map(CatalogueFill.Search::name).toList()),
                    String.join(", ", SORTS), concurrency, seconds, warmUp);
            load(sessions, base, zone, rows, warmUp);
            double cpuAtStart = YearEndBenchmark.cpuSeconds(), serversAtStart = YearEndBenchmark.serversCpuSeconds();
            var result = load(sessions, base, zone, rows, seconds);
            double cpu = YearEndBenchmark.cpuSeconds() - cpuAtStart, serversCpu = YearEndBenchmark.serversCpuSeconds() - serversAtStart;
            long total = result.byKind().values().stream().mapToLong(n -> n.length).sum();
            long[] all = result.byKind().values().stream().flatMapToLong(Arrays::stream).sorted().toArray();
            out.printf("%-30s %7d requests, %7.1f requests/s, p50 %7.1f ms, p95 %7.1f ms, p99 %7.1f ms, errors %d%s%n", "all pages", total,
                    total / result.seconds(), ApiBenchmark.Result.percentile(all, 50), ApiBenchmark.Result.percentile(all, 95),
                    ApiBenchmark.Result.percentile(all, 99), result.errors().values().stream().mapToLong(Long::longValue).sum(),
                    result.errors().isEmpty() ? "" : " " + result.errors());
            result.byKind().forEach((kind, nanos) -> out.printf("%-30s %7d requests, %7.1f requests/s, p50 %7.1f ms, p95 %7.1f ms, "
                    + "p99 %7.1f ms%n", kind, nanos.length, nanos.length / result.seconds(), ApiBenchmark.Result.percentile(nanos, 50),
                    ApiBenchmark.Result.percentile(nanos, 95), ApiBenchmark.Result.percentile(nanos, 99)));
            out.printf("CPU per page %.2f ms in this process (sessions and service), %.2f ms in PostgreSQL, on %d cores%n",
                    cpu * 1e3 / total, serversCpu * 1e3 / total, Runtime.getRuntime().availableProcessors());
            out.printf("goal: p95 ≤ 200 ms for every kind of page at 16 sessions on 1 M catalogue rows: %s%n",
                    result.byKind().values().stream().allMatch(n -> ApiBenchmark.Result.percentile(n, 95) <= 200) ? "met" : "NOT met");
        } finally {
            BenchDatabases.drop(url);
        }
        return 0;
    }

    /** A session as a browser makes it: the sign-in form's CSRF token, then the form posted; its cookie kept. */
    private static HttpClient signIn(String base, String password) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        var form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        var token = CSRF.matcher(form.body());
        if (!token.find()) throw new IllegalStateException("no CSRF token on the sign-in form");
        var body = "username=" + USER + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        var signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("/login"))
            throw new IllegalStateException("sign-in failed: HTTP " + signedIn.statusCode() + " → " + location);
        return http;
    }

    private record Result(Map<String, long[]> byKind, Map<String, Long> errors, double seconds) {}

    /** Every session asks pages one after another for {@code seconds}: three searches to one document page. */
    private Result load(List<HttpClient> sessions, String base, ZoneId zone, int rows, int seconds) throws Exception {
        var searches = CatalogueFill.searches();
        var errors = new ConcurrentHashMap<String, AtomicLong>();
        var pool = Executors.newFixedThreadPool(sessions.size());
        try {
            var clients = new ArrayList<Callable<Map<String, long[]>>>();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            for (int c = 0; c < sessions.size(); c++) {
                var http = sessions.get(c);
                var random = new Random(17L * c + seconds);
                clients.add(() -> {
                    var nanos = new LinkedHashMap<String, long[]>();
                    var counts = new LinkedHashMap<String, Integer>();
                    while (System.nanoTime() < end) {
                        String kind, path;
                        if (random.nextInt(4) == 0) {
                            kind = DOCUMENT_PAGE;
                            path = "/archive/documents/doc-" + (1 + random.nextInt(rows));
                        } else {
                            var search = searches.get(random.nextInt(searches.size()));
                            kind = "search: " + search.name();
                            String sort = SORTS.get(random.nextInt(SORTS.size()));
                            path = "/archive?" + parameters(search.query().apply(random), zone) + "&sort=" + (random.nextBoolean() ? "-" : "") + sort;
                        }
                        long sent = System.nanoTime();
                        String error = null;
                        try {
                            var response = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) error = "HTTP " + response.statusCode();
                            else if (kind.startsWith("search") && !response.body().contains("id=\"found\"")) error = "no result";
                        } catch (java.io.IOException e) {
                            error = e.getClass().getSimpleName();
                        }
                        long took = System.nanoTime() - sent;
                        int n = counts.merge(kind, 1, Integer::sum);
                        long[] kept = nanos.computeIfAbsent(kind, k -> new long[256]);
                        if (n > kept.length) nanos.put(kind, kept = Arrays.copyOf(kept, kept.length * 2));
                        kept[n - 1] = took;
                        if (error != null) errors.computeIfAbsent(error, e -> new AtomicLong()).incrementAndGet();
                    }
                    var trimmed = new LinkedHashMap<String, long[]>();
                    nanos.forEach((k, v) -> trimmed.put(k, Arrays.copyOf(v, counts.get(k))));
                    return trimmed;
                });
            }
            var byKind = new TreeMap<String, long[]>();
            for (var f : pool.invokeAll(clients))
                f.get().forEach((k, v) -> byKind.merge(k, v, (a, b) -> {
                    long[] both = Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, both, a.length, b.length);
                    return both;
                }));
            byKind.values().forEach(Arrays::sort);
            double elapsed = (System.nanoTime() - start) / 1e9;
            var byError = new TreeMap<String, Long>();
            errors.forEach((k, v) -> byError.put(k, v.get()));
            return new Result(byKind, byError, elapsed);
        } finally {
            pool.shutdown();
        }
    }

    /** The search as the page's parameters: dates as days in the service's zone, the end day included. */
    static String parameters(CatalogueQuery query, ZoneId zone) {
        var params = new TreeMap<String, String>();
        CatalogueSearchParameters.FIELDS.forEach((param, column) -> {
            if (query.equal().containsKey(column)) params.put(param, query.equal().get(column));
        });
        day(params, "createdFrom", query.created().from(), zone, false);
        day(params, "createdTo", query.created().to(), zone, true);
        day(params, "signedFrom", query.signed().from(), zone, false);
        day(params, "signedTo", query.signed().to(), zone, true);
        if (query.page() > 0) params.put("page", Integer.toString(query.page()));
        var joined = new StringBuilder();
        params.forEach((k, v) -> joined.append(joined.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    private static void day(Map<String, String> params, String name, Instant at, ZoneId zone, boolean end) {
        if (at != null) params.put(name, (end ? at.minusSeconds(1) : at).atZone(zone).toLocalDate().toString());
    }
}
