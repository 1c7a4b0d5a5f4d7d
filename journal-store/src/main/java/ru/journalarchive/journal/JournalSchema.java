package ru.journalarchive.journal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The journal-store's tables, migrated by Flyway with a history table of their own. */
public final class JournalSchema {

    private JournalSchema() {}

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/journal")
                .table("journal_schema_history")
                .baselineOnMigrate(true)
                .load()
                .migrate();
    }
}
