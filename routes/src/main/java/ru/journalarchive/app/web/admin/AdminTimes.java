package ru.journalarchive.app.web.admin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.config.JournalArchiveProperties;

/** Times on the administrator's pages, in the service's time zone (the one its documents are dated in). */
@Component
public class AdminTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    private final ZoneId zone;

    public AdminTimes(JournalArchiveProperties properties) {
        this.zone = ZoneId.of(properties.reports().timeZone());
    }

    public String format(Instant time) {
        return time == null ? null : FORMAT.format(time.atZone(zone));
    }

    public String format(OffsetDateTime time) {
        return time == null ? null : format(time.toInstant());
    }
}
