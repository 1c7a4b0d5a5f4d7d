package ru.journalarchive.app.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import ru.journalarchive.app.JournalArchiveApplication;
import ru.journalarchive.journal.JournalSchema;

/** Throw-away databases for the benchmarks, on the server named by DB_URL, DB_USER, DB_PASSWORD. */
final class BenchDatabases {

    private BenchDatabases() {}

    /** A fresh, migrated database; returns its JDBC URL. */
    static String create(String prefix) throws Exception {
        String admin = adminUrl();
        String name = prefix + "_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(admin, user(), password()); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        }
        String url = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        JournalSchema.migrate(dataSource(url));
        return url;
    }

    /** The demo school generated with these options and loaded through the normal ingestion. */
    static void loadDemoSchool(javax.sql.DataSource ds, ru.journalarchive.journal.demo.DemoOptions options) {
        var jdbc = new org.springframework.jdbc.core.JdbcTemplate(ds);
        new ru.journalarchive.journal.school.SchoolRegistry(jdbc).register("demo", "Демо-школа");
        var ingestion = new ru.journalarchive.journal.ingest.BatchIngestion(ds,
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(ds),
                ru.journalarchive.journal.ingest.JournalRules.defaults());
        for (var batch : ru.journalarchive.journal.demo.DemoSchoolGenerator.generate(options).batches())
            ingestion.ingest("demo", batch, batch.batchId().getBytes(java.nio.charset.StandardCharsets.UTF_8), "DEMO", "bench");
    }

    /**
     * The service in this process on the database at {@code url}, warnings only in its log and no Camel run
     * controller (the benchmark ends it); {@code more} are further arguments, which outrank application.yml.
     */
    static ConfigurableApplicationContext service(String url, WebApplicationType web, String... more) {
        var args = new java.util.ArrayList<>(java.util.List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user(),
                "--spring.datasource.password=" + password(), "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--camel.springboot.main-run-controller=false"));
        args.addAll(java.util.List.of(more));
        return new SpringApplicationBuilder(JournalArchiveApplication.class).web(web).run(args.toArray(String[]::new));
    }

    static PGSimpleDataSource dataSource(String url) {
        var ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user());
        ds.setPassword(password());
        return ds;
    }

    static void drop(String url) throws Exception {
        String name = url.replaceFirst("^.*/([^/?]+).*$", "$1");
        try (Connection c = DriverManager.getConnection(adminUrl(), user(), password()); var st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    static String user() {
        return Cli.env("DB_USER", "postgres");
    }

    static String password() {
        return Cli.env("DB_PASSWORD", "");
    }

    private static String adminUrl() {
        return Cli.env("DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }
}
