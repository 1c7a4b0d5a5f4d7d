package db.routes;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Quartz's job store tables, created once from the script Quartz ships for PostgreSQL (its DROP
 * statements find nothing on this first run; Boot's own initializer would run it at every start).
 */
public class V3__quartz_job_store extends BaseJavaMigration {

    @Override
    public void migrate(Context context) {
        ScriptUtils.executeSqlScript(context.getConnection(), new ClassPathResource("org/quartz/impl/jdbcjobstore/tables_postgres.sql"));
    }
}
