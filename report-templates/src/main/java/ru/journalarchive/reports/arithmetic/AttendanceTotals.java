package ru.journalarchive.reports.arithmetic;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * A student's attendance totals as the summary ledger gives them: lessons missed and of them for
 * illness; days missed and of them for illness. A day counts as missed only if every lesson of that
 * day was missed, and as missed for illness only if every one of them was missed for illness.
 */
public final class AttendanceTotals {

    private final AttendanceCodes codes;
    private final Map<LocalDate, int[]> days = new HashMap<>();
    private int lessonsMissed;
    private int lessonsMissedIll;

    public AttendanceTotals(AttendanceCodes codes) {
        this.codes = codes;
    }

    /** One lesson the student was expected at, with the attendance code given (null: present). */
    public AttendanceTotals lesson(LocalDate day, String code) {
        int[] d = days.computeIfAbsent(day, k -> new int[3]); // lessons, missed, missed for illness
        d[0]++;
        if (code != null && codes.missed().contains(code)) {
            d[1]++;
            lessonsMissed++;
            if (codes.illness().contains(code)) {
                d[2]++;
                lessonsMissedIll++;
            }
        }
        return this;
    }

    public int lessonsMissed() {
        return lessonsMissed;
    }

    public int lessonsMissedForIllness() {
        return lessonsMissedIll;
    }

    public int daysMissed() {
        return (int) days.values().stream().filter(d -> d[1] == d[0]).count();
    }

    public int daysMissedForIllness() {
        return (int) days.values().stream().filter(d -> d[2] == d[0]).count();
    }
}
