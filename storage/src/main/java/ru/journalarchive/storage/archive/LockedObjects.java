package ru.journalarchive.storage.archive;

import io.minio.GetObjectArgs;
import io.minio.GetObjectRetentionArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.SetObjectRetentionArgs;
import io.minio.messages.Retention;
import java.io.ByteArrayInputStream;
import java.time.ZonedDateTime;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.s3.Retrying;

/**
 * Objects in the archive bucket, each put with its own retention mode and retain-until date (not only
 * the bucket default), so the date is exact per document. Retention can be extended, never shortened:
 * this class refuses, and so does the server.
 */
public final class LockedObjects {

    private final MinioClient s3;
    private final Retrying retrying;
    private final String bucket;

    public LockedObjects(MinioClient s3, Retrying retrying, String bucket) {
        this.s3 = s3;
        this.retrying = retrying;
        this.bucket = bucket;
    }

    /** The user-metadata name under which each object carries its own SHA-256, so a resumed store can recognise it. */
    static final String SHA256 = "sha256";

    /**
     * Puts one object. A retry first looks for it: when only the answer to a PUT was lost, the server
     * has stored the object, and a second PUT would leave a second version under the lock.
     */
    public StoredVersion put(String key, byte[] bytes, String contentType, RetentionMode mode, ZonedDateTime retainUntil) {
        String sha256 = ObjectHashes.sha256(bytes);
        var retry = new java.util.concurrent.atomic.AtomicBoolean();
        return retrying.call("put " + key, () -> {
            if (retry.getAndSet(true)) {
                var stored = hashed(key);
                if (stored.isPresent() && sha256.equals(stored.get().sha256())) return stored.get().version();
            }
            var response = s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType)
                    .userMetadata(java.util.Map.of(SHA256, sha256))
                    .retention(new Retention(io.minio.messages.RetentionMode.valueOf(mode.name()), retainUntil)).build());
            return new StoredVersion(key, response.versionId(), bytes.length);
        });
    }

    /** The newest version under {@code key} with the SHA-256 it was put with, if there is one (one HEAD, no retry). */
    private java.util.Optional<HashedVersion> hashed(String key) throws Exception {
        try {
            var stat = s3.statObject(io.minio.StatObjectArgs.builder().bucket(bucket).object(key).build());
            return java.util.Optional.of(new HashedVersion(new StoredVersion(key, stat.versionId(), stat.size()),
                    stat.userMetadata().get(SHA256)));
        } catch (io.minio.errors.ErrorResponseException e) {
            if (e.response() != null && e.response().code() == 404) return java.util.Optional.empty();
            throw e;
        }
    }

    /** The newest version under {@code key}, if there is one. */
    public java.util.Optional<StoredVersion> newest(String key) {
        return retrying.call("stat " + key, () -> hashed(key).map(HashedVersion::version));
    }

    /**
     * The first version of every object under {@code prefix} with the SHA-256 it was put with: what
     * an interrupted store already wrote. It lists versions, not current objects: a PUT cut off by a
     * killed gateway can leave a version that radosgw has stored but not yet made current, so neither a
     * HEAD nor a plain listing sees it, and writing again would lock a second version. One listing, and
     * a HEAD per version found.
     */
    public java.util.Map<String, HashedVersion> present(String prefix) {
        return retrying.call("list versions " + prefix, () -> {
            var first = new java.util.TreeMap<String, io.minio.messages.Item>();
            for (var result : s3.listObjects(io.minio.ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true)
                    .includeVersions(true).build())) {
                var item = result.get();
                if (item.isDeleteMarker()) continue;
                first.merge(item.objectName(), item, (a, b) -> b.lastModified().isAfter(a.lastModified()) ? a : b); // versions are listed newest first
            }
            var found = new java.util.LinkedHashMap<String, HashedVersion>();
            for (var item : first.values()) {
                var stat = s3.statObject(io.minio.StatObjectArgs.builder().bucket(bucket).object(item.objectName())
                        .versionId(item.versionId()).build());
                found.put(item.objectName(), new HashedVersion(new StoredVersion(item.objectName(), stat.versionId(), stat.size()),
                        stat.userMetadata().get(SHA256)));
            }
            return found;
        });
    }

    /** A stored version and the SHA-256 it carries in its metadata (null if put without). */
    public record HashedVersion(StoredVersion version, String sha256) {}

    public String bucket() {
        return bucket;
    }

    public byte[] read(StoredVersion version) {
        return retrying.call("get " + version.key(), () -> {
            try (var in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(version.key())
                    .versionId(version.versionId()).build())) {
                return in.readAllBytes();
            }
        });
    }

    public Lock lock(StoredVersion version) {
        Retention r = retrying.call("retention of " + version.key(), () -> s3.getObjectRetention(GetObjectRetentionArgs.builder()
                .bucket(bucket).object(version.key()).versionId(version.versionId()).build()));
        return new Lock(RetentionMode.valueOf(r.mode().name()), r.retainUntilDate());
    }

    /** Moves retain-until later; an earlier date is refused here before the server would refuse it too. */
    public void extend(StoredVersion version, ZonedDateTime newRetainUntil) {
        Lock current = lock(version);
        if (!newRetainUntil.isAfter(current.retainUntil()))
            throw new RetentionShorteningRefused("Срок хранения можно только продлить: " + version.key() + " хранится до "
                    + current.retainUntil().toLocalDate() + ", запрошено " + newRetainUntil.toLocalDate());
        setRetention(version, current.mode(), newRetainUntil);
    }

    /** Sets retention as asked, without our own check: lets a test see that the server itself refuses shortening. */
    void setRetention(StoredVersion version, RetentionMode mode, ZonedDateTime retainUntil) {
        retrying.call("set retention of " + version.key(), () -> {
            s3.setObjectRetention(SetObjectRetentionArgs.builder().bucket(bucket).object(version.key())
                    .versionId(version.versionId())
                    .config(new Retention(io.minio.messages.RetentionMode.valueOf(mode.name()), retainUntil)).build());
            return null;
        });
    }

    /** Legal hold on or off for one version: while on, the server refuses deletion whatever the retention. */
    public void legalHold(StoredVersion version, boolean on) {
        retrying.call((on ? "hold " : "release ") + version.key(), () -> {
            if (on) s3.enableObjectLegalHold(io.minio.EnableObjectLegalHoldArgs.builder().bucket(bucket).object(version.key())
                    .versionId(version.versionId()).build());
            else s3.disableObjectLegalHold(io.minio.DisableObjectLegalHoldArgs.builder().bucket(bucket).object(version.key())
                    .versionId(version.versionId()).build());
            return null;
        });
    }

    public boolean isHeld(StoredVersion version) {
        return retrying.call("legal hold of " + version.key(), () -> s3.isObjectLegalHoldEnabled(
                io.minio.IsObjectLegalHoldEnabledArgs.builder().bucket(bucket).object(version.key()).versionId(version.versionId()).build()));
    }

    /** The keys of every manifest in the bucket (under a prefix). */
    public java.util.List<String> manifestKeys(String prefix) {
        return retrying.call("list " + prefix, () -> {
            var keys = new java.util.ArrayList<String>();
            for (var item : s3.listObjects(io.minio.ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                String key = item.get().objectName();
                if (key.endsWith("/" + Manifest.FILE)) keys.add(key);
            }
            return keys;
        });
    }

    /** Deletes one version; before its retain-until date the server refuses. */
    public void delete(StoredVersion version) {
        retrying.call("delete " + version.key(), () -> {
            s3.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(version.key()).versionId(version.versionId()).build());
            return null;
        });
    }
}
