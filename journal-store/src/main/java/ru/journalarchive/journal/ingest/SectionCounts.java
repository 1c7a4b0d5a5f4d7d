package ru.journalarchive.journal.ingest;

/** What writing one section did: rows new, rows changed, rows already stored as sent. */
public record SectionCounts(int received, int inserted, int updated) {
    public int unchanged() {
        return received - inserted - updated;
    }
}
