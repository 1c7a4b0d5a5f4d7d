package ru.journalarchive.journal.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How one section of a batch maps onto its table: plain columns and references by source id.
 * From this description the staging table, the COPY rows and the idempotent upsert are derived,
 * so every section is written the same way.
 */
final class SectionTable<R> {

    record Column<R>(String name, String stageType, String refTable, Function<R, Object> value) {
        boolean isReference() {
            return refTable != null;
        }
    }

    final String section;
    final String table;
    final Function<Batch, List<R>> records;
    final Function<R, String> sourceId;
    final List<Column<R>> columns = new ArrayList<>();

    private SectionTable(String section, String table, Function<Batch, List<R>> records, Function<R, String> sourceId) {
        this.section = section;
        this.table = table;
        this.records = records;
        this.sourceId = sourceId;
    }

    static <R> SectionTable<R> of(String section, String table, Function<Batch, List<R>> records,
                                  Function<R, String> sourceId) {
        return new SectionTable<>(section, table, records, sourceId);
    }

    SectionTable<R> column(String name, String sqlType, Function<R, Object> value) {
        columns.add(new Column<>(name, sqlType, null, value));
        return this;
    }

    /** A reference column: the record holds the source id of a row in {@code refTable}. */
    SectionTable<R> ref(String name, String refTable, Function<R, Object> sourceIdOfTarget) {
        columns.add(new Column<>(name, "text", refTable, sourceIdOfTarget));
        return this;
    }

    String stageTable() {
        return "stage_" + table;
    }

    String createStageSql() {
        return "CREATE TEMP TABLE " + stageTable() + " (source_id text, "
                + columns.stream().map(c -> c.name() + " " + c.stageType()).collect(Collectors.joining(", "))
                + ") ON COMMIT DROP";
    }

    String copySql() {
        return "COPY " + stageTable() + " FROM STDIN";
    }

    Object[] stageRow(R record) {
        Object[] row = new Object[columns.size() + 1];
        row[0] = sourceId.apply(record);
        for (int i = 0; i < columns.size(); i++) {
            row[i + 1] = columns.get(i).value().apply(record);
        }
        return row;
    }

    /**
     * Inserts new rows and updates changed ones; rows equal to what is stored are left untouched, so
     * re-sending data writes nothing and the history trigger fires only for real corrections. Both
     * school-id parameters are the same school. Returns one row: inserted, updated.
     */
    String upsertSql() {
        var select = new ArrayList<String>();
        var joins = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            var c = columns.get(i);
            if (c.isReference()) {
                String alias = "r" + i;
                select.add(alias + ".id");
                joins.append(" LEFT JOIN ").append(c.refTable()).append(' ').append(alias)
                        .append(" ON ").append(alias).append(".school_id = p.school_id AND ")
                        .append(alias).append(".source_id = s.").append(c.name());
            } else {
                select.add("s." + c.name());
            }
        }
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String sets = columns.stream().map(c -> c.name() + " = EXCLUDED." + c.name()).collect(Collectors.joining(", "));
        String current = columns.stream().map(c -> table + "." + c.name()).collect(Collectors.joining(", "));
        String incoming = columns.stream().map(c -> "EXCLUDED." + c.name()).collect(Collectors.joining(", "));
        return "WITH p AS (SELECT ?::bigint AS school_id), u AS ("
                + "INSERT INTO " + table + " (school_id, source_id, " + names + ") "
                + "SELECT p.school_id, s.source_id, " + String.join(", ", select)
                + " FROM " + stageTable() + " s CROSS JOIN p" + joins
                + " ON CONFLICT (school_id, source_id) DO UPDATE SET " + sets
                + " WHERE ROW(" + current + ") IS DISTINCT FROM ROW(" + incoming + ")"
                + " RETURNING (xmax = 0) AS inserted)"
                + " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM u";
    }
}
