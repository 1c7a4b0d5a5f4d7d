package ru.journalarchive.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.WebApplicationType;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.journalarchive.app.security.AppUsers;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.storage.catalogue.CatalogueQuery;

/**
 * An archivist's searches over HTTP, as a search tool makes them: the service in this process with its web
 * server, a synthetic catalogue, N clients each sending GET /api/v1/documents one after another for the
 * given time, first with HTTP basic (a bcrypt per request, the baseline), then with the archivist's personal
 * token, issued through the API after a password login.
 */
@Command(name = "api", description = "Archivist searches (GET /api/v1/documents) over HTTP from concurrent clients on a synthetic "
        + "catalogue, with HTTP basic and with a personal token: requests/s, p50/p95/p99, errors, ratio token/basic.")
final class ApiBenchmark extends CliCommand {

    @Option(names = "--concurrency", paramLabel = "N", description = "Concurrent HTTP clients, each with its own connection.")
    int concurrency = 16;

    @Mixin
    CatalogueFill.Rows catalogueRows;

    @Option(names = "--seconds", paramLabel = "N", description = "Seconds of searching with each kind of login.")
    int seconds = 20;

    private static final String USER = "bench-archivist";

    /** What one kind of login achieved: latencies of every request in nanoseconds, non-200 answers by status. */
    record Result(String name, long[] nanos, double seconds, Map<String, Long> errors, double cpu, double jit, double serversCpu,
                  Map<String, long[]> bySearch) {

        double rate() {
            return nanos.length / seconds;
        }

        double percentile(int p) {
            return percentile(nanos, p);
        }

        /** Milliseconds below which p % of these sorted latencies lie. */
        static double percentile(long[] sorted, int p) {
            return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1 || seconds < 1) throw new Cli.UsageException("--concurrency and --seconds must be positive");
        PrintStream out = out();
        String url = BenchDatabases.create("ja_bench_search");
        try (var app = BenchDatabases.service(url, WebApplicationType.SERVLET, "--server.port=0",
                // Fixed names: the service only checks them (object lock) and this benchmark stores nothing.
                "--journal-archive.storage.archive-bucket=ja-bench-api", "--journal-archive.storage.drafts-bucket=ja-bench-api-drafts")) {
            catalogueRows.fill(app.getBean(JdbcTemplate.class), out);
            String password = Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36);
            app.getBean(AppUsers.class).add(USER, password, Role.ARCHIVIST, null, "Архивист (bench api)");
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
            String bearer = "Bearer " + issueToken(base, basic);
            var searches = CatalogueFill.searches();
            int warmUp = Math.max(1, seconds / 4);
            out.printf("GET /api/v1/documents, %d kinds of search at random (%s), %d concurrent clients, %d s each after a %d s "
                    + "warm-up%n", searches.size(), String.join(", ", searches.stream().map(CatalogueFill.Search::name).toList()),
                    concurrency, seconds, warmUp);
            load("warm-up", base, bearer, warmUp); // JIT, connection pool, the catalogue's pages in PostgreSQL's cache
            var results = List.of(load("basic auth", base, basic, seconds), load("token", base, bearer, seconds));
            for (var r : results)
                out.printf("%-10s: %7d requests, %7.1f requests/s, p50 %7.1f ms, p95 %7.1f ms, p99 %7.1f ms, errors %d%s%n", r.name(),
                        r.nanos().length, r.rate(), r.percentile(50), r.percentile(95), r.percentile(99), r.errorCount(),
                        r.errors().isEmpty() ? "" : " " + r.errors());
            for (var r : results)
                r.bySearch().forEach((search, nanos) -> out.printf("%-10s: %-28s %6d requests, p50 %7.1f ms, p95 %7.1f ms%n", r.name(),
                        search, nanos.length, Result.percentile(nanos, 50), Result.percentile(nanos, 95)));
            for (var r : results)
                out.printf("%-10s: CPU per request %.2f ms in this process (clients and service; of it the JIT compiler's %.2f ms), "
                        + "%.2f ms in PostgreSQL, on %d cores%n", r.name(), r.cpu() * 1e3 / r.nanos().length, r.jit() * 1e3 / r.nanos().length,
                        r.serversCpu() * 1e3 / r.nanos().length, Runtime.getRuntime().availableProcessors());
            Result basicResult = results.get(0), token = results.get(1);
            out.printf("ratio token/basic: requests/s %.1f×, p95 %.3f× (goal with the token at 16 concurrent on 1 M rows: "
                    + "≥ 400 requests/s, p95 ≤ 50 ms)%n", token.rate() / basicResult.rate(), token.percentile(95) / basicResult.percentile(95));
        } finally {
            BenchDatabases.drop(url);
        }
        return 0;
    }

    /** The archivist's personal token, issued as a person would: POST /api/v1/me/tokens after a password login. */
    private static String issueToken(String base, String basic) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me/tokens"))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\": \"bench api\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201)
            throw new IllegalStateException("issuing a token: HTTP " + response.statusCode() + " " + response.body());
        return new ObjectMapper().readTree(response.body()).get("token").asText();
    }

    /** {@link #concurrency} clients searching with this Authorization header for {@code seconds}. */
    private Result load(String name, String base, String authorization, int seconds) throws Exception {
        var searches = CatalogueFill.searches();
        var errors = new ConcurrentHashMap<String, AtomicLong>();
        var pool = Executors.newFixedThreadPool(concurrency);
        try {
            // Per client: each request's latency, and which search it was.
            record Latencies(long[] nanos, byte[] search) {}
            var clients = new ArrayList<Callable<Latencies>>();
            double cpuAtStart = YearEndBenchmark.cpuSeconds(), jitAtStart = YearEndBenchmark.jitSeconds();
            double serversAtStart = YearEndBenchmark.serversCpuSeconds();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            // One client for all: its pool keeps a connection per request in flight, and one selector thread
            // instead of one per client leaves the cores to the service.
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            for (int c = 0; c < concurrency; c++) {
                var random = new Random(31L * c + name.hashCode());
                clients.add(() -> {
                    long[] nanos = new long[1024];
                    byte[] kinds = new byte[1024];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        int kind = random.nextInt(searches.size());
                        var query = searches.get(kind).query().apply(random);
                        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/documents?" + parameters(query)))
                                .header("Authorization", authorization).timeout(Duration.ofSeconds(30)).GET().build();
                        long sent = System.nanoTime();
                        String error;
                        try {
                            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            error = response.statusCode() == 200 ? null : "HTTP " + response.statusCode();
                        } catch (java.io.IOException e) {
                            error = e.getClass().getSimpleName();
                        }
                        if (n == nanos.length) {
                            nanos = Arrays.copyOf(nanos, n * 2);
                            kinds = Arrays.copyOf(kinds, n * 2);
                        }
                        kinds[n] = (byte) kind;
                        nanos[n++] = System.nanoTime() - sent;
                        if (error != null) errors.computeIfAbsent(error, e -> new AtomicLong()).incrementAndGet();
                    }
                    return new Latencies(Arrays.copyOf(nanos, n), Arrays.copyOf(kinds, n));
                });
            }
            var all = new ArrayList<Latencies>();
            for (var f : pool.invokeAll(clients)) all.add(f.get());
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = YearEndBenchmark.cpuSeconds() - cpuAtStart, jit = YearEndBenchmark.jitSeconds() - jitAtStart;
            double serversCpu = YearEndBenchmark.serversCpuSeconds() - serversAtStart;
            long[] nanos = all.stream().flatMapToLong(l -> Arrays.stream(l.nanos())).sorted().toArray();
            var bySearch = new java.util.LinkedHashMap<String, long[]>();
            for (int k = 0; k < searches.size(); k++) {
                int kind = k;
                bySearch.put(searches.get(k).name(), all.stream().flatMapToLong(l -> java.util.stream.IntStream.range(0, l.nanos().length)
                        .filter(i -> l.search()[i] == kind).mapToLong(i -> l.nanos()[i])).sorted().toArray());
            }
            var byStatus = new TreeMap<String, Long>();
            errors.forEach((k, v) -> byStatus.put(k, v.get()));
            return new Result(name, nanos, elapsed, byStatus, cpu, jit, serversCpu, bySearch);
        } finally {
            pool.shutdown();
        }
    }

    /** The search as the API's query parameters: school_year → schoolYear, the date ranges, the page. */
    static String parameters(CatalogueQuery query) {
        var params = new TreeMap<String, String>();
        query.equal().forEach((column, value) -> params.put(camelCase(column), value));
        if (query.created().from() != null) params.put("createdFrom", query.created().from().toString());
        if (query.created().to() != null) params.put("createdTo", query.created().to().toString());
        if (query.signed().from() != null) params.put("signedFrom", query.signed().from().toString());
        if (query.signed().to() != null) params.put("signedTo", query.signed().to().toString());
        params.put("page", Integer.toString(query.page()));
        params.put("size", Integer.toString(query.size()));
        var joined = new StringBuilder();
        params.forEach((k, v) -> joined.append(joined.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    private static String camelCase(String column) {
        var s = new StringBuilder();
        for (String part : column.split("_")) s.append(s.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        return s.toString();
    }
}
