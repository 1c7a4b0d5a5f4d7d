package ru.journalarchive.storage.catalogue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A catalogue search: equal metadata columns (school, kind, signer…), half-open date ranges
 * [from, to) on creation, signing and retain-until (either end may be open), the legal-hold flag,
 * and one page. Destroyed documents are left out unless asked for.
 */
public record CatalogueQuery(Map<String, String> equal, Range created, Range signed, Range retainUntil, Boolean legalHold,
                             boolean withDisposed, int page, int size) {

    public static final int MAX_PAGE_SIZE = 500;

    /** [from, to); null on either side leaves that side open. */
    public record Range(Instant from, Instant to) {
        public static final Range ANY = new Range(null, null);
    }

    public CatalogueQuery {
        equal = Map.copyOf(equal);
        for (String column : equal.keySet())
            if (!Catalogue.COLUMNS.contains(column)) throw new IllegalArgumentException("cannot search by " + column);
        if (page < 0) throw new IllegalArgumentException("page must not be negative");
        if (size < 1 || size > MAX_PAGE_SIZE) throw new IllegalArgumentException("page size must be 1…" + MAX_PAGE_SIZE);
    }

    public static CatalogueQuery where(Map<String, String> equal) {
        return new CatalogueQuery(equal, Range.ANY, Range.ANY, Range.ANY, null, false, 0, 50);
    }

    public CatalogueQuery and(String column, String value) {
        var more = new LinkedHashMap<>(equal);
        more.put(column, value);
        return new CatalogueQuery(more, created, signed, retainUntil, legalHold, withDisposed, page, size);
    }

    public CatalogueQuery created(Range range) {
        return new CatalogueQuery(equal, range, signed, retainUntil, legalHold, withDisposed, page, size);
    }

    public CatalogueQuery signed(Range range) {
        return new CatalogueQuery(equal, created, range, retainUntil, legalHold, withDisposed, page, size);
    }

    public CatalogueQuery retainUntil(Range range) {
        return new CatalogueQuery(equal, created, signed, range, legalHold, withDisposed, page, size);
    }

    public CatalogueQuery legalHold(Boolean held) {
        return new CatalogueQuery(equal, created, signed, retainUntil, held, withDisposed, page, size);
    }

    public CatalogueQuery withDisposed(boolean include) {
        return new CatalogueQuery(equal, created, signed, retainUntil, legalHold, include, page, size);
    }

    public CatalogueQuery page(int number, int pageSize) {
        return new CatalogueQuery(equal, created, signed, retainUntil, legalHold, withDisposed, number, pageSize);
    }
}
