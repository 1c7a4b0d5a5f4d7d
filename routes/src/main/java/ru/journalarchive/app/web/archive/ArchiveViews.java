package ru.journalarchive.app.web.archive;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.archive.CatalogueSearchParameters;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.security.AppUsers;
import ru.journalarchive.journal.school.School;
import ru.journalarchive.journal.school.SchoolRegistry;
import ru.journalarchive.storage.catalogue.ArchivedDocument;
import ru.journalarchive.storage.catalogue.AuditedRetrieval;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.catalogue.CatalogueQuery;
import ru.journalarchive.storage.catalogue.LegalHolds;

/** Builds what the archive's pages show from the catalogue, its hold history and read audit, in Russian. */
@Component
public class ArchiveViews {

    /** The latest reads a document's page lists. */
    static final int READS_SHOWN = 100;

    private static final Map<String, String> COLUMNS = columns();

    private final SchoolNames names;
    private final SchoolRegistry schools;
    private final AppUsers users;
    private final LegalHolds holds;
    private final AuditedRetrieval retrieval;
    private final ZoneId zone;

    public ArchiveViews(SchoolNames names, SchoolRegistry schools, AppUsers users, LegalHolds holds, AuditedRetrieval retrieval,
                        JournalArchiveProperties properties) {
        this.names = names;
        this.schools = schools;
        this.users = users;
        this.holds = holds;
        this.retrieval = retrieval;
        this.zone = ZoneId.of(properties.reports().timeZone());
    }

    ZoneId zone() {
        return zone;
    }

    /** Sort parameter → the header of its column, in the table's order. */
    private static Map<String, String> columns() {
        var columns = new LinkedHashMap<String, String>();
        columns.put("title", "Документ");
        columns.put("classId", "Класс");
        columns.put("kind", "Вид");
        columns.put("signer", "Подписант");
        columns.put("signedAt", "Подписан");
        columns.put("retainUntil", "Хранить до");
        columns.put("legalHold", "Удержание");
        return columns;
    }

    List<School> schools() {
        return schools.all();
    }

    /**
     * @param base the context path: the hrefs are built here, not by Thymeleaf's link builder, which asks the
     *             static-resource chain about every link (a tenth of a millisecond each, 100 links a page)
     */
    SearchResults results(SearchForm form, CatalogueQuery query, Catalogue.Hits hits, String base) {
        var classNames = names.classes(hits.documents().stream()
                .map(d -> new String[] {d.metadata().get("school"), d.metadata().get("class_id")}).toList());
        var rows = hits.documents().stream().map(d -> {
            var m = d.metadata();
            String classId = m.get("class_id");
            return new SearchResults.Row(base + "/archive/documents/" + d.documentId(), m.getOrDefault("title", d.documentId()),
                    classId == null ? "" : classNames.getOrDefault(m.get("school") + "|" + classId, classId), ArchiveWords.kind(m.get("kind")),
                    m.getOrDefault("signer", ""), ArchiveWords.date(d.signedAt(), zone), ArchiveWords.date(d.retainUntil(), zone),
                    d.legalHold(), disposed(d));
        }).toList();
        String current = CatalogueSearchParameters.sortParameter(query.sort());
        var columns = new ArrayList<SearchResults.Column>();
        COLUMNS.forEach((parameter, label) -> {
            boolean ascending = current.equals(parameter), descending = current.equals("-" + parameter);
            // A date or the hold reads best newest or held first; text from A.
            boolean firstDescending = List.of("signedAt", "retainUntil", "legalHold").contains(parameter);
            String next = ascending ? "-" + parameter : descending ? parameter : (firstDescending ? "-" : "") + parameter;
            columns.add(new SearchResults.Column(label, base + form.link(next, 0), ascending ? "ascending" : descending ? "descending" : null));
        });
        long count = hits.count();
        String found = hits.more() ? "Найдено более " + ArchiveWords.documents(count) : count == 0 ? "Ничего не найдено"
                : "Найдено: " + ArchiveWords.documents(count);
        int page = query.page();
        long pages = (count + query.size() - 1) / query.size();
        boolean hasNext = (long) (page + 1) * query.size() < count;
        String position = count == 0 ? null : "Страница " + (page + 1) + (hits.more() ? "" : " из " + pages);
        return new SearchResults(found, rows, columns, page > 0 ? base + form.link(null, page - 1) : null, hasNext ? base + form.link(null, page + 1) : null,
                position);
    }

    /** @param base the context path, as for {@link #results} */
    DocumentPage document(ArchivedDocument d, String base) {
        var m = d.metadata();
        String school = m.get("school");
        var metadata = new ArrayList<DocumentPage.Line>();
        add(metadata, "Вид", ArchiveWords.kind(m.get("kind")));
        add(metadata, "Школа", school == null ? null : schools.find(school).map(s -> s.name() + " (" + s.code() + ")").orElse(school));
        add(metadata, "Учебный год", ArchiveWords.schoolYear(m.get("school_year")));
        add(metadata, "Период", m.containsKey("period") ? m.get("period") : m.containsKey("school_year") ? "учебный год" : null);
        String classId = m.get("class_id");
        if (classId != null) {
            String name = names.classes(List.<String[]>of(new String[] {school, classId})).get(school + "|" + classId);
            add(metadata, "Класс", name == null ? classId : name + " (" + classId + ")");
        }
        String subject = m.get("subject");
        if (subject != null) {
            String name = names.subjects(List.<String[]>of(new String[] {school, subject})).get(school + "|" + subject);
            add(metadata, "Предмет", name == null ? subject : name);
        }
        add(metadata, "Ученик", m.get("student"));
        add(metadata, "Создан", ArchiveWords.dateTime(d.createdAt(), zone));
        add(metadata, "Номер в архиве", d.documentId());
        var files = new ArrayList<DocumentPage.FileRow>();
        d.objects().forEach((name, e) -> files.add(new DocumentPage.FileRow(name, ArchiveWords.file(name), ArchiveWords.size(e.size()),
                e.sha256(), e.streebog256(), d.disposedByAct() == null ? base + "/archive/documents/" + d.documentId() + "/files/" + name : null)));
        String signature = "SIGNED".equals(m.get("signature_status"))
                ? "Подписан" + (m.containsKey("signer") ? ": " + m.get("signer") : "")
                        + (d.signedAt() == null ? "" : ", " + ArchiveWords.dateTime(d.signedAt(), zone))
                : m.get("signature_status") == null ? "Сведений о подписи в каталоге нет" : m.get("signature_status");
        var holdRows = holds.history(d.documentId()).stream().map(e -> new DocumentPage.HoldRow(e.hold() ? "наложено" : "снято",
                e.reason(), person(e.actor(), new HashMap<>()), ArchiveWords.dateTime(e.at(), zone))).toList();
        var people = new HashMap<String, String>();
        var reads = retrieval.reads(d.documentId(), READS_SHOWN).stream().map(r -> new DocumentPage.ReadRow(
                ArchiveWords.dateTimeSeconds(r.at(), zone), person(r.reader(), people),
                r.objectName(), r.remote() == null ? "" : r.remote(), "SERVED".equals(r.outcome()) ? "выдан" : "не выдан: хеш не совпал",
                "SERVED".equals(r.outcome()))).toList();
        long total = reads.size() < READS_SHOWN ? reads.size() : retrieval.readCount(d.documentId());
        String shown = total == 0 ? "Документ ещё никто не читал." : total > reads.size()
                ? "Последние " + reads.size() + " из " + total + " чтений." : "Чтений: " + total + ".";
        return new DocumentPage(d.documentId(), m.getOrDefault("title", d.documentId()), metadata, files,
                ArchiveWords.date(d.retainUntil(), zone), ArchiveWords.retentionMode(d.retentionMode()), d.retentionClass(), signature,
                d.legalHold(), holdRows, reads, shown, disposed(d),
                d.disposedByAct() == null ? base + "/archive/documents/" + d.documentId() + "/package.zip" : null);
    }

    private static String disposed(ArchivedDocument d) {
        return d.disposedByAct() == null ? null : "уничтожен по акту № " + d.disposedByAct();
    }

    /** «Петрова Анна Сергеевна (archivist-petrova)» for a user of the service; other actors (the CLI's) as they are. */
    private String person(String username, Map<String, String> known) {
        return known.computeIfAbsent(username, u -> users.find(u).map(AppUsers.User::fullName)
                .filter(n -> n != null && !n.isBlank()).map(n -> n + " (" + u + ")").orElse(u));
    }

    private static void add(List<DocumentPage.Line> lines, String label, String value) {
        if (value != null && !value.isBlank()) lines.add(new DocumentPage.Line(label, value));
    }
}
