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
 * The demo school (the default of {@code demo-data} and of the demo profile: seed 1, 1,000 students)
 * and a smaller second school for the district roll-up, pushed through the real ingestion into a real
 * PostgreSQL database, shared by the tests of this module and dropped when the JVM ends.
 */
public final class DemoSchool {

    public static final String CODE = "demo";
    public static final String SECOND = "demo2";
    public static final String SECOND_NAME = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»";
    private static DemoSchool instance;

    public final TestDatabase db;
    public final JdbcTemplate jdbc;
    public final DemoData data;
    public final ClassSnapshotReader snapshots;
    public final MonitoringCountsReader monitoring;
    /** The database id of the demo school: test queries must stay inside it, source ids repeat across schools. */
    public final long schoolId;
    public final ReportEngine engine = new ReportEngine();

    private DemoSchool() {
        db = TestDatabase.create();
        jdbc = new JdbcTemplate(db.dataSource());
        var transactions = new DataSourceTransactionManager(db.dataSource());
        var registry = new SchoolRegistry(jdbc);
        var ingestion = new BatchIngestion(db.dataSource(), transactions, JournalRules.defaults());
        registry.register(CODE, "Демо-школа");
        data = DemoSchoolGenerator.generate(DemoOptions.DEFAULT);
        for (var batch : data.batches())
            ingestion.ingest(CODE, batch, batch.batchId().getBytes(StandardCharsets.UTF_8), "DEMO", "test");
        registry.register(SECOND, "Вторая школа");
        for (var batch : DemoSchoolGenerator.generate(new DemoOptions(2, 300, 2025)).batches())
            ingestion.ingest(SECOND, batch, batch.batchId().getBytes(StandardCharsets.UTF_8), "DEMO", "test");
        // the generator names every school alike; the district roll-up must tell them apart
        jdbc.update("UPDATE school SET name = ? WHERE code = ?", SECOND_NAME, SECOND);
        schoolId = jdbc.queryForObject("SELECT id FROM school WHERE code = ?", Long.class, CODE);
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

    /** The database id of a class of the demo school. */
    public long classId(String sourceId) {
        return jdbc.queryForObject("SELECT id FROM school_class WHERE school_id = ? AND source_id = ?", Long.class,
                schoolId, sourceId);
    }

    public ClassSnapshot snapshot(String classId) {
        return snapshots.read(CODE, classId).orElseThrow();
    }
}
