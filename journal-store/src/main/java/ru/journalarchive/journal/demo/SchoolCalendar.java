package ru.journalarchive.journal.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Russian school year starting in September of {@code startYear}: quarters for grades 1–9,
 * half-years for 10–11, holidays and the autumn, winter and spring breaks.
 */
final class SchoolCalendar {

    record Term(String id, String kind, int number, int gradeFrom, int gradeTo, LocalDate start, LocalDate end) {}

    private static final Set<MonthDay> PUBLIC_HOLIDAYS = Set.of(MonthDay.of(11, 4), MonthDay.of(2, 23),
            MonthDay.of(3, 8), MonthDay.of(5, 1), MonthDay.of(5, 9));

    final int startYear;
    final LocalDate yearStart;
    final LocalDate yearEnd;
    final LocalDate lastLessonDay;
    final List<Term> terms = new ArrayList<>();
    private final LocalDate autumnBreak;
    private final LocalDate winterBreak;
    private final LocalDate springBreak;

    SchoolCalendar(int startYear) {
        this.startYear = startYear;
        int next = startYear + 1;
        yearStart = LocalDate.of(startYear, 9, 1);
        yearEnd = LocalDate.of(next, 6, 30);
        lastLessonDay = LocalDate.of(next, 5, 26);
        autumnBreak = LocalDate.of(startYear, 10, 27).with(DayOfWeek.MONDAY);
        winterBreak = LocalDate.of(startYear, 12, 29);
        springBreak = LocalDate.of(next, 3, 23).with(DayOfWeek.MONDAY);
        LocalDate afterAutumn = LocalDate.of(startYear, 11, 5);
        LocalDate afterWinter = LocalDate.of(next, 1, 12);
        LocalDate afterSpring = springBreak.plusDays(7);
        String y = String.valueOf(startYear);
        terms.add(new Term(y + "-q1", "QUARTER", 1, 1, 9, yearStart, autumnBreak.minusDays(1)));
        terms.add(new Term(y + "-q2", "QUARTER", 2, 1, 9, afterAutumn, winterBreak.minusDays(1)));
        terms.add(new Term(y + "-q3", "QUARTER", 3, 1, 9, afterWinter, springBreak.minusDays(1)));
        terms.add(new Term(y + "-q4", "QUARTER", 4, 1, 9, afterSpring, lastLessonDay));
        terms.add(new Term(y + "-h1", "HALF_YEAR", 1, 10, 11, yearStart, winterBreak.minusDays(1)));
        terms.add(new Term(y + "-h2", "HALF_YEAR", 2, 10, 11, afterWinter, lastLessonDay));
    }

    String name() {
        return startYear + "/" + String.valueOf(startYear + 1).substring(2);
    }

    boolean isSchoolDay(LocalDate day) {
        if (day.isBefore(yearStart) || day.isAfter(lastLessonDay)) return false;
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) return false;
        if (PUBLIC_HOLIDAYS.contains(MonthDay.from(day))) return false;
        // A holiday on a weekend moves to the Monday after it.
        if (day.getDayOfWeek() == DayOfWeek.MONDAY
                && (PUBLIC_HOLIDAYS.contains(MonthDay.from(day.minusDays(1)))
                || PUBLIC_HOLIDAYS.contains(MonthDay.from(day.minusDays(2))))) return false;
        // The breaks between quarters are the whole school's holidays, grades 10–11 included.
        return terms.stream().filter(t -> t.kind().equals("QUARTER"))
                .anyMatch(t -> !day.isBefore(t.start()) && !day.isAfter(t.end()));
    }

    List<LocalDate> schoolDays() {
        var days = new ArrayList<LocalDate>();
        for (LocalDate d = yearStart; !d.isAfter(lastLessonDay); d = d.plusDays(1)) {
            if (isSchoolDay(d)) days.add(d);
        }
        return days;
    }

    /** The quarter (grades 1–9) or half-year (10–11) that a day of a grade falls in. */
    Term termOf(int grade, LocalDate day) {
        return terms.stream()
                .filter(t -> grade >= t.gradeFrom() && grade <= t.gradeTo())
                .filter(t -> !day.isBefore(t.start()) && !day.isAfter(t.end()))
                .findFirst().orElse(null);
    }

    List<Term> termsOf(int grade) {
        return terms.stream().filter(t -> grade >= t.gradeFrom() && grade <= t.gradeTo()).toList();
    }
}
