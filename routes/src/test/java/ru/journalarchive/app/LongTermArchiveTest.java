package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.app.archive.ArchiveEvidence;
import ru.journalarchive.app.cli.TestPackages;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.Pem;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;
import ru.journalarchive.signing.timestamp.TimeStampClient;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.evidence.EvidencePolicy;
import ru.journalarchive.storage.evidence.EvidenceRecords;
import ru.journalarchive.storage.retention.RetentionMode;

/**
 * A summary ledger archived today, checked as an inspector would in 2051: every certificate of
 * today's PKI has expired, no CRL server answers, the network is off. The package alone — the
 * PAdES-LTA PDF, the CAdES-LT .sig, the manifest and its evidence record, renewed in 2035 by a TSA
 * whose certificate outlives 2051 — proves it: VALID. Without the renewal, or without the record,
 * the same ledger is INDETERMINATE, and the report says why.
 */
class LongTermArchiveTest extends ServiceTestBase {

    static final Instant IN_2051 = Instant.parse("2051-09-01T00:00:00Z");
    /** Half a year before the test TSA's certificate expires: when the archive renews its time-stamps. */
    static final Instant RENEWAL = PKI.tsa().certificate().getNotAfter().toInstant().minusSeconds(86_400L * 150);

    @Autowired
    ArchiveEvidence evidence;
    @Autowired
    LockedObjects archive;

    @Test
    void aLedgerArchivedTodayVerifiesIn2051OfflineFromItsPackageAloneOnceItsEvidenceRecordIsRenewed() throws Exception {
        var yearEnd = yearEndAwaitingTheDirector("c-2025-11a");
        assertThat(body(director("POST", "/api/v1/schools/demo/signing-queue/sign",
                json.writeValueAsString(Map.of("documentIds", yearEnd.ids()))))).allSatisfy(o ->
                assertThat(o.get("result").asText()).isEqualTo("APPROVED"));
        assertThat(awaitRun(yearEnd.id(), p -> !p.get("finishedAt").isNull()).at("/byState/ARCHIVED").asInt()).isEqualTo(yearEnd.planned());
        String ledger = "summary-ledger--demo--2025--year--c-2025-11a";

        // Today: the daily evidence record covers the ledger; the package carries it; the API names the level.
        assertThat(evidence.status().uncoveredDocuments()).isPositive();
        assertThat(evidence.care(Instant.now()).built()).hasSize(1);
        var now = body(director("GET", "/api/v1/documents/" + ledger + "/verification", null));
        assertThat(now.get("verdict").asText()).as(now.toString()).isEqualTo("VALID");
        assertThat(now.at("/signatures/0/level").asText()).isEqualTo("LTA_ER");
        var badTime = director("GET", "/api/v1/documents/" + ledger + "/verification?at=2051-09-01", null);
        assertThat(badTime.statusCode()).isEqualTo(422);
        assertThat(badTime.body()).contains("\"at\"").contains("2051-09-01T00:00:00Z");

        Map<String, byte[]> issued = unzip(packageZip(ledger));
        assertThat(issued).containsKeys("document.pdf", "document.pdf.sig", "data.json", "manifest.json", "evidence-record.ers");
        var dir = Files.createDirectories(KEYS.resolve("lt-" + System.nanoTime()));

        // In 2051 with the record as built today: its time-stamp's TSA certificate expired in 2036.
        var unrenewed = verify(dir, "unrenewed.zip", TestPackages.entries(issued));
        assertThat(unrenewed.exit()).as(unrenewed.output()).isEqualTo(2);
        assertThat(unrenewed.report().get("verdict").asText()).isEqualTo("INDETERMINATE");

        // Without any record: a PAdES-LTA signature alone cannot last past its TSA either.
        var bare = new LinkedHashMap<>(issued);
        bare.remove("evidence-record.ers");
        var withoutRecord = verify(dir, "bare.zip", TestPackages.entries(bare));
        assertThat(withoutRecord.exit()).isEqualTo(2);
        assertThat(withoutRecord.output()).contains("LTA");

        // 2035: the archive renews the record's time-stamp with the TSA of the day, whose certificate lasts to 2060.
        var later = new TestPki(GostAlgorithm.GOST_2012_256, RENEWAL);
        // (valid from today on: BouncyCastle's token generator dates its CMS signing-time attribute by the real clock)
        var tsaOf2035 = later.issueTimeStampAuthority("Служба штампов времени 2035 года", Instant.now().minusSeconds(86_400),
                Instant.parse("2060-01-01T00:00:00Z"));
        var stamping = TimeStampClient.local(new TimeStampAuthority(tsaOf2035.credentials(later.intermediate().certificate(),
                later.root().certificate()), Clock.fixed(RENEWAL, ZoneOffset.UTC)));
        var renewal = new EvidenceRecords(archive, jdbc, stamping::exchange, EvidencePolicy.defaults(RetentionMode.COMPLIANCE),
                Clock.fixed(RENEWAL, ZoneOffset.UTC));
        assertThat(renewal.renewDue(RENEWAL)).isNotEmpty();

        Map<String, byte[]> renewed = unzip(packageZip(ledger));
        assertThat(renewed.get("evidence-record.ers")).isNotEqualTo(issued.get("evidence-record.ers"));
        Files.writeString(dir.resolve("root-2035.pem"), Pem.certificates(List.of(later.root().certificate())));
        var valid = verify(dir, "renewed.zip", TestPackages.entries(renewed), "--trust", dir.resolve("root-2035.pem").toString());
        assertThat(valid.exit()).as(valid.output()).isZero();
        assertThat(valid.report().get("verdict").asText()).isEqualTo("VALID");
        assertThat(valid.report().get("signatures")).hasSize(2).allSatisfy(s -> {
            assertThat(s.get("verdict").asText()).isEqualTo("VALID");
            assertThat(s.get("level").asText()).isEqualTo("LTA_ER");
        });
        // Every certificate the signature itself rests on expired long before.
        assertThat(PKI.root().certificate().getNotAfter().toInstant()).isBefore(IN_2051);

        // The manifest protects the files the record does not cover directly: one changed byte, and nothing is valid.
        var tampered = new LinkedHashMap<>(renewed);
        byte[] data = tampered.get("data.json").clone();
        data[data.length / 2] ^= 1;
        tampered.put("data.json", data);
        var broken = verify(dir, "tampered.zip", TestPackages.entries(tampered), "--trust", dir.resolve("root-2035.pem").toString());
        assertThat(broken.exit()).isEqualTo(1);
    }

    record Verified(int exit, String output, JsonNode report) {}

    /** The inspector's CLI in a JVM of its own, offline as of 2051: the test root, no CRL but what the package carries. */
    Verified verify(Path dir, String name, byte[] zip, String... more) throws Exception {
        Path file = Files.write(dir.resolve(name), zip);
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), JournalArchiveApplication.class.getName(), "verify", file.toString(),
                "--trust", KEYS.resolve("root.pem").toString(), "--at", IN_2051.toString(), "--format", "json"));
        command.addAll(List.of(more));
        var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        return new Verified(exit, output, json.readTree(output));
    }

    byte[] packageZip(String id) throws Exception {
        directorOfDemo();
        var response = http.send(HttpRequest.newBuilder(uri("/api/v1/documents/" + id + "/package.zip"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("director-of-demo:" + DIRECTOR_PASSWORD).getBytes()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        var files = new LinkedHashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) files.put(e.getName(), in.readAllBytes());
        }
        return files;
    }
}
