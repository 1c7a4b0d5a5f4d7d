package ru.journalarchive.app.operations;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import ru.journalarchive.storage.archive.ArchiveBuckets;

/**
 * The archive is healthy when the S3 server answers and the archive bucket still has object lock:
 * a bucket that lost it would accept documents it cannot keep.
 */
@Component("archive")
public class ArchiveHealth implements HealthIndicator {

    private final ArchiveBuckets buckets;

    public ArchiveHealth(ArchiveBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public Health health() {
        try {
            buckets.requireObjectLock();
            return Health.up().withDetail("objectLock", true).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
