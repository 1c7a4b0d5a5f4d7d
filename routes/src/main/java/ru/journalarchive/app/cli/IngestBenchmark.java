package ru.journalarchive.app.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.school.SchoolRegistry;

@Command(name = "ingest", description = "Pushes the demo school's year through the HTTP API into a fresh database and loads "
        + "the same rows with PostgreSQL's COPY: rows/s of both, their ratio, peak heap.")
final class IngestBenchmark extends CliCommand {

    @Mixin
    DemoSchoolOptions school;

    /** Tables in load order; the rows a school's year consists of. */
    private static final List<String> TABLES = List.of("school", "academic_year", "study_period", "teacher", "subject",
            "school_class", "student", "enrollment", "class_group", "group_member", "curriculum_item",
            "timetable_slot", "lesson", "mark", "attendance", "period_mark", "year_decision", "parent_access");

    @Override
    public Integer call() throws Exception {
        return run(school.options(), out());
    }

    static int run(DemoOptions demoOptions, PrintStream out) throws Exception {
        DemoData demo = DemoSchoolGenerator.generate(demoOptions);
        var json = DemoData.json();
        var bodies = new ArrayList<byte[]>();
        for (Batch b : demo.batches()) bodies.add(json.writeValueAsBytes(b));
        long records = demo.distinctRecords().values().stream().mapToLong(Integer::longValue).sum();
        out.printf("demo school: %d students, %d batches, %d records, %.1f MB of JSON%n", demoOptions.students(),
                bodies.size(), records, bodies.stream().mapToLong(b -> b.length).sum() / 1e6);

        String apiDb = BenchDatabases.create("ja_bench_api");
        String copyDb = BenchDatabases.create("ja_bench_copy");
        try (ConfigurableApplicationContext app = BenchDatabases.service(apiDb, WebApplicationType.SERVLET, "--server.port=0",
                "--journal-archive.ingest.drop-directory=" + Files.createTempDirectory("bench-drop"))) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            double apiSeconds = push(app, demo.schoolName(), bodies);
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();

            Map<String, byte[]> dump = dump(apiDb);
            long rows;
            double copySeconds;
            try (Connection c = DriverManager.getConnection(copyDb, BenchDatabases.user(), BenchDatabases.password())) {
                var copy = c.unwrap(PGConnection.class).getCopyAPI();
                rows = 0;
                long started = System.nanoTime();
                for (String table : TABLES) rows += copy.copyIn("COPY " + table + " FROM STDIN", new ByteArrayInputStream(dump.get(table)));
                copySeconds = (System.nanoTime() - started) / 1e9;
            }
            double apiRate = rows / apiSeconds;
            double copyRate = rows / copySeconds;
            out.printf("HTTP API ingestion: %d rows in %.2f s = %.0f rows/s%n", rows, apiSeconds, apiRate);
            out.printf("PostgreSQL COPY   : %d rows in %.2f s = %.0f rows/s%n", rows, copySeconds, copyRate);
            out.printf("ratio API / COPY  : %.2f (goal >= 0.30)%n", apiRate / copyRate);
            out.printf("peak heap         : %d MB (one JVM: HTTP client with the year's JSON in memory, and the service)%n",
                    peakHeap / (1024 * 1024));
        } finally {
            BenchDatabases.drop(apiDb);
            BenchDatabases.drop(copyDb);
        }
        return 0;
    }

    /** Registers school "bench" in the service and POSTs the batches to its HTTP API one by one; returns the seconds they took. */
    static double push(ConfigurableApplicationContext app, String schoolName, List<byte[]> bodies) throws Exception {
        var registry = app.getBean(SchoolRegistry.class);
        registry.register("bench", schoolName);
        String token = registry.issueToken("bench", "bench").token();
        String url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/api/v1/schools/bench/batches";
        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        for (byte[] body : bodies) {
            var response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static Map<String, byte[]> dump(String url) throws Exception {
        var dump = new LinkedHashMap<String, byte[]>();
        try (Connection c = DriverManager.getConnection(url, BenchDatabases.user(), BenchDatabases.password())) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String table : TABLES) {
                var bytes = new ByteArrayOutputStream();
                copy.copyOut("COPY " + table + " TO STDOUT", bytes);
                dump.put(table, bytes.toByteArray());
            }
        }
        return dump;
    }
}
