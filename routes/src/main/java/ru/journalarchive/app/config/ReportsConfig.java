package ru.journalarchive.app.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import ru.journalarchive.journal.monitoring.MonitoringCountsReader;
import ru.journalarchive.journal.snapshot.ClassSnapshotReader;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.engine.ReportEngine;

/** The document renderer, its templates compiled once at start, and the readers it renders from. */
@Configuration
public class ReportsConfig {

    @Bean
    public ReportEngine reportEngine() {
        return new ReportEngine().warmUp();
    }

    @Bean
    public ReportRules reportRules(JournalArchiveProperties properties) {
        return properties.reports().toReportRules();
    }

    @Bean
    public ClassSnapshotReader classSnapshotReader(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                                   JournalStoreConfig.JournalSchemaMigration migrated) {
        return new ClassSnapshotReader(jdbc, transactions);
    }

    @Bean
    public MonitoringCountsReader monitoringCountsReader(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                                         JournalArchiveProperties properties,
                                                         JournalStoreConfig.JournalSchemaMigration migrated) {
        return new MonitoringCountsReader(jdbc, transactions, properties.reports().timeZone());
    }
}
