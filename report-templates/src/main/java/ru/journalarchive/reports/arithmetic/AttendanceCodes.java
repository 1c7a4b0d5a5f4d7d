package ru.journalarchive.reports.arithmetic;

import java.util.Set;

/**
 * Which attendance codes mean a missed lesson and which of them mean illness. By default «н»
 * absent, «б» ill and «у» excused are missed lessons and «о» late is not (DOMAIN.md, "Attendance").
 */
public record AttendanceCodes(Set<String> missed, Set<String> illness) {

    public static final AttendanceCodes DEFAULT = new AttendanceCodes(Set.of("н", "б", "у"), Set.of("б"));

    public AttendanceCodes {
        missed = Set.copyOf(missed);
        illness = Set.copyOf(illness);
        if (!missed.containsAll(illness)) throw new IllegalArgumentException("every illness code must also be a missed code");
    }
}
