package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.app.cli.Cli;
import ru.journalarchive.storage.archive.ArchivePackage;
import ru.journalarchive.storage.archive.PackageWriter;
import ru.journalarchive.storage.catalogue.Catalogue;

/**
 * The archive's care from outside: the fixity summary endpoint (admin only) and the {@code archive}
 * commands, run as an operator runs them — configured from application.yml and the environment.
 */
class ArchiveCareTest extends ServiceTestBase {

    static final String DOCS = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    PackageWriter writer;
    @Autowired
    Catalogue catalogue;
    @TempDir
    Path dir;

    /** The commands reach the test database the way an operator's DB_URL would reach the real one. */
    @BeforeAll
    static void commandsUseTheTestDatabase() {
        System.setProperty("spring.datasource.url", DB.url());
        System.setProperty("spring.datasource.username", DB.user());
        System.setProperty("spring.datasource.password", DB.password());
        System.setProperty("journal-archive.storage.archive-bucket", "ja-test-archive-" + ServiceTestBase.RUN);
        System.setProperty("journal-archive.storage.drafts-bucket", "ja-test-drafts-" + ServiceTestBase.RUN);
    }

    @AfterAll
    static void forget() {
        List.of("url", "username", "password").forEach(p -> System.clearProperty("spring.datasource." + p));
        List.of("archive-bucket", "drafts-bucket").forEach(p -> System.clearProperty("journal-archive.storage." + p));
    }

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    ArchivePackage journal(String id) {
        return new ArchivePackage(id, List.of("care-" + DOCS, "2025", "q1", "c-2025-5a", "journal"),
                Map.of("kind", "journal", "school", "demo", "school_year", "2025", "class_id", "c-2025-5a",
                        "title", "Журнал 5А, математика, I четверть"),
                List.of(new ArchivePackage.PackageFile("document.pdf", "application/pdf", ("%PDF " + id).getBytes(StandardCharsets.UTF_8)),
                        new ArchivePackage.PackageFile("data.json", "application/json", "{}".getBytes(StandardCharsets.UTF_8))),
                "journal", LocalDate.of(2025, 10, 31));
    }

    @Test
    void theFixitySummaryIsForTheAdministratorAndReportsTheLastRun() throws Exception {
        writer.store(journal("care-fixity-" + DOCS));
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/admin/fixity")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(admin("POST", "/api/v1/admin/fixity?sample=-1", null).statusCode()).isEqualTo(400);

        var ran = body(admin("POST", "/api/v1/admin/fixity", null));
        assertThat(ran.at("/run/failures").asInt()).isZero();
        assertThat(ran.at("/run/checked").asInt()).isGreaterThanOrEqualTo(3);
        var last = body(admin("GET", "/api/v1/admin/fixity", null));
        assertThat(last.at("/run/runId").asLong()).isEqualTo(ran.at("/run/runId").asLong());
        assertThat(last.get("findings")).isEmpty();
    }

    @Test
    void theArchiveCommandsAuditHoldRebuildAndListWhatMayBeDestroyed() throws Exception {
        var stored = writer.store(journal("care-cli-" + DOCS));

        var fixity = cli("archive", "fixity");
        assertThat(fixity.exit()).as(fixity.err()).isZero();
        assertThat(fixity.out()).containsPattern("fixity run \\d+: \\d+ objects checked, 0 failures");

        assertThat(cli("archive", "hold", stored.documentId()).exit()).as("a hold without a reason").isEqualTo(64);
        assertThat(cli("archive", "hold", stored.documentId(), "--reason", "Запрос суда", "--actor", "archivist:petrova").exit())
                .isZero();
        assertThat(catalogue.find(stored.documentId()).orElseThrow().legalHold()).isTrue();
        assertThat(cli("archive", "release", stored.documentId(), "--reason", "Дело закрыто").exit()).isZero();
        assertThat(catalogue.find(stored.documentId()).orElseThrow().legalHold()).isFalse();
        assertThat(jdbc.queryForList("SELECT actor FROM legal_hold_event WHERE document_id = ? ORDER BY id", String.class,
                stored.documentId())).containsExactly("archivist:petrova", "cli:" + System.getProperty("user.name"));

        jdbc.update("DELETE FROM legal_hold_event WHERE document_id = ?", stored.documentId());
        jdbc.update("DELETE FROM archived_document WHERE document_id = ?", stored.documentId());
        var rebuild = cli("archive", "rebuild", "--prefix", "care-" + DOCS + "/");
        assertThat(rebuild.out()).contains("1 documents added");
        assertThat(catalogue.find(stored.documentId()).orElseThrow().objects()).isEqualTo(stored.objects());

        assertThat(cli("archive", "disposal", "list").out()).contains("0 documents may be destroyed");
    }

    @Test
    void theDisposalActListsTheDocumentsWhoseRetentionHasRunOut() throws Exception {
        var stored = writer.store(journal("care-expired-" + DOCS));
        // Years cannot pass in a test: the catalogue is told this journal ran out yesterday.
        jdbc.update("UPDATE archived_document SET retain_until = ? WHERE document_id = ?",
                Timestamp.from(Instant.now().minusSeconds(86400)), stored.documentId());
        assertThat(cli("archive", "disposal", "list").out()).contains(stored.documentId(), "1 documents may be destroyed");

        Path act = dir.resolve("act.pdf");
        var prepared = cli("archive", "disposal", "prepare", "--out", act.toString(), "--actor", "archivist:petrova");
        assertThat(prepared.exit()).as(prepared.err()).isZero();
        String text = pdftotext(Files.readAllBytes(act)).replaceAll("\\s+", " ");
        assertThat(text).contains("о выделении к уничтожению документов", stored.documentId(), "Журнал 5А, математика, I четверть",
                "2025/26", "Итого: 1 (один) документ.", "Акт составил: archivist:petrova");
        assertThat(jdbc.queryForObject("SELECT status FROM disposal_act ORDER BY id DESC LIMIT 1", String.class)).isEqualTo("PREPARED");
        assertThat(writer.store(journal(stored.documentId())).disposedByAct()).as("nothing destroyed before confirmation").isNull();
        jdbc.update("UPDATE archived_document SET retain_until = '2031-01-01' WHERE document_id = ?", stored.documentId());
    }
}
