package ru.journalarchive.app.archive;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.security.AppUsers;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.storage.catalogue.CatalogueQuery;

/**
 * Search parameters as the API and the archivist's search page name them, and what they mean for the
 * catalogue: the fields searched by equality, the sort orders, the page limits, and a director's
 * restriction to their own school.
 */
public final class CatalogueSearchParameters {

    /** Parameter → catalogue column, searched by equality. */
    public static final Map<String, String> FIELDS = fields();

    /** Parameter of {@code sort} → catalogue column; "-signedAt" sorts that column descending. */
    public static final Map<String, String> SORTS = Map.of("createdAt", "created_at", "title", "title", "classId", "class_id",
            "kind", "kind", "signer", "signer", "signedAt", "signed_at", "retainUntil", "retain_until", "legalHold", "legal_hold");

    private CatalogueSearchParameters() {}

    private static Map<String, String> fields() {
        var fields = new LinkedHashMap<String, String>();
        fields.put("school", "school");
        fields.put("schoolYear", "school_year");
        fields.put("period", "period");
        fields.put("classId", "class_id");
        fields.put("subject", "subject");
        fields.put("student", "student");
        fields.put("kind", "kind");
        fields.put("signer", "signer");
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** The equality filters the parameters ask for (blank ones ignored), a director's own school imposed. */
    public static Map<String, String> equal(Map<String, String> params, Authentication who) {
        var equal = new LinkedHashMap<String, String>();
        FIELDS.forEach((param, column) -> {
            String value = params.get(param);
            if (value != null && !value.isBlank()) equal.put(column, value.trim());
        });
        String ownSchool = directorSchool(who);
        if (ownSchool != null) equal.put("school", ownSchool);
        return equal;
    }

    /** "title" ascending, "-title" descending; null or blank: {@code otherwise}. */
    public static CatalogueQuery.Sort sort(String value, CatalogueQuery.Sort otherwise) {
        if (value == null || value.isBlank()) return otherwise;
        boolean descending = value.startsWith("-");
        String column = SORTS.get(descending ? value.substring(1) : value);
        if (column == null) throw new RejectedRequest("sort", "Сортировка возможна по полям: " + String.join(", ", SORTS.keySet())
                + " (с «-» — по убыванию)");
        return new CatalogueQuery.Sort(column, descending);
    }

    /** The parameter value of a sort, the inverse of {@link #sort}. */
    public static String sortParameter(CatalogueQuery.Sort sort) {
        String name = SORTS.entrySet().stream().filter(e -> e.getValue().equals(sort.column())).findFirst().orElseThrow().getKey();
        return (sort.descending() ? "-" : "") + name;
    }

    public static void checkPage(int page, int size) {
        if (size < 1 || size > CatalogueQuery.MAX_PAGE_SIZE)
            throw new RejectedRequest("size", "Размер страницы: от 1 до " + CatalogueQuery.MAX_PAGE_SIZE);
        if (page < 0) throw new RejectedRequest("page", "Номер страницы не может быть отрицательным");
    }

    /** The school of a director, who sees only it; null for everyone else. */
    public static String directorSchool(Authentication who) {
        return who.getPrincipal() instanceof AppUsers.SchoolUser u && u.role() == Role.DIRECTOR ? u.school() : null;
    }
}
