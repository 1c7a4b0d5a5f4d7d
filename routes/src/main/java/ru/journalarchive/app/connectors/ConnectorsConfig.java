package ru.journalarchive.app.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.ProducerTemplate;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.config.RunsConfig;
import ru.journalarchive.app.connectors.dnevnik.DnevnikRuConnector;
import ru.journalarchive.app.connectors.netcity.NetCityConnector;

/** The connectors: sources, reports, the kinds' connectors, the sync, and its nightly Quartz trigger. */
@Configuration
@EnableConfigurationProperties(ConnectorsProperties.class)
public class ConnectorsConfig {

    @Bean
    public TokenCipher connectorTokenCipher(ConnectorsProperties properties) {
        return new TokenCipher(properties.tokenKey());
    }

    @Bean
    public ConnectorSources connectorSources(JdbcTemplate jdbc, ObjectMapper json, TokenCipher cipher, RunsConfig.RunsSchemaMigration migrated) {
        return new ConnectorSources(jdbc, json, cipher);
    }

    @Bean
    public SyncReports syncReports(JdbcTemplate jdbc, ObjectMapper json, JournalArchiveProperties archive,
                                   RunsConfig.RunsSchemaMigration migrated) {
        var reports = new SyncReports(jdbc, json, archive.runs().node());
        reports.abandonRunning();
        return reports;
    }

    @Bean
    public ClassBatches classBatches(JdbcTemplate jdbc, ObjectMapper json) {
        return new ClassBatches(jdbc, json);
    }

    @Bean
    public DnevnikRuConnector dnevnikRuConnector(ConnectorSources sources, JournalArchiveProperties properties) {
        return new DnevnikRuConnector(sources, ZoneId.of(properties.reports().timeZone()), System::getenv);
    }

    @Bean
    public NetCityConnector netCityConnector(JournalArchiveProperties properties) {
        return new NetCityConnector(ZoneId.of(properties.reports().timeZone()), System::getenv);
    }

    @Bean
    public ConnectorSync connectorSync(ConnectorSources sources, SyncReports reports, List<SourceConnector> connectors,
                                       ConnectorsProperties properties, ProducerTemplate camel, ObjectMapper json, MeterRegistry metrics,
                                       JournalArchiveProperties archive) {
        return new ConnectorSync(sources, reports, connectors, properties, camel, json, metrics, ZoneId.of(archive.reports().timeZone()));
    }

    /** On-demand syncs run here, one at a time per node; the API answers at once with the report's id. */
    @Bean(destroyMethod = "shutdownNow")
    public ExecutorService connectorSyncExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(r, "connector-sync");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    public JobDetail connectorSyncJobDetail() {
        return JobBuilder.newJob(ConnectorSyncJob.class).withIdentity("connector-sync", "connectors").storeDurably()
                .withDescription("Pulls every enabled source's journal data").build();
    }

    @Bean
    public Trigger connectorSyncTrigger(JobDetail connectorSyncJobDetail, ConnectorsProperties properties, JournalArchiveProperties archive) {
        return TriggerBuilder.newTrigger().forJob(connectorSyncJobDetail).withIdentity("connector-sync-nightly", "connectors")
                .withSchedule(CronScheduleBuilder.cronSchedule(properties.schedule())
                        .inTimeZone(java.util.TimeZone.getTimeZone(archive.reports().timeZone()))).build();
    }
}
