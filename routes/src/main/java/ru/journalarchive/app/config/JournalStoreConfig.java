package ru.journalarchive.app.config;

import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import ru.journalarchive.journal.JournalSchema;
import ru.journalarchive.journal.ingest.BatchIngestion;
import ru.journalarchive.journal.school.SchoolRegistry;

@Configuration
// WebProperties here too: the pages' controllers exist without a web server as well (the benchmarks run so)
@EnableConfigurationProperties({JournalArchiveProperties.class, ru.journalarchive.app.web.WebProperties.class})
public class JournalStoreConfig {

    /** Each module migrates its own tables; Boot's single Flyway is switched off in application.yml. */
    @Bean
    public JournalSchemaMigration journalSchemaMigration(DataSource dataSource) {
        JournalSchema.migrate(dataSource);
        return new JournalSchemaMigration();
    }

    @Bean
    public BatchIngestion batchIngestion(DataSource dataSource, PlatformTransactionManager transactions,
                                         JournalArchiveProperties properties, JournalSchemaMigration migrated) {
        return new BatchIngestion(dataSource, transactions, properties.rules().toJournalRules());
    }

    @Bean
    public SchoolRegistry schoolRegistry(JdbcTemplate jdbc, JournalSchemaMigration migrated) {
        return new SchoolRegistry(jdbc);
    }

    /** Marker: the journal-store schema is current. Beans that use the tables depend on it. */
    public static final class JournalSchemaMigration {}
}
