package ru.journalarchive.storage.archive;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document to archive: its id, a readable key path (e.g. school, year, period, class, kind,
 * subject), its metadata for the catalogue, the files (the signed PDF, its detached .sig, the JSON
 * twin), the retention class and the date the record was closed.
 */
public record ArchivePackage(String documentId, List<String> path, Map<String, String> metadata, List<PackageFile> files,
                             String retentionClass, LocalDate closedOn) {

    /**
     * One file; {@code streebog256} is its Streebog-256 in hex when the caller has already computed it
     * (a detached GOST signature over the file has), else null and the manifest computes it.
     */
    public record PackageFile(String name, String contentType, byte[] bytes, String streebog256) {
        public PackageFile(String name, String contentType, byte[] bytes) {
            this(name, contentType, bytes, null);
        }
    }

    public ArchivePackage {
        if (!documentId.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("document id must be key-safe: " + documentId);
        for (String segment : path)
            if (!segment.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("path segment must be key-safe: " + segment);
        metadata = new LinkedHashMap<>(metadata);
        files = List.copyOf(files);
    }

    /** Where this package's objects live: {@code path/…/documentId/}. */
    public String prefix() {
        return prefix(path, documentId);
    }

    static String prefix(List<String> path, String documentId) {
        return String.join("/", path) + (path.isEmpty() ? "" : "/") + documentId + "/";
    }
}
