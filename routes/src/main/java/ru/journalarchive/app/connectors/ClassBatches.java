package ru.journalarchive.app.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.app.ingest.IngestRoute;
import ru.journalarchive.journal.ingest.Batch;

/**
 * Turns a fetched class into the batch that goes to ingestion: the stored records of the class that
 * the source no longer has (marks and absences of the window's lessons, final marks) become deletions,
 * and the batch id is derived from the content, so pulling unchanged data again is the same batch
 * (applied once, nothing written the second time) while changed data is a new one.
 */
public class ClassBatches {

    public static final String FETCHED = "ConnectorFetched";
    public static final String CHANNEL = "CONNECTOR";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ClassBatches(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Fetches the exchange's {@link ClassPull} and leaves the batch and the ingestion headers on it. */
    public void fetch(Exchange exchange) throws JsonProcessingException {
        ClassPull pull = exchange.getIn().getBody(ClassPull.class);
        SourceConnector.ClassFetch fetch = pull.session().fetch(pull.remoteClass(), pull.from(), pull.to());
        Batch batch = withDeletions(pull.source().school(), fetch, pull.from(), pull.to());
        byte[] content = json.writeValueAsBytes(batch);
        String classKey = pull.source().code() + ":" + pull.remoteClass().remoteId() + ":";
        String id = classKey + pull.from() + ".." + pull.to() + ":" + HexFormat.of().formatHex(sha256(content), 0, 8);
        batch = withId(batch, unlessReverted(pull.source().school(), classKey, id));
        var in = exchange.getIn();
        in.setHeader(IngestRoute.SCHOOL, pull.source().school());
        in.setHeader(IngestRoute.CONTENT_HASH, sha256(json.writeValueAsBytes(batch)));
        in.setHeader(IngestRoute.CHANNEL, CHANNEL);
        in.setHeader(IngestRoute.ACTOR, "connector:" + pull.source().code());
        exchange.setProperty(FETCHED, fetch.fetched());
        in.setBody(batch);
    }

    /**
     * The same content as the class's last applied batch keeps its id (applied once: nothing written). Content
     * that was applied before but not last means the source went back to an earlier state (a mark changed and
     * changed back): it gets a new id, or it would count as applied and the change back would be lost.
     */
    private String unlessReverted(String school, String classKey, String id) {
        List<String> applied = jdbc.queryForList("""
                SELECT b.batch_id FROM ingest_batch b JOIN school s ON s.id = b.school_id
                WHERE s.code = ? AND starts_with(b.batch_id, ?) ORDER BY b.id DESC""", String.class, school, classKey);
        if (!applied.contains(id)) return id;
        String last = applied.get(0);
        if (last.equals(id) || last.startsWith(id + ":")) return last;
        return id + ":" + applied.stream().filter(a -> a.startsWith(id)).count();
    }

    Batch withDeletions(String school, SourceConnector.ClassFetch fetch, LocalDate from, LocalDate to) {
        Batch b = fetch.batch();
        var deletions = new ArrayList<Batch.Deletion>();
        Set<String> marks = new HashSet<>();
        b.marks().forEach(m -> marks.add(m.id()));
        Set<String> absences = new HashSet<>();
        b.attendance().forEach(a -> absences.add(a.id()));
        Set<String> finals = new HashSet<>();
        b.periodMarks().forEach(p -> finals.add(p.id()));
        for (String id : stored("mark", school, fetch.markPrefix(), from, to)) if (!marks.contains(id)) deletions.add(new Batch.Deletion("marks", id));
        for (String id : stored("attendance", school, fetch.attendancePrefix(), from, to))
            if (!absences.contains(id)) deletions.add(new Batch.Deletion("attendance", id));
        for (String id : jdbc.queryForList("""
                SELECT p.source_id FROM period_mark p JOIN school s ON s.id = p.school_id
                WHERE s.code = ? AND starts_with(p.source_id, ?) ORDER BY p.source_id""", String.class, school, fetch.periodMarkPrefix()))
            if (!finals.contains(id)) deletions.add(new Batch.Deletion("periodMarks", id));
        return new Batch(null, b.school(), b.academicYears(), b.periods(), b.teachers(), b.subjects(), b.classes(), b.students(),
                b.enrollments(), b.groups(), b.curriculum(), b.timetable(), b.lessons(), b.marks(), b.attendance(), b.periodMarks(),
                b.yearDecisions(), b.parentAccess(), deletions);
    }

    /** The ids of a class's stored marks or absences on lessons of the window. */
    private List<String> stored(String table, String school, String prefix, LocalDate from, LocalDate to) {
        return jdbc.queryForList("SELECT r.source_id FROM " + table + " r JOIN lesson l ON l.id = r.lesson_id JOIN school s ON s.id = r.school_id"
                + " WHERE s.code = ? AND starts_with(r.source_id, ?) AND l.lesson_date BETWEEN ? AND ? ORDER BY r.source_id",
                String.class, school, prefix, from, to);
    }

    private static Batch withId(Batch b, String id) {
        return new Batch(id, b.school(), b.academicYears(), b.periods(), b.teachers(), b.subjects(), b.classes(), b.students(),
                b.enrollments(), b.groups(), b.curriculum(), b.timetable(), b.lessons(), b.marks(), b.attendance(), b.periodMarks(),
                b.yearDecisions(), b.parentAccess(), b.deletions());
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
