package ru.journalarchive.app.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The sync reports, kept in PostgreSQL: started before the first request, finished with every class's outcome. */
public class SyncReports {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final String node;

    public SyncReports(JdbcTemplate jdbc, ObjectMapper json, String node) {
        this.jdbc = jdbc;
        this.json = json;
        this.node = node;
    }

    /** Syncs this node left RUNNING when it stopped are closed at its start, so that the source can be synced again. */
    public int abandonRunning() {
        return jdbc.update("UPDATE connector_sync SET status = 'FAILED', finished_at = now(), "
                + "error = 'Синхронизация прервана остановкой сервиса' WHERE status = 'RUNNING' AND node = ?", node);
    }

    public long start(String source, String trigger, String startedBy, LocalDate from, LocalDate to) {
        return jdbc.queryForObject("""
                INSERT INTO connector_sync (source_code, trigger, started_by, node, window_from, window_to, status)
                VALUES (?, ?, ?, ?, ?, ?, 'RUNNING') RETURNING id""", Long.class, source, trigger, startedBy, node, from, to);
    }

    public void finish(long id, String status, String error, List<SyncReport.ClassReport> classes, SyncReport.Totals totals) {
        jdbc.update("UPDATE connector_sync SET finished_at = now(), status = ?, error = ?, classes = ?::jsonb, totals = ?::jsonb WHERE id = ?",
                status, error, write(classes), write(totals), id);
    }

    public Optional<SyncReport> find(long id) {
        return jdbc.query(SELECT + " WHERE y.id = ?", this::row, id).stream().findFirst();
    }

    public List<SyncReport> ofSource(String source, int limit) {
        return jdbc.query(SELECT + " WHERE y.source_code = ? ORDER BY y.id DESC LIMIT ?", this::row, source, limit);
    }

    public Optional<SyncReport> last(String source) {
        return ofSource(source, 1).stream().findFirst();
    }

    /** The newest successful sync of the source: OK only, as for last_success_to (a PARTIAL one left classes behind). */
    public Optional<SyncReport> lastOk(String source) {
        return jdbc.query(SELECT + " WHERE y.source_code = ? AND y.status = 'OK' ORDER BY y.finished_at DESC, y.id DESC LIMIT 1",
                this::row, source).stream().findFirst();
    }

    /** Whether an OK sync of the source pulled data up to {@code day} and finished after {@code after} (so that day was over). */
    public boolean okCovering(String source, LocalDate day, java.time.Instant after) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM connector_sync WHERE source_code = ? AND status = 'OK' AND window_to >= ?
                               AND finished_at >= ?)""", Boolean.class, source, day,
                java.time.OffsetDateTime.ofInstant(after, java.time.ZoneOffset.UTC)));
    }

    private static final String SELECT = """
            SELECT y.*, s.school FROM connector_sync y JOIN connector_source s ON s.code = y.source_code""";

    private SyncReport row(ResultSet rs, int i) throws SQLException {
        try {
            var from = rs.getDate("window_from");
            var to = rs.getDate("window_to");
            var totals = json.readTree(rs.getString("totals"));
            return new SyncReport(rs.getLong("id"), rs.getString("source_code"), rs.getString("school"), rs.getString("trigger"),
                    rs.getString("started_by"), from == null ? null : from.toLocalDate(), to == null ? null : to.toLocalDate(),
                    rs.getObject("started_at", java.time.OffsetDateTime.class), rs.getObject("finished_at", java.time.OffsetDateTime.class),
                    rs.getString("status"), rs.getString("error"),
                    json.readValue(rs.getString("classes"), new TypeReference<List<SyncReport.ClassReport>>() {}),
                    totals.isEmpty() ? null : json.treeToValue(totals, SyncReport.Totals.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("connector_sync " + rs.getLong("id") + " unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
