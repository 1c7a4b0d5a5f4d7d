package ru.journalarchive.journal.snapshot;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a school year holds, for planning its archive runs: the periods, and per class its subjects,
 * the periods its grade follows, and the pupils whose families asked for printed reports.
 */
public record SchoolYearOutline(String school, String yearId, String yearName, LocalDate start, LocalDate end,
                                List<Period> periods, List<SchoolClass> classes) {

    public record Period(String id, String kind, int number, int gradeFrom, int gradeTo, LocalDate start, LocalDate end) {}

    public record SchoolClass(String id, int grade, String letter, List<String> subjectIds, List<String> paperReportStudentIds) {}

    public Optional<Period> period(String id) {
        return periods.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The classes whose grade follows the period (all of them for the year, period null). */
    public List<SchoolClass> classesOf(Period period) {
        return period == null ? classes
                : classes.stream().filter(c -> c.grade() >= period.gradeFrom() && c.grade() <= period.gradeTo()).toList();
    }
}
