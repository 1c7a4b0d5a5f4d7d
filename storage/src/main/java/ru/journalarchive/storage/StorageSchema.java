package ru.journalarchive.storage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The storage module's tables (catalogue, read audit), migrated by Flyway with a history table of their own. */
public final class StorageSchema {

    private StorageSchema() {}

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/storage")
                .table("storage_schema_history")
                // the schema is shared with other modules' tables: baseline below V1 so that V1 still runs
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
