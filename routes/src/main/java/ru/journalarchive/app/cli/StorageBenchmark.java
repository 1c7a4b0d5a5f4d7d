package ru.journalarchive.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.journalarchive.storage.StorageSchema;
import ru.journalarchive.storage.archive.ArchiveBuckets;
import ru.journalarchive.storage.archive.ArchivePackage;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.PackageWriter;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.retention.RetentionPolicy;
import ru.journalarchive.storage.s3.Retrying;
import ru.journalarchive.storage.s3.S3Clients;
import ru.journalarchive.storage.s3.S3Settings;

/**
 * Archive packages per second (≈100 kB PDF + .sig + JSON twin + manifest,
 * locked, catalogued) on one thread and concurrently, next to bare PUTs of the same three files
 * without lock, manifest or catalogue; then catalogue search latency (p50/p95) over 1 M synthetic
 * rows, with the indexes and, for scale, without them.
 */
@Command(name = "storage", description = "Archive packages per second on the S3 server of S3_* (locked, catalogued) next to bare "
        + "PUTs, then catalogue search latency over synthetic rows, with and without the indexes.")
final class StorageBenchmark extends CliCommand {

    @Option(names = "--packages", paramLabel = "N", description = "Packages stored per thread count.")
    int packages = 200;

    @Mixin
    CatalogueFill.Rows catalogueRows;

    @Override
    public Integer call() throws Exception {
        PrintStream out = out();
        var settings = S3Settings.fromEnvironment();
        String url = BenchDatabases.create("bench_storage");
        // A pool, as in the service: without one every catalogue call would pay for a new connection.
        try (MinioClient s3 = S3Clients.create(settings); var ds = pool(url)) {
            StorageSchema.migrate(ds);
            var jdbc = new JdbcTemplate(ds);
            ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
            String run = Long.toString(System.currentTimeMillis(), 36);
            String bucket = "ja-bench-" + run;
            var retrying = new Retrying(settings);
            new ArchiveBuckets(s3, retrying, "ja-bench-drafts-" + run, bucket).ensure();
            var writer = new PackageWriter(new LockedObjects(s3, retrying, bucket), new Catalogue(jdbc, json),
                    new RetentionPolicy(Map.of("journal", 5), RetentionMode.COMPLIANCE), json, Clock.systemUTC());
            out.printf("S3 server: %s%n", settings.endpoint());
            var files = files();
            out.printf("package: %s%n", files.stream().map(f -> f.name() + " " + f.bytes().length / 1024 + " kB").toList());
            int threads = Runtime.getRuntime().availableProcessors();
            store(writer, files, 20, 1, "warm-up", out); // connections, JIT
            for (int t : new int[] {1, threads, threads * 4}) {
                double bare = bare(s3, bucket, files, packages, t);
                double ours = store(writer, files, packages, t, run + "-" + t, out);
                out.printf("  %2d thread(s): bare PUT of the 3 files %6.1f sets/s → archive package ratio %.2f%n", t, bare, ours / bare);
            }
            catalogueRows.fill(jdbc, out);
            catalogue(jdbc, new Catalogue(jdbc, json), out);
        } finally {
            BenchDatabases.drop(url);
        }
        return 0;
    }

    static com.zaxxer.hikari.HikariDataSource pool(String url) {
        var config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(BenchDatabases.dataSource(url));
        config.setMaximumPoolSize(Runtime.getRuntime().availableProcessors() * 4);
        return new com.zaxxer.hikari.HikariDataSource(config);
    }

    private static List<ArchivePackage.PackageFile> files() {
        var random = new Random(7);
        byte[] pdf = new byte[100 * 1024];
        random.nextBytes(pdf);
        byte[] sig = new byte[3 * 1024];
        random.nextBytes(sig);
        byte[] twin = new byte[20 * 1024];
        Arrays.fill(twin, (byte) 'x');
        return List.of(new ArchivePackage.PackageFile("document.pdf", "application/pdf", pdf),
                new ArchivePackage.PackageFile("document.pdf.sig", "application/pkcs7-signature", sig),
                new ArchivePackage.PackageFile("data.json", "application/json", twin));
    }

    private static double store(PackageWriter writer, List<ArchivePackage.PackageFile> files, int n, int threads, String run,
                                PrintStream out) throws Exception {
        var next = new AtomicInteger();
        long[] latencies = new long[n];
        double rate = parallel(threads, n, () -> {
            int i = next.getAndIncrement();
            long start = System.nanoTime();
            writer.store(new ArchivePackage("bench-" + run + "-" + i, List.of("bench", "2025", "q1", "c-" + (i % 40), "journal"),
                    Map.of("kind", "journal", "school", "bench", "school_year", "2025", "class_id", "c-" + (i % 40)),
                    files, "journal", LocalDate.of(2025, 10, 31)));
            latencies[i] = System.nanoTime() - start;
            return null;
        });
        if (!run.equals("warm-up")) {
            Arrays.sort(latencies);
            out.printf("  %2d thread(s): archive packages %6.1f/s, latency p50 %.1f ms, p95 %.1f ms (%d packages)%n", threads,
                    rate, latencies[n / 2] / 1e6, latencies[n * 95 / 100] / 1e6, n);
        }
        return rate;
    }

    private static double bare(MinioClient s3, String bucket, List<ArchivePackage.PackageFile> files, int n, int threads)
            throws Exception {
        var next = new AtomicInteger();
        return parallel(threads, n, () -> {
            int i = next.getAndIncrement();
            for (var f : files)
                s3.putObject(PutObjectArgs.builder().bucket(bucket).object("bare/" + threads + "/" + i + "/" + f.name())
                        .stream(new ByteArrayInputStream(f.bytes()), f.bytes().length, -1).contentType(f.contentType()).build());
            return null;
        });
    }

    /** Runs {@code n} tasks on {@code threads} threads; returns tasks per second. */
    private static double parallel(int threads, int n, Callable<Void> task) throws Exception {
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var tasks = new ArrayList<Callable<Void>>();
            for (int i = 0; i < n; i++) tasks.add(task);
            long start = System.nanoTime();
            for (var f : pool.invokeAll(tasks)) f.get();
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    /** Searches an archivist makes, over a catalogue the size of a region's archive after decades. */
    private static void catalogue(JdbcTemplate jdbc, Catalogue catalogue, PrintStream out) {
        var random = new Random(11);
        var searches = CatalogueFill.searches();
        double[] indexed = new double[searches.size()];
        for (int i = 0; i < searches.size(); i++) {
            var s = searches.get(i);
            latencies(catalogue, s, random, 20);
            double[] p = latencies(catalogue, s, random, 300);
            indexed[i] = p[0];
            out.printf("  %-28s p50 %7.2f ms  p95 %7.2f ms  (300 searches, 50 per page)%n", s.name(), p[0], p[1]);
        }
        var indexes = jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE tablename = 'archived_document' "
                + "AND indexname <> 'archived_document_pkey'", String.class);
        jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'archived_document' AND indexname <> 'archived_document_pkey'",
                String.class).forEach(name -> jdbc.execute("DROP INDEX " + name));
        out.println("  without the catalogue's indexes (baseline):");
        for (int i = 0; i < searches.size(); i++) {
            double[] p = latencies(catalogue, searches.get(i), random, 5);
            out.printf("  %-28s p50 %7.2f ms  → indexed is %.0f× faster%n", searches.get(i).name(), p[0], p[0] / indexed[i]);
        }
        indexes.forEach(jdbc::execute);
    }

    private static double[] latencies(Catalogue catalogue, CatalogueFill.Search search, Random random, int n) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            var q = search.query().apply(random);
            long start = System.nanoTime();
            catalogue.search(q);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new double[] {nanos[n / 2] / 1e6, nanos[Math.min(n - 1, n * 95 / 100)] / 1e6};
    }
}
