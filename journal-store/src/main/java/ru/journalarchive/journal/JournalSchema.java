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
                // the schema is shared with other modules' tables: baseline below V1 so that V1 still runs
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
