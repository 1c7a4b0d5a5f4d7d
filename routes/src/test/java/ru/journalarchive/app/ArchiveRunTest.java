package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minio.GetObjectRetentionArgs;
import io.minio.MinioClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.storage.catalogue.AuditedRetrieval;
import ru.journalarchive.storage.catalogue.Catalogue;

/**
 * Archive runs through the API on the demo school's pushed year: a quarter sealed by the school and
 * archived on its own; the year end waiting for the director, a mark corrected after rendering, the
 * batch signed with the director's server-held key, and the archived PDF and .sig checked by the
 * {@code verify} CLI in a process of its own.
 */
class ArchiveRunTest extends ServiceTestBase {

    @Autowired
    Catalogue catalogue;
    @Autowired
    AuditedRetrieval retrieval;
    @Autowired
    MinioClient s3;

    @Test
    void aQuarterIsSealedByTheSchoolAndArchivedWithItsRetention() throws Exception {
        loadDemoSchoolOnce();
        var started = admin("POST", "/api/v1/archive-runs",
                "{\"school\":\"demo\",\"schoolYear\":\"2025\",\"periodId\":\"2025-q1\",\"classId\":\"c-2025-5a\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long run = body(started).get("id").asLong();
        int subjects = jdbc.queryForObject("""
                SELECT count(DISTINCT ci.subject_id) FROM curriculum_item ci JOIN school_class c ON c.id = ci.class_id
                JOIN school s ON s.id = c.school_id WHERE s.code = 'demo' AND c.source_id = 'c-2025-5a'""", Integer.class);
        int paper = jdbc.queryForObject("""
                SELECT count(DISTINCT e.student_id) FROM enrollment e JOIN school_class c ON c.id = e.class_id
                JOIN parent_access pa ON pa.student_id = e.student_id JOIN school s ON s.id = c.school_id
                WHERE s.code = 'demo' AND c.source_id = 'c-2025-5a' AND pa.paper_reports""",
                Integer.class);
        assertThat(body(started).get("planned").asInt()).isEqualTo(subjects + paper);

        var finished = awaitRun(run, p -> !p.get("finishedAt").isNull());
        assertThat(finished.at("/byState/ARCHIVED").asInt()).isEqualTo(subjects + paper);
        var journal = catalogue.find("journal--demo--2025--2025-q1--c-2025-5a--" + firstSubject("c-2025-5a")).orElseThrow();
        assertThat(journal.metadata()).containsEntry("signer", "МБОУ «СОШ № 18»").containsEntry("kind", "journal");
        var pdf = journal.objects().get("document.pdf");
        var retention = s3.getObjectRetention(GetObjectRetentionArgs.builder().bucket(journal.bucket()).object(pdf.key())
                .versionId(pdf.versionId()).build());
        assertThat(retention.mode().name()).isEqualTo("COMPLIANCE");
        assertThat(retention.retainUntilDate().withZoneSameInstant(ZoneOffset.UTC))
                .isEqualTo(ZonedDateTime.of(2031, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));

        // Asking for the same quarter again produces nothing new: each document exists once.
        var again = body(admin("POST", "/api/v1/archive-runs",
                "{\"school\":\"demo\",\"schoolYear\":\"2025\",\"periodId\":\"2025-q1\",\"classId\":\"c-2025-5a\"}"));
        assertThat(again.at("/byState/ARCHIVED").asInt()).isEqualTo(subjects + paper);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archived_document WHERE document_id LIKE 'journal--demo--2025--2025-q1--c-2025-5a--%'",
                Integer.class)).isEqualTo(subjects);
    }

    @Test
    void theYearEndWaitsForTheDirectorAndALateCorrectionIsRenderedAgainNotSignedStale() throws Exception {
        loadDemoSchoolOnce();
        long run = body(admin("POST", "/api/v1/archive-runs",
                "{\"school\":\"demo\",\"schoolYear\":\"2025\",\"classId\":\"c-2025-9a\"}")).get("id").asLong();
        var rendered = awaitRun(run, p -> p.at("/byState/AWAITING_SIGNATURE").asInt() == p.get("planned").asInt());
        int planned = rendered.get("planned").asInt();
        var queue = body(director("GET", "/api/v1/schools/demo/signing-queue", null));
        var ids = new ArrayList<String>();
        var previews = new ArrayList<String>();
        // The queue holds other tests' classes too: this test signs its own class only.
        queue.forEach(d -> {
            if (!d.get("classId").asText().equals("c-2025-9a")) return;
            ids.add(d.get("documentId").asText());
            previews.add(d.get("preview").asText());
        });
        assertThat(ids).hasSize(planned).contains("summary-ledger--demo--2025--year--c-2025-9a");
        var preview = http.send(java.net.http.HttpRequest.newBuilder(uri(previews.get(0)))
                .header("Authorization", basicDirector())
                .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new String(preview.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        // A teacher corrects a mark of 9А after the journals were rendered.
        var mark = jdbc.queryForMap("""
                SELECT m.source_id AS mark, m.value, sub.source_id AS subject FROM mark m JOIN lesson l ON l.id = m.lesson_id
                JOIN school_class c ON c.id = l.class_id JOIN subject sub ON sub.id = l.subject_id
                JOIN school s ON s.id = c.school_id
                WHERE s.code = 'demo' AND c.source_id = 'c-2025-9a' ORDER BY m.source_id LIMIT 1""");
        Batch.Mark original = demo.batches().stream().filter(b -> b.marks() != null).flatMap(b -> b.marks().stream())
                .filter(m -> m.id().equals(mark.get("mark"))).findFirst().orElseThrow();
        String corrected = mark.get("value").equals("5") ? "3" : "5";
        var fix = new Batch.Mark(original.id(), original.lessonId(), original.studentId(), corrected, original.workType(),
                original.weight(), OffsetDateTime.now());
        var correction = new Batch("late-correction-9a", null, null, null, null, null, null, null, null, null, null, null, null,
                List.of(fix), null, null, null, null, null);
        assertThat(push("demo", demoToken, json.writeValueAsBytes(correction)).statusCode()).isEqualTo(200);
        String changed = "journal--demo--2025--year--c-2025-9a--" + mark.get("subject");

        var outcomes = body(director("POST", "/api/v1/schools/demo/signing-queue/sign", json.writeValueAsString(Map.of("documentIds", ids))));
        var results = new java.util.HashMap<String, String>();
        outcomes.forEach(o -> results.put(o.get("documentId").asText(), o.get("result").asText()));
        assertThat(results).containsEntry(changed, "RE_RENDERED").containsEntry("summary-ledger--demo--2025--year--c-2025-9a", "APPROVED");
        assertThat(results.values().stream().filter("APPROVED"::equals)).hasSize(planned - 1);

        awaitRun(run, p -> p.at("/byState/AWAITING_SIGNATURE").asInt() == 1 && p.at("/byState/ARCHIVED").asInt() == planned - 1);
        var signAgain = body(director("POST", "/api/v1/schools/demo/signing-queue/sign", json.writeValueAsString(Map.of("documentIds", List.of(changed)))));
        assertThat(signAgain.get(0).get("result").asText()).isEqualTo("APPROVED");
        var done = awaitRun(run, p -> !p.get("finishedAt").isNull());
        assertThat(done.at("/byState/ARCHIVED").asInt()).isEqualTo(planned);

        // The signed journal carries the corrected mark, and the director's signature verifies outside the service.
        byte[] twin = retrieval.read(changed, "data.json", "test:inspector", "127.0.0.1");
        JsonNode marks = json.readTree(twin).get("marks");
        var found = new ArrayList<String>();
        marks.forEach(m -> {
            if (m.get("lessonId").asText().equals(original.lessonId()) && m.get("studentId").asText().equals(original.studentId()))
                found.add(m.get("value").asText());
        });
        assertThat(found).containsExactly(corrected);
        var ledger = catalogue.find("summary-ledger--demo--2025--year--c-2025-9a").orElseThrow();
        assertThat(ledger.metadata().get("signer")).isEqualTo("Лебедева Ирина Викторовна, Директор");
        var pdfEntry = ledger.objects().get("document.pdf");
        assertThat(s3.getObjectRetention(GetObjectRetentionArgs.builder().bucket(ledger.bucket()).object(pdfEntry.key())
                .versionId(pdfEntry.versionId()).build()).retainUntilDate().getYear()).isEqualTo(2052);
        Path pdf = Files.write(KEYS.resolve("ledger.pdf"), retrieval.read(ledger.documentId(), "document.pdf", "test:inspector", "127.0.0.1"));
        Path sig = Files.write(KEYS.resolve("ledger.pdf.sig"), retrieval.read(ledger.documentId(), "document.pdf.sig", "test:inspector", "127.0.0.1"));
        assertThat(verify(pdf.toString())).isZero();
        assertThat(verify(pdf.toString(), "--detached", sig.toString())).isZero();
        // The signer hashed the signed PDF once, for its detached signature and the manifest: OpenSSL's Streebog agrees.
        var openssl = new OpenSsl(Files.createDirectories(KEYS.resolve("dgst-" + System.nanoTime())));
        assertThat(openssl.ok("dgst", "-md_gost12_256", pdf.toString())).contains("= " + pdfEntry.streebog256());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM document_read WHERE reader = 'test:inspector'", Integer.class)).isGreaterThanOrEqualTo(3);
    }

    /**
     * The whole school at once, as the scheduler starts it: a small school of the demo generator (one
     * class per grade) pushes its year, its year-end run is split per class and per subject, and the
     * director signs the whole queue in one action. Every journal and ledger is archived exactly once.
     */
    @Test
    void aWholeSchoolsYearEndIsSplitPerClassSignedInOneBatchAndArchivedExactlyOnce() throws Exception {
        registry.register("small", "Малокомплектная школа");
        String token = registry.issueToken("small", "journal-system").token();
        for (Batch b : DemoSchoolGenerator.generate(new DemoOptions(7, 110, DemoOptions.DEFAULT.year())).batches())
            assertThat(push("small", token, json.writeValueAsBytes(b)).statusCode()).isEqualTo(200);
        var started = body(admin("POST", "/api/v1/archive-runs", "{\"school\":\"small\",\"schoolYear\":\"2025\"}"));
        int journals = jdbc.queryForObject("""
                SELECT count(*) FROM curriculum_item ci JOIN school_class c ON c.id = ci.class_id
                JOIN school s ON s.id = c.school_id WHERE s.code = 'small'""", Integer.class);
        int classes = jdbc.queryForObject("SELECT count(*) FROM school_class c JOIN school s ON s.id = c.school_id WHERE s.code = 'small'",
                Integer.class);
        assertThat(classes).isEqualTo(11);
        int planned = started.get("planned").asInt();
        assertThat(planned).isEqualTo(journals + classes);

        awaitRun(started.get("id").asLong(), p -> p.at("/byState/AWAITING_SIGNATURE").asInt() == planned);
        users.add("director-of-small", DIRECTOR_PASSWORD, ru.journalarchive.app.security.Role.DIRECTOR, "small", "Орлова Анна Сергеевна");
        var ids = new ArrayList<String>();
        body(as("director-of-small", DIRECTOR_PASSWORD, "GET", "/api/v1/schools/small/signing-queue", null))
                .forEach(d -> ids.add(d.get("documentId").asText()));
        assertThat(ids).hasSize(planned).allMatch(id -> id.contains("--small--2025--year--"));
        var outcomes = body(as("director-of-small", DIRECTOR_PASSWORD, "POST", "/api/v1/schools/small/signing-queue/sign",
                json.writeValueAsString(Map.of("documentIds", ids))));
        assertThat(outcomes).hasSize(planned).allSatisfy(o -> assertThat(o.get("result").asText()).isEqualTo("APPROVED"));

        var finished = awaitRun(started.get("id").asLong(), p -> !p.get("finishedAt").isNull());
        assertThat(finished.at("/byState/ARCHIVED").asInt()).isEqualTo(planned);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archived_document WHERE school = 'small' AND signer LIKE '%Директор'",
                Integer.class)).isEqualTo(planned);
        var versions = new java.util.HashMap<String, Integer>();
        String bucket = catalogue.find(ids.get(0)).orElseThrow().bucket();
        for (var item : s3.listObjects(io.minio.ListObjectsArgs.builder().bucket(bucket).prefix("small/").recursive(true)
                .includeVersions(true).build()))
            versions.merge(item.get().objectName(), 1, Integer::sum);
        assertThat(versions.keySet().stream().filter(k -> k.endsWith("/manifest.json"))).hasSize(planned);
        assertThat(versions).hasSize(planned * 4).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));

        // a journal is kept 5 years and a ledger 25, from 1 January after the school year closed in 2026
        for (var kind : Map.of("journal--", 2032, "summary-ledger--", 2052).entrySet()) {
            var document = catalogue.find(ids.stream().filter(id -> id.startsWith(kind.getKey())).findFirst().orElseThrow()).orElseThrow();
            var pdf = document.objects().get("document.pdf");
            var retention = s3.getObjectRetention(GetObjectRetentionArgs.builder().bucket(bucket).object(pdf.key())
                    .versionId(pdf.versionId()).build());
            assertThat(retention.mode().name()).isEqualTo("COMPLIANCE");
            assertThat(retention.retainUntilDate().withZoneSameInstant(ZoneOffset.UTC))
                    .isEqualTo(ZonedDateTime.of(kind.getValue(), 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
            Path file = Files.write(KEYS.resolve(document.documentId() + ".pdf"),
                    retrieval.read(document.documentId(), "document.pdf", "test:inspector", "127.0.0.1"));
            Path sig = Files.write(KEYS.resolve(document.documentId() + ".pdf.sig"),
                    retrieval.read(document.documentId(), "document.pdf.sig", "test:inspector", "127.0.0.1"));
            assertThat(verify(file.toString())).isZero();
            assertThat(verify(file.toString(), "--detached", sig.toString())).isZero();
        }
    }

    @Test
    void theDirectorSignsTheYearEndOnATokenPlayedByOpenSsl() throws Exception {
        loadDemoSchoolOnce();
        var token = new TestToken();

        var yearEnd = yearEndAwaitingTheDirector("c-2025-1a");
        long run = yearEnd.id();
        int planned = yearEnd.planned();

        var steps = body(director("POST", "/api/v1/schools/demo/signing-queue/external/prepare", json.writeValueAsString(Map.of(
                "documentIds", yearEnd.ids(), "certificate", token.certificateBase64()))));
        for (String stage : List.of("PDF", "DETACHED")) {
            var signatures = tokenSigns(token, steps, stage);
            String completion = json.writeValueAsString(Map.of("signatures", signatures));
            if (stage.equals("DETACHED")) {
                // The TSA is down when the .sig comes back: nothing is lost, the same CMS completes once it answers.
                TestKeys.TSA_DOWN.set(true);
                try {
                    assertThat(body(director("POST", "/api/v1/schools/demo/signing-queue/external/complete", completion)))
                            .hasSize(planned).allSatisfy(s -> assertThat(s.get("result").asText()).isEqualTo("TRY_AGAIN"));
                } finally {
                    TestKeys.TSA_DOWN.set(false);
                }
            }
            steps = body(director("POST", "/api/v1/schools/demo/signing-queue/external/complete", completion));
        }
        assertThat(steps).hasSize(planned).allSatisfy(s -> assertThat(s.get("result").asText()).isEqualTo("SIGNED"));

        assertThat(awaitRun(run, p -> !p.get("finishedAt").isNull()).at("/byState/ARCHIVED").asInt()).isEqualTo(planned);
        var ledger = catalogue.find("summary-ledger--demo--2025--year--c-2025-1a").orElseThrow();
        Path pdf = Files.write(KEYS.resolve("ledger-1a.pdf"), retrieval.read(ledger.documentId(), "document.pdf", "test:inspector", "127.0.0.1"));
        Path sig = Files.write(KEYS.resolve("ledger-1a.pdf.sig"), retrieval.read(ledger.documentId(), "document.pdf.sig", "test:inspector", "127.0.0.1"));
        assertThat(verify(pdf.toString())).isZero();
        assertThat(verify(pdf.toString(), "--detached", sig.toString())).isZero();
        assertThat(ledger.metadata().get("signer")).isEqualTo("Лебедева Ирина Викторовна, Директор");
        // the token cannot stamp its own signatures: the service adds the TSA's time-stamp to both
        var trust = new ru.journalarchive.signing.verify.TrustAnchors(List.of(PKI.root().certificate()), List.of(), PKI.emptyCrls(Instant.now()));
        assertThat(new ru.journalarchive.signing.verify.PdfSignatureVerifier(trust).verify(Files.readAllBytes(pdf)).signatures().get(0).timestamp())
                .isBetween(Instant.now().minusSeconds(600), Instant.now());
        assertThat(new ru.journalarchive.signing.verify.CmsSignatureVerifier(trust).verifyDetached(Files.readAllBytes(pdf), Files.readAllBytes(sig))
                .signatures().get(0).timestamp()).isBetween(Instant.now().minusSeconds(600), Instant.now());
        // ... and raises them to the long-term levels before the detached stage: a document time-stamp in the PDF,
        // CRLs newer than the .sig's own time-stamp in its SignedData.
        assertThat(new ru.journalarchive.signing.verify.PdfSignatureVerifier(trust).verify(Files.readAllBytes(pdf)).documentTimestamps())
                .singleElement().satisfies(s -> assertThat(s.verdict()).isEqualTo(ru.journalarchive.signing.verify.Verdict.VALID));
        byte[] detached = Files.readAllBytes(sig);
        Instant sigStamped = ru.journalarchive.signing.cades.SignatureTimeStamps.ofCms(detached).get(0).getTimeStampInfo().getGenTime().toInstant();
        var sigCrls = new org.bouncycastle.cms.CMSSignedData(detached).getCRLs().getMatches(null);
        assertThat(sigCrls).hasSize(2).allSatisfy(crl -> assertThat(((org.bouncycastle.cert.X509CRLHolder) crl).getThisUpdate().toInstant())
                .isAfter(sigStamped));
    }

    static String basicDirector() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("director-of-demo:" + DIRECTOR_PASSWORD).getBytes());
    }

    @Test
    void theAdministratorStartsAndFollowsARunFromTheCommandLine() throws Exception {
        loadDemoSchoolOnce();
        var started = cli("run", "start", "--school", "demo", "--year", "2025", "--period", "2025-q3", "--class", "c-2025-2a",
                "--url", "http://127.0.0.1:" + port);
        assertThat(started.exit()).as(started.output()).isZero();
        long id = json.readTree(started.output()).get("id").asLong();
        var status = cli("run", "status", Long.toString(id), "--url", "http://127.0.0.1:" + port);
        assertThat(json.readTree(status.output()).get("planned").asInt()).isPositive();
        awaitRun(id, p -> !p.get("finishedAt").isNull()); // nothing left in flight when the tests end
        var unknown = cli("run", "start", "--school", "demo", "--year", "1999", "--url", "http://127.0.0.1:" + port);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(json.readTree(unknown.output()).at("/errors/0/path").asText()).isEqualTo("schoolYear");
    }

    @Test
    void theDistrictRollUpOfAQuarterIsSealedAndArchivedWithEverySchoolInIt() throws Exception {
        loadDemoSchoolOnce();
        var withoutPeriod = admin("POST", "/api/v1/archive-runs", "{\"school\":\"district\",\"schoolYear\":\"2025\"}");
        assertThat(withoutPeriod.statusCode()).isEqualTo(422);
        assertThat(body(withoutPeriod).at("/errors/0/path").asText()).isEqualTo("periodId");

        var started = body(admin("POST", "/api/v1/archive-runs", "{\"school\":\"district\",\"schoolYear\":\"2025\",\"periodId\":\"2025-q1\"}"));
        assertThat(started.get("planned").asInt()).isEqualTo(1);
        assertThat(awaitRun(started.get("id").asLong(), p -> !p.get("finishedAt").isNull()).at("/byState/ARCHIVED").asInt()).isEqualTo(1);
        var rollUp = catalogue.find("district-monitoring-report--district--2025--2025-q1").orElseThrow();
        assertThat(rollUp.metadata()).containsEntry("kind", "district-monitoring-report").containsEntry("school", "district");
        String text = pdftotext(retrieval.read(rollUp.documentId(), "document.pdf", "test:archivist", "127.0.0.1")).replaceAll("\\s+", " ");
        assertThat(text).contains("Муниципальный орган управления образованием");
        JsonNode twin = json.readTree(retrieval.read(rollUp.documentId(), "data.json", "test:archivist", "127.0.0.1"));
        int schoolsWithThePeriod = jdbc.queryForObject("SELECT count(DISTINCT school_id) FROM study_period WHERE source_id = '2025-q1'",
                Integer.class);
        assertThat(twin.get("schools")).hasSize(schoolsWithThePeriod);
    }

    record Cli(int exit, String output) {}

    /** The jar's command line in a process of its own, with the administrator's password in its environment. */
    static Cli cli(String... args) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), JournalArchiveApplication.class.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().put("JA_ADMIN_PASSWORD", ADMIN_PASSWORD);
        var process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Cli(process.waitFor(), output);
    }

    String firstSubject(String classId) {
        return jdbc.queryForObject("""
                SELECT min(s.source_id) FROM subject s JOIN curriculum_item ci ON ci.subject_id = s.id
                JOIN school_class c ON c.id = ci.class_id JOIN school sc ON sc.id = c.school_id
                WHERE sc.code = 'demo' AND c.source_id = ?""", String.class, classId);
    }

    /** The inspector's CLI, in a JVM of its own, trusting only the test root, with its CRLs. */
    static int verify(String... args) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), JournalArchiveApplication.class.getName(), "verify"));
        command.addAll(List.of(args));
        command.addAll(List.of("--trust", KEYS.resolve("root.pem").toString()));
        try (var crls = Files.list(KEYS)) {
            crls.filter(p -> p.toString().endsWith(".crl")).forEach(p -> command.addAll(List.of("--crl", p.toString())));
        }
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) System.out.println(output);
        return exit;
    }
}
