package ru.journalarchive.storage.archive;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * manifest.json of a package, written last: every object with its version, size, SHA-256 and
 * Streebog-256, the document's metadata and its retention. With the bucket alone (no database) the
 * catalogue can be rebuilt from these.
 */
public record Manifest(int format, String documentId, Map<String, String> metadata, List<Entry> objects,
                       String retentionClass, String retentionMode, ZonedDateTime retainUntil, Instant createdAt) {

    public record Entry(String name, String key, String versionId, long size, String sha256, String streebog256,
                        String contentType) {}

    public static final String FILE = "manifest.json";
}
