package ru.journalarchive.app.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.journalarchive.app.connectors.ConnectorSource;
import ru.journalarchive.app.connectors.ConnectorSources;
import ru.journalarchive.app.connectors.ConnectorSync;
import ru.journalarchive.app.connectors.SourceKind;
import ru.journalarchive.app.connectors.SyncReport;
import ru.journalarchive.app.connectors.fake.FakeDnevnikRu;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.school.SchoolRegistry;

/**
 * The same school year pushed (the HTTP API, as bench ingest) and pulled (the Дневник.ру connector from a fake of its
 * server on loopback, through ConnectorSync and the connector's Camel route, as the service's syncs), each into its own
 * throw-away database; the row counts of both must agree, or the figures mean nothing.
 */
@Command(name = "connectors", description = "Pushes the demo school's year through the HTTP API into one fresh database and pulls the "
        + "same year with the Дневник.ру connector from a fake of its server on this machine into another: records/s of both, "
        + "the pull's HTTP requests, the ratio pull/push, and the row counts of both databases (exit code 1 if they differ).")
final class ConnectorBenchmark extends CliCommand {

    /** What both ways write for a school's year; the pull has no groups, curriculum, timetable, decisions or parents' access. */
    static final List<String> TABLES = List.of("academic_year", "study_period", "teacher", "subject", "school_class", "student",
            "enrollment", "lesson", "mark", "attendance", "period_mark");

    @Mixin
    DemoSchoolOptions school;

    @Option(names = "--per-second", paramLabel = "N", description = "The pull's request rate limit (the service's default is 10; "
            + "default here 1000, so that the connector's own cost is measured).")
    double perSecond = 1000;

    @Override
    public Integer call() throws Exception {
        return run(school.options(), perSecond, out());
    }

    int run(DemoOptions options, double perSecond, PrintStream out) throws Exception {
        DemoData demo = DemoSchoolGenerator.generate(options);
        var json = DemoData.json();
        var bodies = new ArrayList<byte[]>();
        for (Batch b : demo.batches()) bodies.add(json.writeValueAsBytes(b));
        out.printf("demo school: %d students, %d classes, %d batches of the push%n", options.students(),
                demo.batches().get(0).classes().size(), bodies.size());

        String pushDb = BenchDatabases.create("ja_bench_push");
        String pullDb = BenchDatabases.create("ja_bench_pull");
        try {
            double pushSeconds;
            try (ConfigurableApplicationContext app = BenchDatabases.service(pushDb, WebApplicationType.SERVLET, "--server.port=0",
                    "--journal-archive.ingest.drop-directory=" + Files.createTempDirectory("bench-drop"))) {
                pushSeconds = IngestBenchmark.push(app, demo.schoolName(), bodies);
            }
            Path credentials = Files.createTempFile("bench-dnevnik", ".properties");
            SyncReport report;
            double pullSeconds;
            int requests;
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try (var fake = new FakeDnevnikRu(demo).numbered();
                 ConfigurableApplicationContext app = BenchDatabases.service(pullDb, WebApplicationType.NONE,
                         "--journal-archive.connectors.token-key=" + Base64.getEncoder().encodeToString(key))) {
                Files.writeString(credentials, "client_id=" + FakeDnevnikRu.CLIENT_ID + "\nclient_secret=" + FakeDnevnikRu.CLIENT_SECRET + "\n");
                app.getBean(SchoolRegistry.class).register("bench", demo.schoolName());
                var sources = app.getBean(ConnectorSources.class);
                var sync = app.getBean(ConnectorSync.class);
                LocalDate since = LocalDate.of(options.year(), 9, 1);
                // The service's defaults for everything but the rate; the whole school year, every class.
                var settings = new ConnectorSource.Settings(perSecond, null, null, null, null, null, since);
                ConnectorSource source = sources.save(new ConnectorSource("bench-dnevnik", "bench", SourceKind.DNEVNIK_RU, fake.baseUrl(),
                        FakeDnevnikRu.SCHOOL, Map.of(), "file:" + credentials, ConnectorSource.Mappings.none(), settings, true, null, 0, false));
                sync.connector(source.kind()).authorize(source, sync.http(source), FakeDnevnikRu.AUTH_CODE);
                source = sources.find(source.code()).orElseThrow();
                int before = fake.requests.get();
                long started = System.nanoTime();
                long id = sync.start(source, new ConnectorSync.Request("CLI", "bench", true, since, since.plusYears(1).minusDays(1)));
                report = sync.run(id);
                pullSeconds = (System.nanoTime() - started) / 1e9;
                requests = fake.requests.get() - before;
            } finally {
                Files.deleteIfExists(credentials);
            }
            Map<String, Long> pushed = counts(pushDb);
            Map<String, Long> pulled = counts(pullDb);
            long records = pushed.values().stream().mapToLong(Long::longValue).sum();
            long pulledRecords = pulled.values().stream().mapToLong(Long::longValue).sum();
            double pushRate = records / pushSeconds;
            double pullRate = pulledRecords / pullSeconds;
            out.printf("push (HTTP API)         : %d records in %.2f s = %.0f records/s%n", records, pushSeconds, pushRate);
            out.printf("pull (Дневник.ру, fake) : %d records in %.2f s = %.0f records/s, %d HTTP requests (limit %.0f/s), sync %s%n",
                    pulledRecords, pullSeconds, pullRate, requests, perSecond, report.status());
            out.printf("ratio pull / push       : %.2f%n", pullRate / pushRate);
            out.printf("rows pushed: %s%n", pushed);
            out.printf("rows pulled: %s%n", pulled);
            if (!pushed.equals(pulled) || !report.status().equals("OK")) {
                err().println("the pulled database differs from the pushed one (or the sync was not OK: " + report.status()
                        + (report.error() == null ? "" : ", " + report.error()) + "): the figures are not comparable");
                return 1;
            }
            return 0;
        } finally {
            BenchDatabases.drop(pushDb);
            BenchDatabases.drop(pullDb);
        }
    }

    private static Map<String, Long> counts(String url) {
        var jdbc = new JdbcTemplate(BenchDatabases.dataSource(url));
        var counts = new LinkedHashMap<String, Long>();
        for (String table : TABLES) counts.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
        return counts;
    }
}
