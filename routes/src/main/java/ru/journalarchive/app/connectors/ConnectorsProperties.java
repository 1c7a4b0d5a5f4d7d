package ru.journalarchive.app.connectors;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The connectors' settings (application.yml, prefix journal-archive.connectors): when the nightly pull
 * runs, how far back an incremental pull reaches before the last successful one, after how many failed
 * syncs in a row a source is marked as failing, the key that encrypts the sources' OAuth tokens (from
 * the environment only), the request defaults a source may override, and each kind's code tables.
 */
@ConfigurationProperties("journal-archive.connectors")
public record ConnectorsProperties(String schedule, Duration overlap, int failingAfter, String tokenKey,
                                   Requests requests, Map<String, CodeTables> codes) {

    public ConnectorsProperties {
        schedule = schedule == null ? "0 30 1 * * ?" : schedule;
        overlap = overlap == null ? Duration.ofDays(14) : overlap;
        failingAfter = failingAfter <= 0 ? 3 : failingAfter;
        requests = requests == null ? new Requests(10, Duration.ofSeconds(30), 4, Duration.ofSeconds(1), 31, 500) : requests;
        codes = codes == null ? Map.of() : codes;
    }

    /**
     * Per request to a source: at most {@code perSecond}, each given {@code timeout}, tried {@code attempts}
     * times with a backoff doubling from {@code firstBackoff}; date ranges fetched {@code chunkDays} at a
     * time, lists {@code pageSize} records a page.
     */
    public record Requests(double perSecond, Duration timeout, int attempts, Duration firstBackoff, int chunkDays,
                           int pageSize) {}

    /**
     * A kind's code tables: the source's work types, attendance statuses, mark values, period types and
     * kinds of final marks, each mapped to this archive's codes. A source's own mappings override them.
     */
    public record CodeTables(Map<String, String> workTypes, Map<String, String> attendance, Map<String, String> marks,
                             Map<String, String> periodTypes, Map<String, String> finalKinds) {
        public CodeTables {
            workTypes = workTypes == null ? Map.of() : workTypes;
            attendance = attendance == null ? Map.of() : attendance;
            marks = marks == null ? Map.of() : marks;
            periodTypes = periodTypes == null ? Map.of() : periodTypes;
            finalKinds = finalKinds == null ? Map.of() : finalKinds;
        }
    }
}
