package ru.journalarchive.app.web.director;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.run.ArchiveRuns;
import ru.journalarchive.app.run.DocumentKind;
import ru.journalarchive.app.run.RunDocument;
import ru.journalarchive.journal.snapshot.SchoolYearOutlineReader;

/** The director's queue as the signing page shows it: by class, each document with what a director checks before signing. */
@Component
public class SigningQueuePage {

    public record Item(String documentId, String kind, String title, Integer pages, String renderedAt, String preview) {}

    public record ClassGroup(String classId, String name, List<Item> documents) {}

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final ArchiveRuns runs;
    private final SchoolYearOutlineReader outlines;
    private final ZoneId zone;

    public SigningQueuePage(ArchiveRuns runs, JdbcTemplate jdbc, org.springframework.transaction.PlatformTransactionManager transactions, JournalArchiveProperties properties) {
        this.runs = runs;
        this.outlines = new SchoolYearOutlineReader(jdbc, transactions);
        this.zone = ZoneId.of(properties.reports().timeZone());
    }

    public List<ClassGroup> classes(String school) {
        var byClass = new LinkedHashMap<String, List<RunDocument>>();
        runs.awaitingSignature(school).stream()
                .sorted(Comparator.comparing((RunDocument d) -> d.plan().kind() == DocumentKind.SUMMARY_LEDGER ? 0 : 1)
                        .thenComparing(d -> d.title() == null ? "" : d.title()))
                .forEach(d -> byClass.computeIfAbsent(d.plan().classId() == null ? "" : d.plan().classId(), k -> new ArrayList<>()).add(d));
        var names = classNames(school, byClass.values());
        var groups = new ArrayList<ClassGroup>();
        byClass.forEach((classId, documents) -> groups.add(new ClassGroup(classId,
                classId.isEmpty() ? "Документы школы" : names.getOrDefault(classId, classId) + " класс",
                documents.stream().map(d -> item(school, d)).toList())));
        groups.sort(Comparator.comparing(ClassGroup::name, SigningQueuePage::byGrade));
        return groups;
    }

    public static String kindName(DocumentKind kind) {
        return switch (kind) {
            case JOURNAL -> "Классный журнал";
            case SUMMARY_LEDGER -> "Сводная ведомость";
            case PARENT_REPORT -> "Отчёт для родителей";
            case MONITORING_REPORT -> "Отчёт мониторинга";
            case DISTRICT_MONITORING -> "Сводный отчёт района";
        };
    }

    private Item item(String school, RunDocument d) {
        return new Item(d.documentId(), kindName(d.plan().kind()), d.title(), d.pages(),
                d.updatedAt().atZone(zone).format(DATE_TIME),
                "/schools/" + school + "/signing/documents/" + d.documentId() + "/preview");
    }

    /** "1А", "10Б" from the school year's outline of each year the queue holds. */
    private Map<String, String> classNames(String school, java.util.Collection<List<RunDocument>> documents) {
        var names = new LinkedHashMap<String, String>();
        documents.stream().flatMap(List::stream).map(d -> d.plan().schoolYear()).distinct()
                .forEach(year -> outlines.read(school, year).ifPresent(outline ->
                        outline.classes().forEach(c -> names.put(c.id(), c.grade() + c.letter()))));
        return names;
    }

    /** 2А before 10А: by the grade's number, then the letter. */
    private static int byGrade(String a, String b) {
        int ga = leadingNumber(a), gb = leadingNumber(b);
        return ga != gb ? Integer.compare(ga, gb) : a.compareTo(b);
    }

    private static int leadingNumber(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        return i == 0 ? Integer.MAX_VALUE : Integer.parseInt(s.substring(0, i));
    }
}
