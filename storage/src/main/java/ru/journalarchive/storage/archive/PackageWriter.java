package ru.journalarchive.storage.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import ru.journalarchive.storage.catalogue.ArchivedDocument;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.retention.RetentionPolicy;

/**
 * Stores a document package exactly once: every file locked with the document's retention, then the
 * manifest (last: a package without its manifest is incomplete and is written again), then the
 * catalogue row. Storing a document that is already catalogued, or whose manifest is already in
 * the bucket after a crash, returns what is there instead of writing again; a package interrupted
 * before its manifest keeps the files it already wrote with the same bytes (one version per key).
 */
public final class PackageWriter {

    private final LockedObjects archive;
    private final Catalogue catalogue;
    private final RetentionPolicy policy;
    private final ObjectMapper json;
    private final Clock clock;

    public PackageWriter(LockedObjects archive, Catalogue catalogue, RetentionPolicy policy, ObjectMapper json, Clock clock) {
        this.archive = archive;
        this.catalogue = catalogue;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
    }

    public ArchivedDocument store(ArchivePackage p) {
        return store(p, true);
    }

    /**
     * For a package no earlier attempt can have begun to write (the caller's own records say so):
     * the listing of what an interrupted store left is skipped, one request of the few per document.
     */
    public ArchivedDocument storeFirst(ArchivePackage p) {
        return store(p, false);
    }

    /** A file that an interrupted store of the package at {@code path} already locked in the archive. */
    public java.util.Optional<byte[]> alreadyWritten(java.util.List<String> path, String documentId, String fileName) {
        String prefix = ArchivePackage.prefix(path, documentId);
        return java.util.Optional.ofNullable(archive.present(prefix).get(prefix + fileName)).map(v -> archive.read(v.version()));
    }

    private ArchivedDocument store(ArchivePackage p, boolean mayHaveBegun) {
        var existing = catalogue.find(p.documentId());
        if (existing.isPresent()) return existing.get();
        String manifestKey = p.prefix() + Manifest.FILE;
        // One listing tells both whether the package is complete and what an interrupted store left.
        Map<String, LockedObjects.HashedVersion> written = mayHaveBegun ? archive.present(p.prefix()) : Map.of();
        var stored = written.get(manifestKey);
        Manifest manifest;
        StoredVersion manifestVersion;
        byte[] manifestBytes;
        if (stored != null) {
            manifestVersion = stored.version();
            manifestBytes = archive.read(manifestVersion);
            manifest = read(manifestBytes, manifestKey);
        } else {
            manifest = manifest(p, written);
            manifestBytes = bytes(manifest);
            manifestVersion = archive.put(manifestKey, manifestBytes, "application/json",
                    RetentionMode.valueOf(manifest.retentionMode()), manifest.retainUntil());
        }
        // the hash of the exact stored bytes: evidence records time-stamp it without reading the manifest again
        catalogue.record(manifest, archive.bucket(), manifestKey, manifestVersion.versionId(), ObjectHashes.streebog256(manifestBytes));
        return catalogue.find(p.documentId()).orElseThrow();
    }

    /** Writes the package's files (keeping those already written with the same bytes) and returns their manifest. */
    private Manifest manifest(ArchivePackage p, Map<String, LockedObjects.HashedVersion> written) {
        var until = policy.retainUntil(p.retentionClass(), p.closedOn());
        var entries = new ArrayList<Manifest.Entry>();
        for (var file : p.files()) {
            String key = p.prefix() + file.name();
            String sha256 = ObjectHashes.sha256(file.bytes());
            var earlier = written.get(key);
            var version = earlier != null && sha256.equals(earlier.sha256()) ? earlier.version()
                    : archive.put(key, file.bytes(), file.contentType(), policy.mode(), until);
            entries.add(new Manifest.Entry(file.name(), key, version.versionId(), file.bytes().length, sha256,
                    file.streebog256() != null ? file.streebog256() : ObjectHashes.streebog256(file.bytes()), file.contentType()));
        }
        return new Manifest(1, p.documentId(), p.metadata(), entries, p.retentionClass(), policy.mode().name(), until,
                clock.instant());
    }

    private byte[] bytes(Manifest manifest) {
        try {
            return json.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Manifest read(byte[] bytes, String key) {
        try {
            return json.readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable manifest " + key, e);
        }
    }
}
