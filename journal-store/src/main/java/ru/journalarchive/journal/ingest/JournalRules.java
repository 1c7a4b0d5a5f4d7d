package ru.journalarchive.journal.ingest;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a school accepts: the mark scale (numeric marks and non-numeric results), attendance codes,
 * work types (empty = any) and the largest weight of a mark.
 */
public record JournalRules(List<String> markScale, List<String> attendanceCodes, List<String> workTypes,
                           BigDecimal maxWeight) {

    public static JournalRules defaults() {
        return new JournalRules(
                List.of("5", "4", "3", "2", "1", "зач", "незач", "н/а", "осв"),
                List.of("н", "б", "у", "о"),
                List.of("О", "К", "ДЗ", "С", "Т", "Л", "П", "Д", "Р", "Ч", "И", "З"),
                new BigDecimal("10"));
    }

    /** The school's own scale and codes replace the defaults where the school has them. */
    public JournalRules forSchool(List<String> schoolScale, List<String> schoolCodes) {
        return new JournalRules(schoolScale == null ? markScale : schoolScale,
                schoolCodes == null ? attendanceCodes : schoolCodes, workTypes, maxWeight);
    }
}
