package ru.journalarchive.app.connectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Small helpers every kind's mapping uses: a batch's records in id order (the same content, the same batch id). */
public final class BatchParts {

    private BatchParts() {}

    /** The records sorted by id, so that a batch's content (and with it its id) does not depend on the source's order. */
    public static <T> List<T> sorted(List<T> list, Function<T, String> id) {
        var copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing(id));
        return copy;
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The lowest and highest grade of the classes a reporting period applies to, merged class by class. */
    public static int[] widen(int[] grades, int grade) {
        return grades == null ? new int[] {grade, grade} : new int[] {Math.min(grades[0], grade), Math.max(grades[1], grade)};
    }
}
