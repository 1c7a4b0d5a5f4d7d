package ru.journalarchive.app.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.archive.ArchiveEvidence;

/**
 * The evidence records in the service's health: how many packages no record covers yet, and the
 * nearest renewal deadline ({@code renewalOverdue} once it has passed: the proof may lapse; the
 * service itself still works, so it stays UP). The uncovered count is also the metric
 * {@code journal_archive.evidence.uncovered}.
 */
@Component("evidence")
public class EvidenceHealth implements HealthIndicator {

    private final ArchiveEvidence evidence;
    private final Clock clock = Clock.systemUTC();

    public EvidenceHealth(ArchiveEvidence evidence, MeterRegistry metrics) {
        this.evidence = evidence;
        Gauge.builder("journal_archive.evidence.uncovered", () -> evidence.status().uncoveredDocuments())
                .description("archived packages no evidence record covers yet").register(metrics);
    }

    @Override
    public Health health() {
        try {
            var status = evidence.status();
            var health = Health.up().withDetail("uncoveredDocuments", status.uncoveredDocuments()).withDetail("stamping", evidence.stamping());
            if (status.nearestRenewalDeadline() != null)
                health.withDetail("nearestRenewalDeadline", status.nearestRenewalDeadline().toString())
                        .withDetail("nearestRecord", status.nearestRecordId())
                        .withDetail("renewalOverdue", status.nearestRenewalDeadline().isBefore(clock.instant()));
            return health.build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
