package ru.journalarchive.app.run;

import java.io.ByteArrayInputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.signing.external.PreparedSignature;
import ru.journalarchive.signing.external.SigningSessions;

/**
 * The token-signing sessions in PostgreSQL ({@code external_signing_session}), shared by the nodes and
 * kept over restarts: a session's owner is the school, its reference the document. Taking a session is
 * one {@code DELETE … RETURNING}: inside a transaction the row stays locked until it commits, so a
 * second node completing the same session waits and then finds nothing, and a rollback gives the
 * session back.
 */
public class JdbcSigningSessions implements SigningSessions {

    private final JdbcTemplate jdbc;

    public JdbcSigningSessions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(Session s) {
        jdbc.update("""
                INSERT INTO external_signing_session (id, school, document_id, stage, document, byte_range, hash, digest_algorithm,
                    certificate, signing_time, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""", s.id(), s.owner(), s.reference(),
                stage(s.pdf()), s.document(), s.byteRange(), s.hash(), s.digestAlgorithm(), der(s.certificate()),
                Timestamp.from(s.signingTime()), Timestamp.from(s.expiresAt()));
    }

    @Override
    public Optional<Session> find(String id, Instant now) {
        return jdbc.query("SELECT * FROM external_signing_session WHERE id = ? AND expires_at >= ?", JdbcSigningSessions::session,
                id, Timestamp.from(now)).stream().findFirst();
    }

    @Override
    public Optional<Session> take(String id, Instant now) {
        return jdbc.query("DELETE FROM external_signing_session WHERE id = ? AND expires_at >= ? RETURNING *",
                JdbcSigningSessions::session, id, Timestamp.from(now)).stream().findFirst();
    }

    /** The school's open sessions, without their documents. */
    @Override
    public List<Open> open(String school, Instant now) {
        return jdbc.query("""
                SELECT id, document_id, stage, hash, digest_algorithm, expires_at FROM external_signing_session
                WHERE school = ? AND expires_at >= ? ORDER BY document_id, created_at""", (rs, n) -> new Open(rs.getString("document_id"),
                "PDF".equals(rs.getString("stage")), new PreparedSignature(rs.getString("id"), rs.getBytes("hash"),
                rs.getString("digest_algorithm"), instant(rs, "expires_at"))), school, Timestamp.from(now));
    }

    /** Skips the rows another transaction holds (a session being completed): no node ever waits to sweep. */
    @Override
    public void removeExpired(Instant now) {
        jdbc.update("""
                DELETE FROM external_signing_session WHERE id IN (SELECT id FROM external_signing_session WHERE expires_at < ?
                                                                   FOR UPDATE SKIP LOCKED)""", Timestamp.from(now));
    }

    private static Session session(ResultSet rs, int n) throws SQLException {
        var range = rs.getArray("byte_range");
        int[] byteRange = null;
        if (range != null) {
            var values = (Integer[]) range.getArray();
            byteRange = new int[values.length];
            for (int i = 0; i < values.length; i++) byteRange[i] = values[i];
        }
        return new Session(rs.getString("id"), rs.getString("school"), rs.getString("document_id"), rs.getBytes("document"), byteRange,
                rs.getBytes("hash"), rs.getString("digest_algorithm"), certificate(rs.getBytes("certificate")),
                instant(rs, "signing_time"), instant(rs, "expires_at"));
    }

    private static String stage(boolean pdf) {
        return pdf ? ExternalDirectorSigning.Stage.PDF.name() : ExternalDirectorSigning.Stage.DETACHED.name();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        }
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("a stored certificate does not read", e);
        }
    }
}
