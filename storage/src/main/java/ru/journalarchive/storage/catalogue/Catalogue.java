package ru.journalarchive.storage.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
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
        var objects = new LinkedHashMap<String, Manifest.Entry>();
        m.objects().forEach(e -> objects.put(e.name(), e));
        try {
            return jdbc.update("""
                    INSERT INTO archived_document (document_id, kind, school, school_year, period, class_id, subject, student,
                        title, signature_status, signer, bucket, manifest_key, manifest_version, objects, retention_class,
                        retention_mode, retain_until, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                    ON CONFLICT (document_id) DO NOTHING""",
                    m.documentId(), require(m, "kind"), m.metadata().get("school"), m.metadata().get("school_year"),
                    m.metadata().get("period"), m.metadata().get("class_id"), m.metadata().get("subject"),
                    m.metadata().get("student"), m.metadata().get("title"), m.metadata().get("signature_status"),
                    m.metadata().get("signer"), bucket, manifestKey, manifestVersion, json.writeValueAsString(objects),
                    m.retentionClass(), m.retentionMode(), Timestamp.from(m.retainUntil().toInstant()),
                    Timestamp.from(m.createdAt())) == 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<ArchivedDocument> find(String documentId) {
        return jdbc.query("SELECT * FROM archived_document WHERE document_id = ?", this::row, documentId).stream().findFirst();
    }

    /** Documents matching every given metadata column, in a stable order (created, id), one page at a time. */
    public List<ArchivedDocument> search(Map<String, String> where, int page, int size) {
        var sql = new StringBuilder("SELECT * FROM archived_document WHERE true");
        var args = new java.util.ArrayList<Object>();
        where.forEach((column, value) -> {
            if (!COLUMNS.contains(column)) throw new IllegalArgumentException("cannot search by " + column);
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        });
        sql.append(" ORDER BY created_at, document_id LIMIT ? OFFSET ?");
        args.add(size);
        args.add((long) page * size);
        return jdbc.query(sql.toString(), this::row, args.toArray());
    }

    private ArchivedDocument row(ResultSet rs, int n) throws SQLException {
        var metadata = new LinkedHashMap<String, String>();
        for (String column : COLUMNS) if (rs.getString(column) != null) metadata.put(column, rs.getString(column));
        try {
            Map<String, Manifest.Entry> objects = json.readValue(rs.getString("objects"), new TypeReference<LinkedHashMap<String, Manifest.Entry>>() {});
            return new ArchivedDocument(rs.getString("document_id"), metadata, rs.getString("bucket"), rs.getString("manifest_key"),
                    rs.getString("manifest_version"), objects, rs.getString("retention_class"), rs.getString("retention_mode"),
                    rs.getTimestamp("retain_until").toInstant().atZone(ZoneOffset.UTC), rs.getBoolean("legal_hold"),
                    rs.getTimestamp("created_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable catalogue row " + rs.getString("document_id"), e);
        }
    }

    private static String require(Manifest m, String key) {
        String value = m.metadata().get(key);
        if (value == null) throw new IllegalArgumentException("metadata " + key + " missing for " + m.documentId());
        return value;
    }
}
