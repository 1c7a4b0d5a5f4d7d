package ru.journalarchive.reports.testing;

import java.nio.charset.StandardCharsets;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import ru.journalarchive.journal.ingest.BatchIngestion;
import ru.journalarchive.journal.ingest.JournalRules;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.monitoring.MonitoringCountsReader;
import ru.journalarchive.journal.school.SchoolRegistry;
import ru.journalarchive.journal.snapshot.ClassSnapshot;
import ru.journalarchive.journal.snapshot.ClassSnapshotReader;
import ru.journalarchive.journal.testing.TestDatabase;
import ru.journalarchive.reports.engine.ReportEngine;

/**
 * One demo school (seed 7, 300 students, every grade) pushed through the real ingestion into a real
 * PostgreSQL database, shared by the tests of this module and dropped when the JVM ends.
 */
public final class DemoSchool {

    public static final String CODE = "demo";
    private static DemoSchool instance;

    public final TestDatabase db;
    public final JdbcTemplate jdbc;
    public final DemoData data;
    public final ClassSnapshotReader snapshots;
    public final MonitoringCountsReader monitoring;
    public final ReportEngine engine = new ReportEngine();

    private DemoSchool() {
        db = TestDatabase.create();
        jdbc = new JdbcTemplate(db.dataSource());
        var transactions = new DataSourceTransactionManager(db.dataSource());
        new SchoolRegistry(jdbc).register(CODE, "Демо-школа");
        data = DemoSchoolGenerator.generate(new DemoOptions(7, 300, 2025));
        var ingestion = new BatchIngestion(db.dataSource(), transactions, JournalRules.defaults());
        for (var batch : data.batches())
            ingestion.ingest(CODE, batch, batch.batchId().getBytes(StandardCharsets.UTF_8), "DEMO", "test");
        snapshots = new ClassSnapshotReader(jdbc, transactions);
        monitoring = new MonitoringCountsReader(jdbc, transactions, "Europe/Moscow");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                db.close();
            } catch (Exception ignored) {
                // the server may already be gone at JVM exit
            }
        }));
    }

    public static synchronized DemoSchool get() {
        if (instance == null) instance = new DemoSchool();
        return instance;
    }

    /** Keeps a rendered document under target/documents for a human to look at (and docs/samples). */
    public void keep(String name, ru.journalarchive.reports.engine.RenderedDocument doc) {
        try {
            var dir = java.nio.file.Path.of("target", "documents");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(name + ".pdf"), doc.pdf());
            java.nio.file.Files.write(dir.resolve(name + ".json"), doc.json());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public ClassSnapshot snapshot(String classId) {
        return snapshots.read(CODE, classId).orElseThrow();
    }
}
