package ru.journalarchive.app.config;

import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.app.run.ArchiveRunPlanner;
import ru.journalarchive.app.run.ArchiveRuns;
import ru.journalarchive.app.run.DirectorSigning;
import ru.journalarchive.app.run.LateCorrections;
import ru.journalarchive.app.run.DocumentPipeline;
import ru.journalarchive.app.run.DocumentRendering;
import ru.journalarchive.app.run.DraftsCleanup;
import ru.journalarchive.app.run.PeriodEndJob;
import ru.journalarchive.app.run.PeriodEnds;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import ru.journalarchive.app.run.ExternalDirectorSigning;
import ru.journalarchive.app.run.JdbcSigningSessions;
import ru.journalarchive.signing.external.ExternalSigning;
import ru.journalarchive.app.signing.DistributionPointCrls;
import ru.journalarchive.app.signing.DocumentSigner;
import ru.journalarchive.app.signing.FreshRevocationData;
import ru.journalarchive.app.signing.LongTermLevels;
import ru.journalarchive.app.signing.OcspResponders;
import ru.journalarchive.app.signing.SchoolSigningKeys;
import ru.journalarchive.app.signing.TestTimeStampAuthority;
import ru.journalarchive.journal.monitoring.MonitoringCountsReader;
import ru.journalarchive.journal.snapshot.ClassSnapshotReader;
import ru.journalarchive.journal.snapshot.SchoolYearOutlineReader;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.storage.archive.PackageWriter;
import ru.journalarchive.storage.drafts.Drafts;

/** Archive runs: their tables, the planner, the per-document pipeline and the director's signing. */
@Configuration
public class RunsConfig {

    /** The routes module's own tables (runs, their documents, dead letters), with a history table of their own. */
    @Bean
    public RunsSchemaMigration runsSchemaMigration(DataSource dataSource, JournalStoreConfig.JournalSchemaMigration journal) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/routes").table("routes_schema_history")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return new RunsSchemaMigration();
    }

    /** The leases this node held before it stopped are released at start. */
    @Bean
    public ArchiveRuns archiveRuns(JdbcTemplate jdbc, TransactionTemplate transactions, JournalArchiveProperties properties,
                                   RunsSchemaMigration migrated) {
        var r = properties.runs();
        var runs = new ArchiveRuns(jdbc, transactions, r.attempts(), r.firstBackoff(), r.lease(), r.node());
        runs.releaseLeases();
        return runs;
    }

    @Bean
    public DraftsCleanup draftsCleanup(Drafts drafts, ArchiveRuns runs, JournalArchiveProperties properties) {
        return new DraftsCleanup(drafts, runs, properties.storage().draftsMaxAge());
    }

    @Bean
    public ArchiveRunPlanner archiveRunPlanner(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                               JournalArchiveProperties properties, JournalStoreConfig.JournalSchemaMigration migrated) {
        return new ArchiveRunPlanner(new SchoolYearOutlineReader(jdbc, transactions), properties.district().code());
    }

    @Bean
    public DocumentRendering documentRendering(ClassSnapshotReader snapshots, MonitoringCountsReader monitoring, ReportEngine engine,
                                               ReportRules rules, ru.journalarchive.journal.school.SchoolRegistry schools,
                                               JournalArchiveProperties properties) {
        return new DocumentRendering(snapshots, monitoring, engine, rules, schools, properties.district().name());
    }

    @Bean
    public SchoolSigningKeys schoolSigningKeys(JournalArchiveProperties properties) {
        return new SchoolSigningKeys(properties.signing().schools());
    }

    /** The configured TSA (only when journal-archive.signing.tsa-url is set); its health is part of the service's. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("!'${journal-archive.signing.tsa-url:}'.isBlank()")
    public ru.journalarchive.signing.timestamp.TimeStampClient timeStampAuthority(JournalArchiveProperties properties) {
        return ru.journalarchive.signing.timestamp.TimeStampClient.http(properties.signing().tsaUrl(), java.time.Duration.ofSeconds(10));
    }

    /** No TSA configured, and the test TSA is to stamp the service's own signatures (the demo): asked in-process. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("'${journal-archive.signing.tsa-url:}'.isBlank()"
            + " and ${journal-archive.signing.test-tsa.enabled:false} and ${journal-archive.signing.test-tsa.stamps-own-signatures:false}")
    public ru.journalarchive.signing.timestamp.TimeStampClient ownTimeStampAuthority(TestTimeStampAuthority tsa) {
        return ru.journalarchive.signing.timestamp.TimeStampClient.local(tsa.authority());
    }

    /** With a TSA, signatures are raised to the long-term levels unless journal-archive.signing.long-term.enabled is false. */
    @Bean
    public LongTermLevels longTermLevels(java.util.Optional<ru.journalarchive.signing.timestamp.TimeStampClient> timeStampAuthority,
                                         JournalArchiveProperties properties,
                                         java.util.List<FreshRevocationData.CrlSource> otherCrlSources,
                                         java.util.List<FreshRevocationData.OcspSource> otherOcspSources) {
        var longTerm = properties.signing().longTerm();
        if (timeStampAuthority.isEmpty() || !longTerm.enabled()) return LongTermLevels.none();
        var crlSources = new java.util.ArrayList<FreshRevocationData.CrlSource>(otherCrlSources);
        crlSources.add(new DistributionPointCrls(new ru.journalarchive.signing.verify.CrlFetcher(java.time.Duration.ofSeconds(10)),
                longTerm.crlUrls()));
        var ocspSources = new java.util.ArrayList<FreshRevocationData.OcspSource>(otherOcspSources);
        ocspSources.add(new OcspResponders(new ru.journalarchive.signing.verify.OcspFetcher(java.time.Duration.ofSeconds(10))));
        return new LongTermLevels(new FreshRevocationData(crlSources, ocspSources, longTerm.freshRevocationGrace(), longTerm.freshRevocationRetry(),
                Clock.systemUTC()), timeStampAuthority.get());
    }

    @Bean
    public DocumentSigner documentSigner(java.util.Optional<ru.journalarchive.signing.timestamp.TimeStampClient> timeStampAuthority,
                                         LongTermLevels longTerm) {
        return new DocumentSigner(Clock.systemUTC(), timeStampAuthority.orElse(null), longTerm);
    }

    @Bean
    public LateCorrections lateCorrections(ArchiveRuns runs, DocumentRendering rendering) {
        return new LateCorrections(runs, rendering);
    }

    @Bean
    public DocumentPipeline documentPipeline(ArchiveRuns runs, DocumentRendering rendering, Drafts drafts, SchoolSigningKeys keys,
                                             DocumentSigner signer, PackageWriter archive,
                                             io.micrometer.core.instrument.MeterRegistry metrics, LateCorrections corrections) {
        return new DocumentPipeline(runs, rendering, drafts, keys, signer, archive, metrics, corrections);
    }

    @Bean
    public DirectorSigning directorSigning(ArchiveRuns runs, LateCorrections corrections, SchoolSigningKeys keys,
                                           JournalArchiveProperties properties) {
        return new DirectorSigning(runs, corrections, keys, properties.runs().workers());
    }

    /**
     * Sessions of token signing live 30 minutes in PostgreSQL (shared by the nodes, kept over restarts;
     * DESIGN.md); the token's signatures are time-stamped by the same TSA as the server's.
     */
    @Bean
    public ExternalDirectorSigning externalDirectorSigning(DirectorSigning signing, Drafts drafts, DocumentPipeline pipeline,
            java.util.Optional<ru.journalarchive.signing.timestamp.TimeStampClient> timeStampAuthority, JdbcTemplate jdbc,
            TransactionTemplate transactions, RunsSchemaMigration migrated, LongTermLevels longTerm) {
        return new ExternalDirectorSigning(signing, drafts, pipeline, new ExternalSigning(java.time.Duration.ofMinutes(30),
                Clock.systemUTC(), timeStampAuthority.orElse(null), new JdbcSigningSessions(jdbc)), longTerm, transactions, Clock.systemUTC());
    }

    @Bean
    public PeriodEnds periodEnds(JdbcTemplate jdbc, ArchiveRunPlanner planner, ArchiveRuns runs, SchoolSigningKeys keys,
                                 JournalArchiveProperties properties, ru.journalarchive.app.connectors.ConnectorSources sources,
                                 ru.journalarchive.app.connectors.SyncReports reports, io.micrometer.core.instrument.MeterRegistry metrics) {
        var wait = new ru.journalarchive.app.run.SyncWait(sources, reports, properties.runs().waitForSync(),
                java.time.ZoneId.of(properties.reports().timeZone()), properties.district().code());
        var periodEnds = new PeriodEnds(jdbc, planner, runs, keys, properties.runs().gracePeriod(), properties.district().code(), wait);
        io.micrometer.core.instrument.Gauge.builder("journal_archive.runs.waiting_for_sync", periodEnds, PeriodEnds::waitingForSync)
                .description("Due period-end runs held back at the last look until a connector has synced past the period's end")
                .register(metrics);
        return periodEnds;
    }

    @Bean
    public JobDetail periodEndJob() {
        return JobBuilder.newJob(PeriodEndJob.class).withIdentity("period-end", "archive-runs").storeDurably()
                .withDescription("Starts the archive runs of periods that have ended").build();
    }

    @Bean
    public Trigger periodEndTrigger(JobDetail periodEndJob, JournalArchiveProperties properties) {
        return TriggerBuilder.newTrigger().forJob(periodEndJob).withIdentity("period-end-daily", "archive-runs")
                .withSchedule(CronScheduleBuilder.cronSchedule(properties.runs().schedule())
                        .inTimeZone(java.util.TimeZone.getTimeZone(properties.reports().timeZone()))).build();
    }

    /** Quartz's tables come from the routes migrations: they must exist before the scheduler starts. */
    @Bean
    public SchedulerFactoryBeanCustomizer quartzAfterMigrations(RunsSchemaMigration migrated) {
        return factory -> factory.setOverwriteExistingJobs(true);
    }

    /** Marker: the routes module's tables are current. */
    public static final class RunsSchemaMigration {}
}
