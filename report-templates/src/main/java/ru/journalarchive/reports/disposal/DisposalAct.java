package ru.journalarchive.reports.disposal;

import java.time.LocalDate;
import java.util.List;

/**
 * An act listing archived documents whose retention has run out, for an archivist to confirm their
 * destruction: its number and date, who prepared it, and one line per document.
 */
public record DisposalAct(long number, LocalDate date, String organisation, String preparedBy, List<Item> items) {

    public record Item(String documentId, String title, String schoolYear, LocalDate retainedUntil) {}

    public DisposalAct {
        items = List.copyOf(items);
    }
}
