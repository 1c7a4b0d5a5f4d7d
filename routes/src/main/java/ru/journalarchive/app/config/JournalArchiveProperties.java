package ru.journalarchive.app.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import ru.journalarchive.journal.ingest.JournalRules;
import ru.journalarchive.reports.arithmetic.AttendanceCodes;
import ru.journalarchive.reports.arithmetic.MarkRounding;
import ru.journalarchive.reports.arithmetic.ReportRules;

/** The service's settings (application.yml, prefix journal-archive). */
@ConfigurationProperties("journal-archive")
public record JournalArchiveProperties(Ingest ingest, Rules rules, Reports reports, Signing signing, Storage storage,
                                       Evidence evidence, Runs runs, Verification verification, District district, Admin admin,
                                       Demo demo) {

    public JournalArchiveProperties {
        evidence = evidence == null ? new Evidence(null, null, null, null) : evidence;
    }

    /**
     * The archive's evidence records (RFC 4998): every {@code interval} one record over the packages
     * archived since the last, and the renewals due — a time-stamp renewal {@code renewalMargin} before
     * the newest time-stamp's TSA certificate (or its CA's) expires, a hash-tree renewal with
     * {@code renewalDigest} for a record whose digest is among {@code retiredDigests}.
     */
    public record Evidence(java.time.Duration interval, java.time.Duration renewalMargin,
                           Set<ru.journalarchive.storage.evidence.EvidenceDigest> retiredDigests,
                           ru.journalarchive.storage.evidence.EvidenceDigest renewalDigest) {
        public Evidence {
            interval = interval == null ? java.time.Duration.ofDays(1) : interval;
            renewalMargin = renewalMargin == null ? ru.journalarchive.storage.evidence.EvidencePolicy.DEFAULT_MARGIN : renewalMargin;
            retiredDigests = retiredDigests == null ? Set.of() : retiredDigests;
            renewalDigest = renewalDigest == null ? ru.journalarchive.storage.evidence.EvidenceDigest.STREEBOG_512 : renewalDigest;
        }
    }

    /**
     * The municipality that owns the archive: its code stands for it where a school code would (its
     * runs, its seal under signing.schools), its name heads the district roll-up of monitoring reports.
     */
    public record District(String code, String name) {}

    /**
     * What the service trusts when it verifies signatures for inspectors: root certificates (PEM
     * files; the Минцифры head CA and accredited CAs in production), CRL files, and whether to fetch
     * CRLs from the certificates' distribution points.
     */
    public record Verification(List<Path> trustedRoots, List<Path> crls, boolean fetchCrls) {
        public Verification {
            trustedRoots = trustedRoots == null ? List.of() : trustedRoots;
            crls = crls == null ? List.of() : crls;
        }
    }

    /**
     * Archive runs: worker threads, how often due documents are claimed, attempts per step with the
     * first backoff (doubling), how long a claimed document is reserved for its worker and the name of
     * this node that holds it; when the scheduler looks for ended periods (cron) and how long after a
     * period's last day its run starts; how much longer the run of a school with an enabled connector
     * source waits for a successful sync that covers the period's end (then it starts anyway, with a note).
     */
    public record Runs(int workers, java.time.Duration poll, int attempts, java.time.Duration firstBackoff,
                       java.time.Duration lease, String node, String schedule, java.time.Duration gracePeriod,
                       java.time.Duration waitForSync) {
        public Runs {
            waitForSync = waitForSync == null ? java.time.Duration.ofDays(3) : waitForSync;
        }
    }

    /** maxBatchSize: larger request bodies get 413; dropDirectory: CSV drop, one folder per school code. */
    public record Ingest(DataSize maxBatchSize, Path dropDirectory, long dropPollMillis) {}

    /** Defaults for schools without a scale or codes of their own. */
    public record Rules(List<String> markScale, List<String> attendanceCodes, List<String> workTypes,
                        BigDecimal maxWeight) {
        public JournalRules toJournalRules() {
            return new JournalRules(markScale, attendanceCodes, workTypes, maxWeight);
        }
    }

    /**
     * The arithmetic of the printed documents: round a weighted average up from this fraction; flag
     * a period mark further than the tolerance from the rounded average; which attendance codes are
     * missed lessons and which of them illness; the time zone of the monitoring deadlines.
     */
    public record Reports(BigDecimal roundUpFrom, int periodMarkTolerance, Set<String> missedCodes,
                          Set<String> illnessCodes, String timeZone) {
        public ReportRules toReportRules() {
            return new ReportRules(new MarkRounding(roundUpFrom), periodMarkTolerance,
                    new AttendanceCodes(missedCodes, illnessCodes));
        }
    }

    /**
     * The S3 server (any with object lock) and the archive's retention: years per class of record,
     * counted from 1 January after the closing date; COMPLIANCE unless a pilot configures GOVERNANCE.
     * Credentials come from the environment (S3_ACCESS_KEY, S3_SECRET_KEY). The archive's care:
     * the organisation named on disposal acts, how old an unsigned draft may get, and how often and
     * how many documents the fixity audit re-reads.
     */
    public record Storage(String endpoint, String region, String accessKey, String secretKey, String archiveBucket,
                          String draftsBucket, int attempts, java.time.Duration timeout,
                          ru.journalarchive.storage.retention.RetentionMode retentionMode,
                          java.util.Map<String, Integer> retentionYears, String organisation,
                          java.time.Duration draftsMaxAge, java.time.Duration careInterval, int fixitySample) {}

    /**
     * Signing settings; keystore passwords come only from the environment (e.g.
     * JOURNALARCHIVE_SIGNING_SCHOOLS_SCH18_SEAL_PASSWORD). Per school: the seal that signs period
     * documents on its own, and the director's server-held key for the year end (a director who signs
     * with a token through the CryptoPro plug-in needs none). With a TSA (RFC 3161) the server-key
     * signatures carry a signature time-stamp (PAdES-T, CAdES-T).
     */
    public record Signing(TestTsa testTsa, java.util.Map<String, SchoolKeys> schools, java.net.URI tsaUrl, LongTerm longTerm) {
        public Signing {
            schools = schools == null ? java.util.Map.of() : schools;
            longTerm = longTerm == null ? new LongTerm(true, null, null, null) : longTerm;
        }
    }

    /**
     * The long-term levels of time-stamped signatures (PAdES-LTA, CAdES-LT): on unless switched off.
     * OCSP responses from the responder a certificate names, CRLs from the distribution points and from
     * {@code crlUrls}; revocation data issued after the signature time-stamp is awaited for
     * {@code freshRevocationGrace}, asked again every {@code freshRevocationRetry}.
     */
    public record LongTerm(boolean enabled, java.util.List<java.net.URI> crlUrls, java.time.Duration freshRevocationGrace,
                           java.time.Duration freshRevocationRetry) {
        public LongTerm {
            crlUrls = crlUrls == null ? java.util.List.of() : crlUrls;
            freshRevocationGrace = freshRevocationGrace == null ? java.time.Duration.ofMinutes(2) : freshRevocationGrace;
            freshRevocationRetry = freshRevocationRetry == null ? java.time.Duration.ofSeconds(1) : freshRevocationRetry;
        }
    }

    public record SchoolKeys(KeyRef seal, KeyRef director) {}

    /** A key in a PKCS#12 file: its alias (the first key when empty) and the file's password. */
    public record KeyRef(Path keystore, String alias, String password) {}

    /**
     * The service's own RFC 3161 TSA for tests and the demo: its key from a PKCS#12 file (password from
     * TEST_TSA_PASSWORD), or, without one, from a throw-away test PKI made at start. With
     * stampsOwnSignatures and no tsa-url it also stamps the service's own signatures (the demo).
     */
    public record TestTsa(boolean enabled, String keystore, String alias, String password, boolean stampsOwnSignatures) {}

    /** The administrator's login; the password hash comes from the environment (JA_ADMIN_PASSWORD_HASH). */
    public record Admin(String username, String passwordHash) {}

    /**
     * The demo profile: generate and load this school at start; token (from DEMO_TOKEN) for the demo's
     * curl examples; with DEMO_USERS_PASSWORD, the logins director (of this school), archivist and inspector;
     * the folder of the test PKI that stands in for the keys, TSA and trusted roots not configured (DemoEnvironment).
     */
    public record Demo(String schoolCode, long seed, int students, int year, String token, String usersPassword,
                       Path pkiDirectory) {}
}
