package ru.journalarchive.app.web.archive;

import java.util.List;

/**
 * One page of hits as the search page shows it: the count, the rows, a header per column that sorts by it
 * (and the other way round when it already does), and the links to the neighbouring pages.
 */
public record SearchResults(String found, List<Row> rows, List<Column> columns, String previous, String next, String position) {

    public record Row(String href, String title, String className, String kind, String signer, String signedAt, String retainUntil,
                      boolean held, String disposed) {}

    /** @param ariaSort "ascending", "descending" or null when the hits are not sorted by this column */
    public record Column(String label, String href, String ariaSort) {}
}
