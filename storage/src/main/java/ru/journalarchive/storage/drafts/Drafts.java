package ru.journalarchive.storage.drafts;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.journalarchive.storage.s3.Retrying;

/**
 * The drafts bucket: rendered documents waiting for a signature (no lock; they are not records yet).
 * A draft nobody needs any more is removed once it is older than the configured age, so unsigned
 * copies of pupils' marks do not pile up.
 */
public final class Drafts {

    private static final Logger log = LoggerFactory.getLogger(Drafts.class);

    private final MinioClient s3;
    private final Retrying retrying;
    private final String bucket;
    private final Clock clock;

    public Drafts(MinioClient s3, Retrying retrying, String bucket, Clock clock) {
        this.s3 = s3;
        this.retrying = retrying;
        this.bucket = bucket;
        this.clock = clock;
    }

    public void put(String key, byte[] bytes, String contentType) {
        retrying.call("put draft " + key, () -> s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType).build()));
    }

    public byte[] read(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("draft " + key + " is missing"));
    }

    /** The draft, or empty if there is none under {@code key}. */
    public java.util.Optional<byte[]> find(String key) {
        return retrying.call("get draft " + key, () -> {
            try (var in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return java.util.Optional.of(in.readAllBytes());
            } catch (io.minio.errors.ErrorResponseException e) {
                if (e.response() != null && e.response().code() == 404) return java.util.Optional.empty();
                throw e;
            }
        });
    }

    /** Deletes several drafts in one request (a missing one is no error). */
    public void deleteAll(java.util.List<String> keys) {
        retrying.call("delete drafts " + keys, () -> {
            var objects = keys.stream().map(io.minio.messages.DeleteObject::new).toList();
            for (var result : s3.removeObjects(io.minio.RemoveObjectsArgs.builder().bucket(bucket).objects(objects).build())) {
                var error = result.get();
                throw new IllegalStateException("cannot delete draft " + error.objectName() + ": " + error.message());
            }
            return null;
        });
    }

    /**
     * Removes every draft last written before now − {@code maxAge}, except those the caller still
     * needs (a document still waiting for its signature); returns how many.
     */
    public int removeOlderThan(Duration maxAge, java.util.function.Predicate<String> stillNeeded) {
        Instant cutoff = clock.instant().minus(maxAge);
        var stale = retrying.call("list drafts", () -> {
            var keys = new java.util.ArrayList<String>();
            for (var item : s3.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                var object = item.get();
                if (object.lastModified().toInstant().isBefore(cutoff) && !stillNeeded.test(object.objectName()))
                    keys.add(object.objectName());
            }
            return keys;
        });
        for (int i = 0; i < stale.size(); i += 1000) deleteAll(stale.subList(i, Math.min(stale.size(), i + 1000)));
        if (!stale.isEmpty()) log.info("drafts: removed {} drafts older than {}", stale.size(), maxAge);
        return stale.size();
    }
}
