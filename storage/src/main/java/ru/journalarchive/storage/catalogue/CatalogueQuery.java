package ru.journalarchive.storage.catalogue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalogue search: equal metadata columns (school, kind, signer…), half-open date ranges
 * [from, to) on creation, signing and retain-until (either end may be open), the legal-hold flag,
 * one page, and the order of the hits. Destroyed documents are left out unless asked for.
 */
public record CatalogueQuery(Map<String, String> equal, Range created, Range signed, Range retainUntil, Boolean legalHold,
                             boolean withDisposed, int page, int size, Sort sort) {

    public static final int MAX_PAGE_SIZE = 500;

    /** [from, to); null on either side leaves that side open. */
    public record Range(Instant from, Instant to) {
        public static final Range ANY = new Range(null, null);
    }

    /**
     * The order of the hits: one column, then the document id (so that pages never overlap), both ascending
     * or both descending — the order the catalogue's indexes give without sorting.
     */
    public record Sort(String column, boolean descending) {
        /** Columns a search may be sorted by. */
        public static final List<String> COLUMNS = List.of("created_at", "title", "class_id", "kind", "signer", "signed_at",
                "retain_until", "legal_hold");
        public static final Sort CREATED = new Sort("created_at", false);

        public Sort {
            if (!COLUMNS.contains(column)) throw new IllegalArgumentException("cannot sort by " + column);
        }
    }

    public CatalogueQuery {
        java.util.Objects.requireNonNull(sort, "sort");
        equal = Map.copyOf(equal);
        for (String column : equal.keySet())
            if (!Catalogue.COLUMNS.contains(column)) throw new IllegalArgumentException("cannot search by " + column);
        if (page < 0) throw new IllegalArgumentException("page must not be negative");
        if (size < 1 || size > MAX_PAGE_SIZE) throw new IllegalArgumentException("page size must be 1…" + MAX_PAGE_SIZE);
    }

    public static CatalogueQuery where(Map<String, String> equal) {
        return new CatalogueQuery(equal, Range.ANY, Range.ANY, Range.ANY, null, false, 0, 50, Sort.CREATED);
    }

    public CatalogueQuery and(String column, String value) {
        var more = new LinkedHashMap<>(equal);
        more.put(column, value);
        return new CatalogueQuery(more, created, signed, retainUntil, legalHold, withDisposed, page, size, sort);
    }

    public CatalogueQuery created(Range range) {
        return new CatalogueQuery(equal, range, signed, retainUntil, legalHold, withDisposed, page, size, sort);
    }

    public CatalogueQuery signed(Range range) {
        return new CatalogueQuery(equal, created, range, retainUntil, legalHold, withDisposed, page, size, sort);
    }

    public CatalogueQuery retainUntil(Range range) {
        return new CatalogueQuery(equal, created, signed, range, legalHold, withDisposed, page, size, sort);
    }

    public CatalogueQuery legalHold(Boolean held) {
        return new CatalogueQuery(equal, created, signed, retainUntil, held, withDisposed, page, size, sort);
    }

    public CatalogueQuery withDisposed(boolean include) {
        return new CatalogueQuery(equal, created, signed, retainUntil, legalHold, include, page, size, sort);
    }

    public CatalogueQuery page(int number, int pageSize) {
        return new CatalogueQuery(equal, created, signed, retainUntil, legalHold, withDisposed, number, pageSize, sort);
    }

    public CatalogueQuery sorted(Sort order) {
        return new CatalogueQuery(equal, created, signed, retainUntil, legalHold, withDisposed, page, size, order);
    }
}
