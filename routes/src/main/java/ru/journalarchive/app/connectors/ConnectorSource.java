package ru.journalarchive.app.connectors;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

/**
 * A configured source of one school: where to pull from, which of its classes (remote class id → class
 * id here; empty: every class, named {@code <prefix>:class:<id>}), where its client credentials are
 * ({@code env:PREFIX} for PREFIX_CLIENT_ID/PREFIX_CLIENT_SECRET, or {@code file:/path} of a properties
 * file with client_id and client_secret), overrides of the kind's code tables, and request settings.
 */
public record ConnectorSource(String code, String school, SourceKind kind, String baseUrl, String remoteSchoolId,
                              Map<String, String> classes, String credentials, Mappings mappings, Settings settings,
                              boolean enabled, LocalDate lastSuccessTo, int consecutiveFailures, boolean authorized) {

    /** Per table: the source's code → this archive's code, over the kind's defaults. */
    public record Mappings(Map<String, String> workTypes, Map<String, String> attendance, Map<String, String> marks,
                           Map<String, String> periodTypes, Map<String, String> finalKinds) {
        public Mappings {
            workTypes = workTypes == null ? Map.of() : workTypes;
            attendance = attendance == null ? Map.of() : attendance;
            marks = marks == null ? Map.of() : marks;
            periodTypes = periodTypes == null ? Map.of() : periodTypes;
            finalKinds = finalKinds == null ? Map.of() : finalKinds;
        }

        public static Mappings none() {
            return new Mappings(null, null, null, null, null);
        }
    }

    /**
     * Request settings (null: the defaults of journal-archive.connectors.requests); since: the first
     * day a first pull reaches back to (default: 1 September of the current school year).
     */
    public record Settings(Double perSecond, Duration timeout, Integer attempts, Duration firstBackoff, Integer chunkDays,
                           Integer pageSize, LocalDate since) {
        public static Settings none() {
            return new Settings(null, null, null, null, null, null, null);
        }

        public ConnectorsProperties.Requests over(ConnectorsProperties.Requests d) {
            return new ConnectorsProperties.Requests(perSecond == null ? d.perSecond() : perSecond,
                    timeout == null ? d.timeout() : timeout, attempts == null ? d.attempts() : attempts,
                    firstBackoff == null ? d.firstBackoff() : firstBackoff, chunkDays == null ? d.chunkDays() : chunkDays,
                    pageSize == null ? d.pageSize() : pageSize);
        }
    }

    public String idPrefix() {
        return kind.idPrefix();
    }
}
