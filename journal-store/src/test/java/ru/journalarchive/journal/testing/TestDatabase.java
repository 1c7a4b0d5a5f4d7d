package ru.journalarchive.journal.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import ru.journalarchive.journal.JournalSchema;

/**
 * A fresh database on the real PostgreSQL server named by DB_URL / DB_USER / DB_PASSWORD
 * (scripts/services.sh prints them), migrated, and dropped again on close.
 */
public final class TestDatabase implements AutoCloseable {

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String name;
    private final String url;
    private final PGSimpleDataSource dataSource;

    private TestDatabase() throws SQLException {
        adminUrl = env("DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        user = env("DB_USER", "postgres");
        password = env("DB_PASSWORD", "");
        name = "ja_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        }
        url = adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
    }

    /** A new, empty database with the journal-store schema. */
    public static TestDatabase create() {
        try {
            var db = new TestDatabase();
            JournalSchema.migrate(db.dataSource);
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database; is PostgreSQL running (scripts/services.sh start)?", e);
        }
    }

    /** A new, empty database without any schema: for modules that migrate their own tables. */
    public static TestDatabase empty() {
        try {
            return new TestDatabase();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database; is PostgreSQL running (scripts/services.sh start)?", e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); var st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
