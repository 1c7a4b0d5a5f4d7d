package ru.journalarchive.app.web.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.archive.CatalogueSearchParameters;
import ru.journalarchive.storage.catalogue.CatalogueQuery;

/**
 * The archivist's search form as typed (shown again as it was) and what it asks of the catalogue. The
 * parameters are the API's (school, schoolYear, classId…; sort as in the API), so a page's address is a
 * bookmarkable search; dates are days in the service's time zone, both ends included.
 */
public record SearchForm(String school, String schoolYear, String period, String classId, String subject, String student, String kind,
                         String signer,
                         String createdFrom, String createdTo, String signedFrom, String signedTo, String legalHold, boolean disposed,
                         String sort, int page) {

    /** Hits per page. */
    static final int PAGE_SIZE = 50;
    /** Hits counted exactly up to this many; pages beyond it are not offered (narrow the search instead). */
    static final int COUNT_LIMIT = 10_000;
    /** Newest signatures first. */
    static final CatalogueQuery.Sort DEFAULT_SORT = new CatalogueQuery.Sort("signed_at", true);

    private static final Pattern CLASS_NAME = Pattern.compile("(\\d{1,2})\\s*([А-ЯЁа-яё])");
    private static final DateTimeFormatter RUSSIAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /** The search with its errors per field (Russian), or its query when there are none. */
    public record Parsed(CatalogueQuery query, Map<String, String> errors) {}

    static SearchForm of(Map<String, String> p) {
        int page;
        try {
            page = Math.max(0, Integer.parseInt(p.getOrDefault("page", "0")));
        } catch (NumberFormatException e) {
            page = 0;
        }
        return new SearchForm(v(p, "school"), v(p, "schoolYear"), v(p, "period"), v(p, "classId"), v(p, "subject"), v(p, "student"),
                v(p, "kind"), v(p, "signer"), v(p, "createdFrom"), v(p, "createdTo"), v(p, "signedFrom"), v(p, "signedTo"), v(p, "legalHold"),
                "true".equals(p.get("disposed")) || "on".equals(p.get("disposed")), v(p, "sort"), page);
    }

    private static String v(Map<String, String> p, String name) {
        String value = p.get(name);
        return value == null ? "" : value.trim();
    }

    Parsed parse(ZoneId zone, SchoolNames names, Authentication who) {
        var errors = new LinkedHashMap<String, String>();
        var params = new LinkedHashMap<String, String>();
        params.put("school", school);
        params.put("period", period);
        params.put("subject", subject);
        params.put("student", student);
        params.put("kind", kind);
        params.put("signer", signer);
        String year = schoolYear;
        if (!year.isEmpty()) {
            var m = Pattern.compile("(\\d{4})(/\\d{2})?").matcher(year);
            if (m.matches()) year = m.group(1);
            else errors.put("schoolYear", "Учебный год — год его начала, например 2025 (это 2025/26).");
        }
        params.put("schoolYear", year);
        String classParam = classId;
        var name = CLASS_NAME.matcher(classId);
        if (name.matches()) {
            if (school.isEmpty() || year.isEmpty() || errors.containsKey("schoolYear"))
                errors.put("classId", "Чтобы искать класс по названию («" + classId + "»), выберите школу и учебный год.");
            else {
                var id = names.classId(school, year, Integer.parseInt(name.group(1)), name.group(2));
                if (id.isPresent()) classParam = id.get();
                else errors.put("classId", "В этой школе в " + ArchiveWords.schoolYear(year) + " учебном году нет класса «"
                        + classId + "».");
            }
        }
        params.put("classId", classParam);
        Instant createdStart = day(createdFrom, zone, false, "createdFrom", errors);
        Instant createdEnd = day(createdTo, zone, true, "createdTo", errors);
        Instant signedStart = day(signedFrom, zone, false, "signedFrom", errors);
        Instant signedEnd = day(signedTo, zone, true, "signedTo", errors);
        if (createdStart != null && createdEnd != null && !createdStart.isBefore(createdEnd))
            errors.put("createdTo", "Конец периода раньше его начала.");
        if (signedStart != null && signedEnd != null && !signedStart.isBefore(signedEnd))
            errors.put("signedTo", "Конец периода раньше его начала.");
        Boolean held = switch (legalHold) {
            case "yes" -> true;
            case "no" -> false;
            default -> null;
        };
        CatalogueQuery.Sort order = DEFAULT_SORT;
        try {
            order = CatalogueSearchParameters.sort(sort, DEFAULT_SORT);
        } catch (RejectedRequest e) {
            errors.put("sort", "Такой сортировки нет.");
        }
        if ((long) page * PAGE_SIZE >= COUNT_LIMIT)
            errors.put("page", "Показываются первые " + COUNT_LIMIT + " документов: уточните условия поиска.");
        if (!errors.isEmpty()) return new Parsed(null, errors);
        var query = CatalogueQuery.where(CatalogueSearchParameters.equal(params, who))
                .created(new CatalogueQuery.Range(createdStart, createdEnd)).signed(new CatalogueQuery.Range(signedStart, signedEnd))
                .legalHold(held).withDisposed(disposed).page(page, PAGE_SIZE).sorted(order);
        return new Parsed(query, errors);
    }

    /** The start of the day (or of the next day, for the end of a period); the form's date field or dd.MM.yyyy typed in. */
    private static Instant day(String value, ZoneId zone, boolean end, String field, Map<String, String> errors) {
        if (value.isEmpty()) return null;
        LocalDate date;
        try {
            date = value.contains(".") ? LocalDate.parse(value, RUSSIAN_DATE) : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.put(field, "Дата в виде ДД.ММ.ГГГГ, например 01.06.2026.");
            return null;
        }
        return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
    }

    /** This search's address with the sort and page changed (null: as it is), blank fields left out. */
    String link(String newSort, Integer newPage) {
        var values = new LinkedHashMap<String, String>();
        values.put("school", school);
        values.put("schoolYear", schoolYear);
        values.put("period", period);
        values.put("classId", classId);
        values.put("subject", subject);
        values.put("student", student);
        values.put("kind", kind);
        values.put("signer", signer);
        values.put("createdFrom", createdFrom);
        values.put("createdTo", createdTo);
        values.put("signedFrom", signedFrom);
        values.put("signedTo", signedTo);
        values.put("legalHold", legalHold);
        values.put("disposed", disposed ? "true" : "");
        values.put("sort", newSort != null ? newSort : sort);
        values.put("page", newPage != null ? (newPage == 0 ? "" : newPage.toString()) : (page == 0 ? "" : Integer.toString(page)));
        var query = new StringBuilder();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) query.append(query.isEmpty() ? "?" : "&").append(k).append('=')
                    .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
        });
        return "/archive" + query;
    }
}
