package ru.journalarchive.journal.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Writes a validated batch inside the caller's transaction: each section is copied into a
 * staging table (ON COMMIT DROP; a rollback drops it too) and upserted from there. COPY keeps a
 * year of marks fast.
 */
final class BatchWriter {

    Map<String, SectionCounts> write(Connection connection, long schoolId, Batch batch)
            throws SQLException, IOException {
        var counts = new LinkedHashMap<String, SectionCounts>();
        for (SectionTable<?> section : JournalSections.ALL) {
            SectionCounts c = writeSection(connection, schoolId, batch, section);
            if (c.received() > 0) counts.put(section.section, c);
        }
        writeGroupMembers(connection, schoolId, batch.groups());
        return counts;
    }

    /** Removes the batch's deletions after its upserts; returns the rows removed per section. */
    Map<String, Integer> delete(Connection connection, long schoolId, List<Batch.Deletion> deletions) throws SQLException {
        var removed = new LinkedHashMap<String, Integer>();
        for (SectionTable<?> section : JournalSections.ALL) {
            String[] ids = deletions.stream().filter(d -> d.section().equals(section.section))
                    .map(Batch.Deletion::id).toArray(String[]::new);
            if (ids.length == 0) continue;
            try (var st = connection.prepareStatement("DELETE FROM " + section.table + " WHERE school_id = ? AND source_id = ANY (?)")) {
                st.setLong(1, schoolId);
                st.setArray(2, connection.createArrayOf("text", ids));
                removed.put(section.section, st.executeUpdate());
            }
        }
        return removed;
    }

    private <R> SectionCounts writeSection(Connection connection, long schoolId, Batch batch, SectionTable<R> section)
            throws SQLException, IOException {
        List<R> records = section.records.apply(batch);
        if (records.isEmpty()) return new SectionCounts(0, 0, 0);
        var rows = new ArrayList<Object[]>(records.size());
        for (R record : records) rows.add(section.stageRow(record));
        copy(connection, section.createStageSql(), section.copySql(), rows);
        try (var st = connection.prepareStatement(section.upsertSql())) {
            st.setLong(1, schoolId);
            try (var rs = st.executeQuery()) {
                rs.next();
                return new SectionCounts(records.size(), rs.getInt(1), rs.getInt(2));
            }
        }
    }

    /** A group's member list in a batch is complete: members not listed any more are removed. */
    private void writeGroupMembers(Connection connection, long schoolId, List<Batch.Group> groups)
            throws SQLException, IOException {
        if (groups.isEmpty()) return;
        var rows = new ArrayList<Object[]>();
        for (var g : groups) {
            for (String studentId : g.studentIds()) rows.add(new Object[] {g.id(), studentId});
        }
        var groupIds = groups.stream().map(Batch.Group::id).toArray(String[]::new);
        copy(connection, "CREATE TEMP TABLE stage_group_member (group_id text, student_id text) ON COMMIT DROP",
                "COPY stage_group_member FROM STDIN", rows);
        try (var delete = connection.prepareStatement("""
                DELETE FROM group_member gm USING class_group g
                WHERE gm.group_id = g.id AND g.school_id = ? AND g.source_id = ANY (?)
                  AND NOT EXISTS (SELECT 1 FROM stage_group_member s JOIN student st
                                    ON st.school_id = g.school_id AND st.source_id = s.student_id
                                  WHERE s.group_id = g.source_id AND st.id = gm.student_id)""");
             var insert = connection.prepareStatement("""
                INSERT INTO group_member (school_id, group_id, student_id)
                SELECT ?, g.id, st.id FROM stage_group_member s
                JOIN class_group g ON g.school_id = ? AND g.source_id = s.group_id
                JOIN student st ON st.school_id = g.school_id AND st.source_id = s.student_id
                ON CONFLICT (group_id, student_id) DO NOTHING""")) {
            delete.setLong(1, schoolId);
            delete.setArray(2, connection.createArrayOf("text", groupIds));
            delete.executeUpdate();
            insert.setLong(1, schoolId);
            insert.setLong(2, schoolId);
            insert.executeUpdate();
        }
    }

    private static void copy(Connection connection, String createSql, String copySql, List<Object[]> rows)
            throws SQLException, IOException {
        try (var st = connection.createStatement()) {
            st.execute(createSql);
        }
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new StringReader(CopyRows.render(rows)));
    }
}
