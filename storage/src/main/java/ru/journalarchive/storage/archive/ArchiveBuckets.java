package ru.journalarchive.storage.archive;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectLockConfigurationArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import ru.journalarchive.storage.s3.Retrying;

/**
 * The two buckets: drafts (no lock; unsigned documents) and the archive (object lock, hence
 * versioning). At start the archive bucket must really have object lock: an archive that silently
 * accepts documents without locks would break the retention promise, so the service refuses to run.
 */
public final class ArchiveBuckets {

    private final MinioClient s3;
    private final Retrying retrying;
    private final String drafts;
    private final String archive;

    public ArchiveBuckets(MinioClient s3, Retrying retrying, String drafts, String archive) {
        this.s3 = s3;
        this.retrying = retrying;
        this.drafts = drafts;
        this.archive = archive;
    }

    /** Creates missing buckets (the archive with object lock) and checks the archive's lock. */
    public void ensure() {
        create(drafts, false);
        create(archive, true);
        requireObjectLock();
    }

    public void requireObjectLock() {
        boolean locked = retrying.call("object lock of " + archive, () -> {
            try {
                return s3.getObjectLockConfiguration(GetObjectLockConfigurationArgs.builder().bucket(archive).build()) != null;
            } catch (ErrorResponseException e) {
                if (e.response() != null && e.response().code() < 500) return false;
                throw e;
            }
        });
        if (!locked)
            throw new ArchiveWithoutObjectLockException("The archive bucket " + archive + " has no object lock: documents "
                    + "stored there could be deleted before their retention ends. Create it with object lock enabled "
                    + "(mc mb --with-lock, or aws s3api create-bucket --object-lock-enabled-for-bucket) and start again.");
    }

    private void create(String bucket, boolean objectLock) {
        retrying.call("create bucket " + bucket, () -> {
            if (!s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()))
                s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).objectLock(objectLock).build());
            return null;
        });
    }
}
