package ru.journalarchive.storage.retention;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * The retention of each class of record, counted as archives count it: from 1 January of the year
 * after the year the record was closed. A 2025/26 ledger closed on 30.06.2026 and kept 25 years is
 * kept until 01.01.2052; the journal, kept 5 years, until 01.01.2032. Configured in one place.
 */
public final class RetentionPolicy {

    private final Map<String, RetentionClass> classes = new TreeMap<>();
    private final RetentionMode mode;

    public RetentionPolicy(Map<String, Integer> yearsByClass, RetentionMode mode) {
        yearsByClass.forEach((name, years) -> classes.put(name, new RetentionClass(name, years)));
        this.mode = mode;
    }

    public RetentionMode mode() {
        return mode;
    }

    public RetentionClass retentionClass(String name) {
        RetentionClass c = classes.get(name);
        if (c == null) throw new IllegalArgumentException("no retention class " + name + " (known: " + classes.keySet() + ")");
        return c;
    }

    /** Midnight UTC of 1 January, {@code years} years after the year following the closing date. */
    public ZonedDateTime retainUntil(String retentionClass, LocalDate closedOn) {
        int years = retentionClass(retentionClass).years();
        return ZonedDateTime.of(closedOn.getYear() + 1 + years, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    }
}
