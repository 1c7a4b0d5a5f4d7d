package ru.journalarchive.storage.catalogue;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import ru.journalarchive.storage.archive.Manifest;

/**
 * A catalogue row: the document, where each of its objects is (exact version), how long it is kept,
 * when it was signed (null if not), and the disposal act that destroyed it (null while kept).
 */
public record ArchivedDocument(String documentId, Map<String, String> metadata, String bucket, String manifestKey,
                               String manifestVersion, Map<String, Manifest.Entry> objects, String retentionClass,
                               String retentionMode, ZonedDateTime retainUntil, boolean legalHold, Instant createdAt,
                               Instant signedAt, Long disposedByAct) {}
