package ru.journalarchive.reports.vocabulary;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import ru.journalarchive.journal.snapshot.ClassSnapshot.Period;

/** Russian names of study periods and of the year-end marks, in full and as column headings. */
public final class PeriodNames {

    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final String[] ROMAN = {"", "I", "II", "III", "IV", "V", "VI"};

    private PeriodNames() {}

    /** «I четверть», «II полугодие», «III триместр». */
    public static String full(Period p) {
        return roman(p.number()) + " " + switch (p.kind()) {
            case "QUARTER" -> "четверть";
            case "TRIMESTER" -> "триместр";
            case "HALF_YEAR" -> "полугодие";
            default -> p.kind();
        };
    }

    /** «I ч.», «II пг.», «III тр.» for a narrow column. */
    public static String column(Period p) {
        return roman(p.number()) + " " + switch (p.kind()) {
            case "QUARTER" -> "ч.";
            case "TRIMESTER" -> "тр.";
            case "HALF_YEAR" -> "пг.";
            default -> p.kind();
        };
    }

    /** Column heading of a year-end mark kind: YEAR, EXAM, FINAL. */
    public static String yearEndColumn(String kind) {
        return switch (kind) {
            case "YEAR" -> "год";
            case "EXAM" -> "экз.";
            case "FINAL" -> "итог";
            default -> kind;
        };
    }

    public static String span(LocalDate from, LocalDate to) {
        return DATE.format(from) + " – " + DATE.format(to);
    }

    private static String roman(int n) {
        return n > 0 && n < ROMAN.length ? ROMAN[n] : String.valueOf(n);
    }
}
