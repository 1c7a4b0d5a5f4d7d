package ru.journalarchive.app.web.runs;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.journal.school.SchoolRegistry;
import ru.journalarchive.journal.snapshot.ClassSnapshot;
import ru.journalarchive.journal.snapshot.SchoolYearOutlineReader;
import ru.journalarchive.reports.vocabulary.PeriodNames;

/**
 * What the start form suggests (the fields stay free text, checked when the run starts): the schools
 * and the district, the school years known, and for a chosen school and year its periods and classes.
 */
@Component
public class RunFormChoices {

    /** value: what goes into the field; label: what the list shows beside it. */
    public record Choice(String value, String label) {}

    /** A school year's periods and classes for the form's lists. */
    public record YearChoices(List<Choice> periods, List<Choice> classes) {}

    private final JdbcTemplate jdbc;
    private final SchoolRegistry schools;
    private final SchoolYearOutlineReader outlines;
    private final String district;
    private final String districtName;

    public RunFormChoices(JdbcTemplate jdbc, PlatformTransactionManager transactions, SchoolRegistry schools,
                          JournalArchiveProperties properties) {
        this.jdbc = jdbc;
        this.schools = schools;
        this.outlines = new SchoolYearOutlineReader(jdbc, transactions);
        this.district = properties.district().code();
        this.districtName = properties.district().name();
    }

    public List<Choice> schools() {
        var choices = new ArrayList<Choice>();
        schools.all().forEach(s -> choices.add(new Choice(s.code(), s.name())));
        choices.add(new Choice(district, districtName + " (сводная справка района)"));
        return choices;
    }

    public List<Choice> years() {
        return jdbc.query("SELECT source_id, min(name) FROM academic_year GROUP BY source_id ORDER BY source_id DESC",
                (rs, n) -> new Choice(rs.getString(1), rs.getString(2)));
    }

    /** Nothing when the school or the year is not known (yet). */
    public YearChoices of(String school, String year) {
        if (school == null || school.isBlank() || year == null || year.isBlank()) return new YearChoices(List.of(), List.of());
        return outlines.read(school.trim(), year.trim()).map(o -> new YearChoices(
                o.periods().stream().map(p -> new Choice(p.id(), PeriodNames.full(new ClassSnapshot.Period(p.id(), p.kind(), p.number(),
                        p.start(), p.end())) + ", " + p.gradeFrom() + "–" + p.gradeTo() + " классы")).toList(),
                o.classes().stream().map(c -> new Choice(c.id(), c.grade() + c.letter() + " класс")).toList()))
                .orElse(new YearChoices(List.of(), List.of()));
    }
}
