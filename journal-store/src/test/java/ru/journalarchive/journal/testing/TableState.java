package ru.journalarchive.journal.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Row count and an MD5 over the full content of every table a batch may touch: two equal states
 * mean no row was added, removed or changed.
 */
public record TableState(Map<String, Long> counts, Map<String, String> checksums) {

    public static final List<String> TABLES = List.of("school", "ingest_batch", "academic_year", "study_period",
            "teacher", "subject", "school_class", "student", "enrollment", "class_group", "group_member",
            "curriculum_item", "timetable_slot", "lesson", "mark", "attendance", "period_mark", "year_decision",
            "parent_access", "journal_change");

    /** The table behind each section of the push format. */
    public static final Map<String, String> TABLE_OF_SECTION = Map.ofEntries(Map.entry("academicYears", "academic_year"),
            Map.entry("periods", "study_period"), Map.entry("teachers", "teacher"), Map.entry("subjects", "subject"),
            Map.entry("classes", "school_class"), Map.entry("students", "student"),
            Map.entry("enrollments", "enrollment"), Map.entry("groups", "class_group"),
            Map.entry("curriculum", "curriculum_item"), Map.entry("timetable", "timetable_slot"),
            Map.entry("lessons", "lesson"), Map.entry("marks", "mark"), Map.entry("attendance", "attendance"),
            Map.entry("periodMarks", "period_mark"), Map.entry("yearDecisions", "year_decision"),
            Map.entry("parentAccess", "parent_access"));

    public static TableState of(JdbcTemplate jdbc) {
        var counts = new LinkedHashMap<String, Long>();
        var sums = new LinkedHashMap<String, String>();
        for (String table : TABLES) {
            jdbc.query("SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t.id)), '') FROM " + table + " t",
                    rs -> {
                        counts.put(table, rs.getLong(1));
                        sums.put(table, rs.getString(2));
                    });
        }
        return new TableState(counts, sums);
    }
}
