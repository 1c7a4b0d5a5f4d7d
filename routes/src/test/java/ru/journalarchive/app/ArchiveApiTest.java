package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.TreeSet;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.StoredVersion;
import ru.journalarchive.storage.catalogue.Catalogue;

/**
 * The archivist's and the inspector's side, on a quarter of 3А archived by a run: search by class,
 * signer and signing date, download a file and the ZIP package (each read audited), legal hold
 * through the API down to the S3 object, and signature checks of archived and uploaded documents.
 */
class ArchiveApiTest extends ServiceTestBase {

    static final String PASSWORD = "archive-api-test-password";

    @Autowired
    Catalogue catalogue;
    @Autowired
    LockedObjects archive;

    JsonNode archivedQuarterOf3a() throws Exception {
        loadDemoSchoolOnce();
        users.add("archivist-petrova", PASSWORD, Role.ARCHIVIST, null, "Петрова Анна Сергеевна");
        users.add("inspector-kuznetsov", PASSWORD, Role.INSPECTOR, null, "Кузнецов Илья Андреевич");
        var run = body(admin("POST", "/api/v1/archive-runs",
                "{\"school\":\"demo\",\"schoolYear\":\"2025\",\"periodId\":\"2025-q2\",\"classId\":\"c-2025-3a\"}"));
        var progress = awaitRun(run.get("id").asLong(), p -> !p.get("finishedAt").isNull());
        assertThat(progress.at("/byState/ARCHIVED").asInt()).as(progress.toString()).isEqualTo(progress.get("planned").asInt());
        return progress;
    }

    HttpResponse<byte[]> get(String user, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anArchivistFindsDownloadsAndHoldsAndEveryReadIsAudited() throws Exception {
        int planned = archivedQuarterOf3a().get("planned").asInt();
        var found = json.readTree(get("archivist-petrova", "/api/v1/documents?school=demo&schoolYear=2025&period=2025-q2"
                + "&classId=c-2025-3a&signer=" + java.net.URLEncoder.encode("МБОУ «СОШ № 18»", StandardCharsets.UTF_8)
                + "&signedFrom=2020-01-01T00:00:00Z&size=500").body()).get("documents");
        assertThat(found).hasSize(planned);
        assertThat(json.readTree(get("archivist-petrova", "/api/v1/documents?classId=c-2025-3a&signedTo=2020-01-01T00:00:00Z").body())
                .get("documents")).isEmpty();
        assertThat(admin("GET", "/actuator/prometheus", null).body())
                .containsPattern("journal_archive_documents_total\\{kind=\"journal\",stage=\"archived\"} [1-9]")
                .contains("journal_archive_step_seconds_count{step=\"render\"}");
        var journal = found.get(0);
        String id = journal.get("documentId").asText();

        var pdf = get("archivist-petrova", journal.at("/files/document.pdf/link").asText());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf.body())))
                .isEqualTo(journal.at("/files/document.pdf/sha256").asText());
        var zip = get("archivist-petrova", journal.get("packageLink").asText());
        var names = new TreeSet<String>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) names.add(e.getName());
        }
        assertThat(names).containsExactly("data.json", "document.pdf", "document.pdf.sig", "manifest.json");
        assertThat(jdbc.queryForList("SELECT object_name FROM document_read WHERE document_id = ? AND reader = 'archivist-petrova' "
                + "ORDER BY id", String.class, id)).containsExactly("document.pdf", "data.json", "document.pdf", "document.pdf.sig");

        var held = as("archivist-petrova", PASSWORD, "PUT", "/api/v1/documents/" + id + "/legal-hold",
                "{\"held\":true,\"reason\":\"Запрос прокуратуры № 7-12\"}");
        assertThat(body(held).get("legalHold").asBoolean()).isTrue();
        var entry = catalogue.find(id).orElseThrow().objects().get("document.pdf");
        assertThat(archive.isHeld(new StoredVersion(entry.key(), entry.versionId(), entry.size()))).isTrue();
        var noReason = as("archivist-petrova", PASSWORD, "PUT", "/api/v1/documents/" + id + "/legal-hold", "{\"held\":false}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(body(noReason).at("/errors/0/path").asText()).isEqualTo("reason");
        var badDate = get("archivist-petrova", "/api/v1/documents?signedFrom=yesterday");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badDate.body()).at("/errors/0/path").asText()).isEqualTo("signedFrom");
        var badPage = get("archivist-petrova", "/api/v1/documents?size=100000");
        assertThat(badPage.statusCode()).isEqualTo(422);
        assertThat(json.readTree(badPage.body()).at("/errors/0/path").asText()).isEqualTo("size");
    }

    @Test
    void anInspectorVerifiesAnArchivedDocumentAndAFileBroughtIn() throws Exception {
        archivedQuarterOf3a();
        String id = json.readTree(get("inspector-kuznetsov", "/api/v1/documents?classId=c-2025-3a&period=2025-q2&kind=journal").body())
                .at("/documents/0/documentId").asText();
        var report = json.readTree(get("inspector-kuznetsov", "/api/v1/documents/" + id + "/verification").body());
        assertThat(report.get("verdict").asText()).as(report.toString()).isEqualTo("VALID");
        assertThat(report.at("/signatures/0/signer/commonName").asText()).isEqualTo("МБОУ «СОШ № 18»");
        assertThat(report.at("/signatures/0/timestamp").isNull()).as("the seal's time is proven by the TSA: %s", report).isFalse();
        assertThat(json.readTree(get("inspector-kuznetsov", "/api/v1/documents/" + id + "/verification?detached=true").body())
                .get("verdict").asText()).isEqualTo("VALID");
        byte[] protocol = get("inspector-kuznetsov", "/api/v1/documents/" + id + "/verification?format=pdf").body();
        assertThat(new String(protocol, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        byte[] pdf = get("inspector-kuznetsov", "/api/v1/documents/" + id + "/files/document.pdf").body();
        assertThat(upload(pdf).get("verdict").asText()).isEqualTo("VALID");
        byte[] forged = pdf.clone();
        int at = new String(forged, StandardCharsets.ISO_8859_1).indexOf("/Title");
        forged[at + 1] = 'X';
        assertThat(upload(forged).get("verdict").asText()).isEqualTo("INVALID");
    }

    JsonNode upload(byte[] pdf) throws Exception {
        String boundary = "----journal-archive-test";
        var body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"journal.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(pdf);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var response = http.send(HttpRequest.newBuilder(uri("/api/v1/verifications")).header("Authorization", basic("inspector-kuznetsov"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
