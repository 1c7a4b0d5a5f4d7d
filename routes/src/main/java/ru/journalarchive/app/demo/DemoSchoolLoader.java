package ru.journalarchive.app.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.security.AppUsers;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.BatchIngestion;
import ru.journalarchive.journal.school.SchoolRegistry;

/**
 * Profile {@code demo}: generates the demo school and loads it through the normal ingestion at
 * start. Batches already applied are skipped, so a restart costs little.
 */
@Component
@Profile("demo")
public class DemoSchoolLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSchoolLoader.class);

    private final JournalArchiveProperties properties;
    private final SchoolRegistry registry;
    private final BatchIngestion ingestion;
    private final AppUsers users;

    public DemoSchoolLoader(JournalArchiveProperties properties, SchoolRegistry registry, BatchIngestion ingestion, AppUsers users) {
        this.properties = properties;
        this.registry = registry;
        this.ingestion = ingestion;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        var demo = properties.demo();
        DemoData data = DemoSchoolGenerator.generate(new DemoOptions(demo.seed(), demo.students(), demo.year()));
        registry.register(demo.schoolCode(), data.schoolName());
        if (demo.token() != null && !demo.token().isBlank()) registry.addToken(demo.schoolCode(), "demo", demo.token());
        if (demo.usersPassword() != null && !demo.usersPassword().isBlank()) {
            // The name on the demo director's certificate: the signing page warns when the two differ.
            users.add("director", demo.usersPassword(), Role.DIRECTOR, demo.schoolCode(), DemoPki.DIRECTOR_SUBJECT.commonName());
            users.add("archivist", demo.usersPassword(), Role.ARCHIVIST, null, "Архивист (демо)");
            users.add("inspector", demo.usersPassword(), Role.INSPECTOR, null, "Проверяющий (демо)");
        }
        long started = System.nanoTime();
        var digest = MessageDigest.getInstance("SHA-256");
        for (Batch b : data.batches()) {
            // The generator is deterministic: the batch id and seed identify the content.
            byte[] hash = digest.digest((b.batchId() + "|" + demo.seed() + "|" + demo.students()).getBytes(StandardCharsets.UTF_8));
            ingestion.ingest(demo.schoolCode(), b, hash, "DEMO", "demo-loader");
        }
        log.info("demo school '{}' loaded: {} batches, {} in {} ms", demo.schoolCode(), data.batches().size(),
                data.distinctRecords(), (System.nanoTime() - started) / 1_000_000);
        var root = demo.pkiDirectory().resolve(DemoPki.ROOT);
        if (java.nio.file.Files.exists(root))
            log.info("demo: signatures chain up to the test root {} (also GET /api/v1/demo/root.pem): verify --trust it", root.toAbsolutePath());
    }
}
