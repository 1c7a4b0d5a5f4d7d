package ru.journalarchive.journal.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one batch of a school as one transaction: validate everything, then write everything,
 * or write nothing. Batches of one school are applied one after another.
 */
public class BatchIngestion {

    private static final Logger log = LoggerFactory.getLogger(BatchIngestion.class);

    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;
    private final JournalRules defaultRules;
    private final ObjectMapper json = new ObjectMapper();

    public BatchIngestion(DataSource dataSource, PlatformTransactionManager transactionManager, JournalRules defaultRules) {
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        this.defaultRules = defaultRules;
    }

    /**
     * @param contentSha256 hash of the batch as received: a batch id re-sent with the same content
     *                      is a no-op, with other content a {@link BatchConflictException}
     * @param channel       API, CSV or DEMO
     * @param actor         who sent it (token label), kept with the batch and in the change history
     */
    public IngestResult ingest(String schoolCode, Batch batch, byte[] contentSha256, String channel, String actor) {
        return transactions.execute(tx -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return ingest(connection, schoolCode, batch, contentSha256, channel, actor);
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("writing batch " + batch.batchId() + " failed", e);
            }
        });
    }

    /**
     * The problems the batch would be rejected for, in a read-only transaction that writes nothing: for
     * a format mapped into batches that has problems of its own and reports them together with these.
     */
    public List<Problem> validate(String schoolCode, Batch batch) {
        return readOnly.execute(tx -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                SchoolRules school = school(connection, schoolCode);
                return new BatchValidator(school.rules()).validate(batch, KnownRecords.load(connection, school.id(), batch));
            } catch (SQLException e) {
                throw new IllegalStateException("validating batch " + batch.batchId() + " failed", e);
            }
        });
    }

    private record SchoolRules(long id, JournalRules rules) {}

    private SchoolRules school(Connection c, String schoolCode) throws SQLException {
        try (var st = c.prepareStatement("SELECT id, mark_scale, attendance_codes FROM school WHERE code = ?")) {
            st.setString(1, schoolCode);
            try (var rs = st.executeQuery()) {
                if (!rs.next()) throw new UnknownSchoolException(schoolCode);
                return new SchoolRules(rs.getLong(1), defaultRules.forSchool(textList(rs.getArray(2)), textList(rs.getArray(3))));
            }
        }
    }

    private IngestResult ingest(Connection c, String schoolCode, Batch batch, byte[] hash, String channel, String actor)
            throws SQLException, IOException {
        SchoolRules school = school(c, schoolCode);
        long schoolId = school.id();
        JournalRules rules = school.rules();
        try (var st = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            st.setInt(1, "journal-ingest".hashCode());
            st.setInt(2, (int) schoolId);
            st.execute();
        }
        if (batch.batchId() != null) {
            try (var st = c.prepareStatement(
                    "SELECT content_sha256, record_counts FROM ingest_batch WHERE school_id = ? AND batch_id = ?")) {
                st.setLong(1, schoolId);
                st.setString(2, batch.batchId());
                try (var rs = st.executeQuery()) {
                    if (rs.next()) {
                        if (!Arrays.equals(rs.getBytes(1), hash)) throw new BatchConflictException(batch.batchId());
                        log.info("batch {} of school {} already applied; nothing written", batch.batchId(), schoolCode);
                        return new IngestResult(batch.batchId(), true, Map.of(), Map.of());
                    }
                }
            }
        }
        List<Problem> problems = new BatchValidator(rules).validate(batch, KnownRecords.load(c, schoolId, batch));
        if (!problems.isEmpty()) throw new BatchRejectedException(problems);

        try (var st = c.prepareStatement("SELECT set_config('journal.batch_id', ?, true), set_config('journal.actor', ?, true)")) {
            st.setString(1, batch.batchId());
            st.setString(2, actor);
            st.execute();
        }
        if (batch.school() != null) updateProfile(c, schoolId, batch.school());
        var writer = new BatchWriter();
        Map<String, SectionCounts> counts = writer.write(c, schoolId, batch);
        Map<String, Integer> deleted = writer.delete(c, schoolId, batch.deletions());
        try (var st = c.prepareStatement("""
                INSERT INTO ingest_batch (school_id, batch_id, content_sha256, channel, actor, record_counts)
                VALUES (?, ?, ?, ?, ?, ?::jsonb)""")) {
            st.setLong(1, schoolId);
            st.setString(2, batch.batchId());
            st.setBytes(3, hash);
            st.setString(4, channel);
            st.setString(5, actor);
            st.setString(6, toJson(batch.recordCounts()));
            st.executeUpdate();
        }
        log.info("batch {} of school {} applied via {}: {}, deleted {}", batch.batchId(), schoolCode, channel, counts, deleted);
        return new IngestResult(batch.batchId(), false, counts, deleted);
    }

    private static void updateProfile(Connection c, long schoolId, Batch.SchoolProfile p) throws SQLException {
        try (var st = c.prepareStatement("""
                UPDATE school SET name = ?, short_name = ?, inn = ?, ogrn = ?, address = ?, director_name = ?
                WHERE id = ? AND ROW(name, short_name, inn, ogrn, address, director_name)
                      IS DISTINCT FROM ROW(?, ?, ?, ?, ?, ?)""")) {
            Object[] values = {p.name(), p.shortName(), p.inn(), p.ogrn(), p.address(), p.directorName()};
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
                st.setObject(i + 8, values[i]);
            }
            st.setLong(7, schoolId);
            st.executeUpdate();
        }
    }

    private static List<String> textList(java.sql.Array array) throws SQLException {
        return array == null ? null : List.of((String[]) array.getArray());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
