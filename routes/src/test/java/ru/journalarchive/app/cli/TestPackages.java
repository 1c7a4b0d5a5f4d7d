package ru.journalarchive.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import ru.journalarchive.storage.archive.Manifest;
import ru.journalarchive.storage.archive.ObjectHashes;

/** Archive packages laid out as GET /api/v1/documents/{id}/package.zip sends them: the files and their manifest.json. */
public final class TestPackages {

    private TestPackages() {}

    /** A package of these files with their true manifest. */
    public static byte[] zip(Map<String, byte[]> files) throws IOException {
        var entries = new LinkedHashMap<>(files);
        entries.put(Manifest.FILE, manifest(files));
        return entries(entries);
    }

    /** The manifest the archive writes for these files. */
    public static byte[] manifest(Map<String, byte[]> files) throws IOException {
        var objects = new ArrayList<Manifest.Entry>();
        files.forEach((name, bytes) -> objects.add(new Manifest.Entry(name, "test/" + name, "v1", bytes.length,
                ObjectHashes.sha256(bytes), ObjectHashes.streebog256(bytes), "application/octet-stream")));
        var now = Instant.now();
        return Jackson2ObjectMapperBuilder.json().build().writeValueAsBytes(new Manifest(1, "test", Map.of("kind", "summary-ledger"),
                objects, "ledger", "COMPLIANCE", now.plusSeconds(86_400).atZone(ZoneOffset.UTC), now));
    }

    /** A ZIP of exactly these entries, manifest or not. */
    public static byte[] entries(Map<String, byte[]> entries) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
