package ru.journalarchive.app.web.disposal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.run.DocumentKind;
import ru.journalarchive.app.security.AppUsers;
import ru.journalarchive.app.web.director.SigningQueuePage;
import ru.journalarchive.journal.school.School;
import ru.journalarchive.journal.school.SchoolRegistry;
import ru.journalarchive.journal.snapshot.SchoolYearOutlineReader;
import ru.journalarchive.storage.catalogue.ArchivedDocument;
import ru.journalarchive.storage.catalogue.Disposal;

/** Catalogue rows and acts as the disposal pages show them: names of schools, classes and kinds, dates as people write them. */
@Component
public class DisposalRows {

    public record Row(String documentId, String title, String school, String className, String kind, String retainedUntil) {}

    /** A document of an act with what became of it: state is done, refused or pending (the style of the outcome). */
    public record ActRow(Row document, String outcome, String state) {}

    public record ActView(long id, String preparedAt, String preparedBy, boolean confirmed, String status, String confirmedAt,
                          String confirmedBy, int documents, int disposed, int refused) {}

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final SchoolRegistry schools;
    private final AppUsers users;
    private final SchoolYearOutlineReader outlines;
    private final ZoneId zone;

    public DisposalRows(SchoolRegistry schools, AppUsers users, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                        JournalArchiveProperties properties) {
        this.schools = schools;
        this.users = users;
        this.outlines = new SchoolYearOutlineReader(jdbc, transactions);
        this.zone = ZoneId.of(properties.reports().timeZone());
    }

    public List<Row> rows(List<ArchivedDocument> documents) {
        var names = new Names();
        return documents.stream().map(d -> row(d, names)).toList();
    }

    public List<ActRow> actRows(List<Disposal.ActItem> items, boolean confirmed) {
        var names = new Names();
        return items.stream().map(i -> {
            var row = row(i.document(), names);
            if (i.disposedAt() != null) return new ActRow(row, "Уничтожен " + dateTime(i.disposedAt()), "done");
            if (i.refusal() != null) return new ActRow(row, "Не уничтожен: " + i.refusal(), "refused");
            return new ActRow(row, confirmed ? "Не уничтожен" : "Ожидает подтверждения", "pending");
        }).toList();
    }

    public List<ActView> acts(List<Disposal.ActSummary> acts) {
        var names = new Names();
        return acts.stream().map(a -> act(a, names)).toList();
    }

    public ActView act(Disposal.ActSummary a) {
        return act(a, new Names());
    }

    private ActView act(Disposal.ActSummary a, Names names) {
        return new ActView(a.id(), dateTime(a.preparedAt()), names.person(a.preparedBy()), a.confirmed(),
                a.confirmed() ? "Подтверждён" : "Составлен, ожидает подтверждения", a.confirmedAt() == null ? null : dateTime(a.confirmedAt()),
                a.confirmedBy() == null ? null : names.person(a.confirmedBy()), a.documents(), a.disposed(), a.refused());
    }

    private Row row(ArchivedDocument d, Names names) {
        var m = d.metadata();
        String kind = m.get("kind");
        return new Row(d.documentId(), m.getOrDefault("title", d.documentId()), names.school(m.get("school")),
                names.className(m.get("school"), m.get("school_year"), m.get("class_id")), kindName(kind),
                // retain-until is midnight UTC of 1 January: the date itself, not shifted into the local zone
                d.retainUntil().toLocalDate().format(DATE));
    }

    private String dateTime(Instant at) {
        return at.atZone(zone).format(DATE_TIME);
    }

    static String kindName(String code) {
        return Arrays.stream(DocumentKind.values()).filter(k -> k.code().equals(code)).findFirst().map(SigningQueuePage::kindName)
                .orElse(code == null ? "" : code);
    }

    /** Names looked up once per page: a school's, and each school year's classes («9А»). */
    private final class Names {
        private final Map<String, String> schoolNames = new HashMap<>();
        private final Map<String, Map<String, String>> classNames = new HashMap<>();
        private final Map<String, String> people = new HashMap<>();

        /** «Петрова Анна Сергеевна (petrova)»; a login without a full name (or gone) as it is. */
        String person(String username) {
            return people.computeIfAbsent(username, u -> users.find(u).map(AppUsers.User::fullName).filter(n -> !n.isBlank())
                    .map(n -> n + " (" + u + ")").orElse(u));
        }

        String school(String code) {
            if (code == null) return "";
            return schoolNames.computeIfAbsent(code, c -> schools.find(c).map(School::name).orElse(c));
        }

        String className(String school, String year, String classId) {
            if (classId == null) return "—";
            if (school == null || year == null) return classId;
            var byId = classNames.computeIfAbsent(school + "/" + year, k -> {
                var found = new HashMap<String, String>();
                outlines.read(school, year).ifPresent(o -> o.classes().forEach(c -> found.put(c.id(), c.grade() + c.letter())));
                return found;
            });
            return byId.getOrDefault(classId, classId);
        }
    }
}
