package ru.journalarchive.storage.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.storage.archive.Manifest;

/** The document catalogue in PostgreSQL: what is archived where, searchable by its metadata. */
public class Catalogue {

    /** Metadata keys that have columns of their own (the rest stays in the manifest). */
    static final List<String> COLUMNS = List.of("kind", "school", "school_year", "period", "class_id", "subject", "student",
            "title", "signature_status", "signer");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public Catalogue(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records a stored package; a document already catalogued stays as it is (false). */
    public boolean record(Manifest m, String bucket, String manifestKey, String manifestVersion) {
        return record(m, bucket, manifestKey, manifestVersion, null);
    }

    /**
     * Records a stored package with the Streebog-256 (hex) of its manifest.json bytes exactly as stored,
     * which evidence records time-stamp without reading the manifest again; null when not known.
     */
    public boolean record(Manifest m, String bucket, String manifestKey, String manifestVersion, String manifestStreebog256) {
        var objects = new LinkedHashMap<String, Manifest.Entry>();
        m.objects().forEach(e -> objects.put(e.name(), e));
        try {
            return jdbc.update("""
                    INSERT INTO archived_document (document_id, kind, school, school_year, period, class_id, subject, student,
                        title, signature_status, signer, bucket, manifest_key, manifest_version, objects, retention_class,
                        retention_mode, retain_until, created_at, signed_at, manifest_streebog256)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (document_id) DO NOTHING""",
                    m.documentId(), require(m, "kind"), m.metadata().get("school"), m.metadata().get("school_year"),
                    m.metadata().get("period"), m.metadata().get("class_id"), m.metadata().get("subject"),
                    m.metadata().get("student"), m.metadata().get("title"), m.metadata().get("signature_status"),
                    m.metadata().get("signer"), bucket, manifestKey, manifestVersion, json.writeValueAsString(objects),
                    m.retentionClass(), m.retentionMode(), Timestamp.from(m.retainUntil().toInstant()),
                    Timestamp.from(m.createdAt()), signedAt(m), manifestStreebog256) == 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<ArchivedDocument> find(String documentId) {
        return jdbc.query("SELECT * FROM archived_document WHERE document_id = ?", this::row, documentId).stream().findFirst();
    }

    /** Documents matching the query, in its order (by default created, id), one page at a time. */
    public List<ArchivedDocument> search(CatalogueQuery q) {
        var where = where(q);
        var sql = new StringBuilder("SELECT * FROM archived_document").append(where.sql).append(orderBy(q.sort()))
                .append(" LIMIT ? OFFSET ?");
        return jdbc.query(sql.toString(), this::row, pageArgs(where.args, q).toArray());
    }

    /** A page of hits and how many there are in all: exactly up to the limit it was counted to, else "more". */
    public record Hits(long count, boolean more, List<ArchivedDocument> documents) {}

    /**
     * The hits of a query, counted up to {@code countLimit}, and its page. Few hits are sorted after they are
     * found; many are taken from the sort column's index in order, which stops after one page. The planner
     * alone may walk that index for a selective filter whose hits lie at its far end (a school year sorted by
     * retain-until), reading much of the catalogue: the count tells which case it is.
     */
    public Hits page(CatalogueQuery q, int countLimit) {
        var where = where(q);
        var countArgs = new ArrayList<>(where.args);
        countArgs.add(countLimit + 1);
        long count = jdbc.queryForObject("SELECT count(*) FROM (SELECT 1 FROM archived_document" + where.sql + " LIMIT ?) hits",
                Long.class, countArgs.toArray());
        boolean more = count > countLimit;
        if (!more && (long) q.page() * q.size() >= count) return new Hits(count, false, List.of());
        // OFFSET 0 keeps the planner from pulling the filter into the ordered index scan.
        String from = more ? "archived_document" : "(SELECT * FROM archived_document" + where.sql + " OFFSET 0) hits";
        var sql = new StringBuilder("SELECT * FROM ").append(from).append(more ? where.sql : "").append(orderBy(q.sort()))
                .append(" LIMIT ? OFFSET ?");
        var documents = jdbc.query(sql.toString(), this::row, pageArgs(where.args, q).toArray());
        return new Hits(more ? countLimit : count, more, documents);
    }

    private record Where(String sql, List<Object> args) {}

    private static Where where(CatalogueQuery q) {
        var sql = new StringBuilder(" WHERE true");
        var args = new ArrayList<Object>();
        q.equal().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            sql.append(" AND ").append(e.getKey()).append(" = ?");
            args.add(e.getValue());
        });
        range(sql, args, "created_at", q.created());
        range(sql, args, "signed_at", q.signed());
        range(sql, args, "retain_until", q.retainUntil());
        if (q.legalHold() != null) {
            sql.append(" AND legal_hold = ?");
            args.add(q.legalHold());
        }
        if (!q.withDisposed()) sql.append(" AND disposed_by_act IS NULL");
        return new Where(sql.toString(), args);
    }

    /** The column is one of Sort.COLUMNS (checked when the Sort was made), so it may go into the SQL. */
    private static String orderBy(CatalogueQuery.Sort sort) {
        String direction = sort.descending() ? " DESC" : "";
        return " ORDER BY " + sort.column() + direction + ", document_id" + direction;
    }

    private static List<Object> pageArgs(List<Object> whereArgs, CatalogueQuery q) {
        var args = new ArrayList<>(whereArgs);
        args.add(q.size());
        args.add((long) q.page() * q.size());
        return args;
    }

    private static void range(StringBuilder sql, List<Object> args, String column, CatalogueQuery.Range range) {
        if (range.from() != null) {
            sql.append(" AND ").append(column).append(" >= ?");
            args.add(Timestamp.from(range.from()));
        }
        if (range.to() != null) {
            sql.append(" AND ").append(column).append(" < ?");
            args.add(Timestamp.from(range.to()));
        }
    }

    private ArchivedDocument row(ResultSet rs, int n) throws SQLException {
        var metadata = new LinkedHashMap<String, String>();
        for (String column : COLUMNS) if (rs.getString(column) != null) metadata.put(column, rs.getString(column));
        try {
            Map<String, Manifest.Entry> objects = json.readValue(rs.getString("objects"), new TypeReference<LinkedHashMap<String, Manifest.Entry>>() {});
            return new ArchivedDocument(rs.getString("document_id"), metadata, rs.getString("bucket"), rs.getString("manifest_key"),
                    rs.getString("manifest_version"), objects, rs.getString("retention_class"), rs.getString("retention_mode"),
                    rs.getTimestamp("retain_until").toInstant().atZone(ZoneOffset.UTC), rs.getBoolean("legal_hold"),
                    rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("signed_at")),
                    rs.getObject("disposed_by_act", Long.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable catalogue row " + rs.getString("document_id"), e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** The signing time, if the metadata carries one (ISO-8601 instant under "signed_at"). */
    private static Timestamp signedAt(Manifest m) {
        String value = m.metadata().get("signed_at");
        return value == null ? null : Timestamp.from(Instant.parse(value));
    }

    private static String require(Manifest m, String key) {
        String value = m.metadata().get(key);
        if (value == null) throw new IllegalArgumentException("metadata " + key + " missing for " + m.documentId());
        return value;
    }
}
