package ru.journalarchive.app.operations;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.timestamp.TimeStampClient;

/** The configured time-stamp authority answers with a valid time-stamp (UNKNOWN when none is configured). */
@Component("tsa")
public class TsaHealth implements HealthIndicator {

    private final Optional<TimeStampClient> tsa;

    public TsaHealth(Optional<TimeStampClient> timeStampAuthority) {
        this.tsa = timeStampAuthority;
    }

    @Override
    public Health health() {
        if (tsa.isEmpty()) return Health.unknown().withDetail("tsa", "not configured: signatures carry no time-stamp").build();
        try {
            var token = tsa.get().stamp("journal-archive health".getBytes(StandardCharsets.UTF_8), GostAlgorithm.GOST_2012_256);
            return Health.up().withDetail("time", token.getTimeStampInfo().getGenTime().toInstant().toString()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
