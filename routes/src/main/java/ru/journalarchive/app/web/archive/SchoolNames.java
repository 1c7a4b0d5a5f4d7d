package ru.journalarchive.app.web.archive;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Names a person knows for what the catalogue keeps as the journal systems' ids: classes («6Б») and
 * subjects, from the journal data while the school's data is there; an id without a name stays as it is.
 */
@Component
public class SchoolNames {

    private final JdbcTemplate jdbc;

    public SchoolNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The id of class «6Б» of the school in the school year (the academic year's id, e.g. "2025"). */
    public Optional<String> classId(String school, String schoolYear, int grade, String letter) {
        return jdbc.queryForList("""
                SELECT c.source_id FROM school_class c JOIN school s ON s.id = c.school_id
                JOIN academic_year y ON y.id = c.academic_year_id
                WHERE s.code = ? AND y.source_id = ? AND c.grade = ? AND upper(c.letter) = ?""", String.class,
                school, schoolYear, grade, letter.toUpperCase(Locale.ROOT)).stream().findFirst();
    }

    /** «6Б» per "school|classId" of the given pairs that the journal data knows. */
    public Map<String, String> classes(Collection<String[]> schoolAndClass) {
        return names(schoolAndClass, "SELECT s.code, c.source_id, c.grade || c.letter FROM school_class c JOIN school s ON s.id = c.school_id "
                + "WHERE c.source_id = ANY (?)");
    }

    /** The subject's name per "school|subjectId". */
    public Map<String, String> subjects(Collection<String[]> schoolAndSubject) {
        return names(schoolAndSubject, "SELECT s.code, t.source_id, t.name FROM subject t JOIN school s ON s.id = t.school_id "
                + "WHERE t.source_id = ANY (?)");
    }

    /** {@code select} gives school code, id and name for ids in its one parameter. */
    private Map<String, String> names(Collection<String[]> pairs, String select) {
        var names = new HashMap<String, String>();
        var ids = pairs.stream().filter(p -> p[0] != null && p[1] != null).map(p -> p[1]).distinct().toArray(String[]::new);
        if (ids.length == 0) return names;
        jdbc.query(select,
                rs -> { names.put(rs.getString(1) + "|" + rs.getString(2), rs.getString(3)); }, (Object) ids);
        return names;
    }
}
