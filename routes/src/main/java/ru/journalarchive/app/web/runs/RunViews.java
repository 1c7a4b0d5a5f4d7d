package ru.journalarchive.app.web.runs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.run.ArchiveRuns;
import ru.journalarchive.app.run.RunDocument.State;
import ru.journalarchive.app.web.director.SigningQueuePage;
import ru.journalarchive.journal.school.School;
import ru.journalarchive.journal.school.SchoolRegistry;
import ru.journalarchive.journal.snapshot.ClassSnapshot;
import ru.journalarchive.journal.snapshot.SchoolYearOutline;
import ru.journalarchive.journal.snapshot.SchoolYearOutlineReader;
import ru.journalarchive.reports.vocabulary.PeriodNames;

/** Runs as the administrator's pages show them: names instead of ids, local times, and where the run stands in one sentence. */
@Component
public class RunViews {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final ArchiveRuns runs;
    private final SchoolRegistry schools;
    private final SchoolYearOutlineReader outlines;
    private final ZoneId zone;
    private final String district;
    private final String districtName;

    public RunViews(ArchiveRuns runs, SchoolRegistry schools, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                    JournalArchiveProperties properties) {
        this.runs = runs;
        this.schools = schools;
        this.outlines = new SchoolYearOutlineReader(jdbc, transactions);
        this.zone = ZoneId.of(properties.reports().timeZone());
        this.district = properties.district().code();
        this.districtName = properties.district().name();
    }

    /** The latest runs, without their failures' details. */
    public List<RunView> recent(int limit) {
        var names = new Names();
        return runs.recent(limit).stream().map(p -> view(p, names, false)).toList();
    }

    /** One run with its failing documents and dead letters. */
    public Optional<RunView> run(long id) {
        return runs.progress(id).map(p -> view(p, new Names(), true));
    }

    private RunView view(ArchiveRuns.Progress p, Names names, boolean details) {
        var states = new ArrayList<RunView.StateCount>();
        for (State s : State.values()) states.add(new RunView.StateCount(s.name(), RunStates.label(s), p.byState().getOrDefault(s.name(), 0)));
        int archived = p.byState().getOrDefault("ARCHIVED", 0);
        int failed = p.byState().getOrDefault("FAILED", 0);
        var outline = names.outline(p.school(), p.schoolYear());
        return new RunView(p.id(), names.school(p.school()), outline.map(SchoolYearOutline::yearName).orElse(p.schoolYear()),
                period(outline, p.periodId()), classLabel(outline, p.classId()), p.startedBy(), format(p.startedAt()),
                p.finishedAt() == null ? null : format(p.finishedAt()), p.finishedAt() != null, p.planned(), archived, failed, states,
                status(p, archived, failed), details ? failing(p.id()) : List.of(), details ? deadLetters(p.id()) : List.of());
    }

    private String status(ArchiveRuns.Progress p, int archived, int failed) {
        if (p.finishedAt() != null) {
            String at = "Завершено " + format(p.finishedAt());
            if (p.planned() == 0) return at + ": документов для архивирования нет (всё уже в архиве или нечего формировать).";
            if (failed == 0) return at + ": " + (p.planned() == 1 ? "документ" : "все " + RunStates.documents(p.planned())) + " в архиве.";
            return at + ": в архиве " + archived + " из " + p.planned() + ", с ошибкой — " + failed
                    + ". Устраните причину и нажмите «Повторить».";
        }
        int awaiting = p.byState().getOrDefault("AWAITING_SIGNATURE", 0);
        if (awaiting > 0 && archived + failed + awaiting == p.planned())
            return "Ждут подписи директора: " + RunStates.documents(awaiting) + " (директор подписывает их на своей странице). В архиве "
                    + archived + " из " + p.planned() + ".";
        String progress = "Выполняется: в архиве " + archived + " из " + p.planned() + ". ";
        if (p.eta() == null) return progress + "Время окончания станет известно, когда будут готовы первые документы.";
        long minutes = Duration.between(Instant.now(), p.eta()).toMinutes();
        return progress + "Ожидаемое окончание — около " + TIME.format(p.eta().atZone(zone)) + " ("
                + (minutes < 1 ? "меньше минуты" : "через " + (minutes >= 60 ? minutes / 60 + " ч " + minutes % 60 : minutes) + " мин") + ").";
    }

    private List<RunView.Failing> failing(long run) {
        return runs.failures(run).stream().filter(f -> f.document().state() != State.FAILED).map(f -> {
            var d = f.document();
            return new RunView.Failing(d.documentId(), describe(d), RunStates.label(d.state()), d.attempts(), d.lastError(),
                    format(f.nextAttemptAt()));
        }).toList();
    }

    private List<RunView.DeadLetter> deadLetters(long run) {
        return runs.deadLetters(run).stream().map(l -> new RunView.DeadLetter(l.document().documentId(), describe(l.document()),
                l.attempts(), l.reason(), format(l.failedAt()), RunStates.label(l.document().state()), l.retryable())).toList();
    }

    /** Its title once rendered; before that (a rendering that failed) its kind and what it is of. */
    private static String describe(ru.journalarchive.app.run.RunDocument d) {
        if (d.title() != null) return d.title();
        var plan = d.plan();
        String kind = SigningQueuePage.kindName(plan.kind());
        if (plan.subjectId() != null) return kind + ", предмет " + plan.subjectId();
        if (plan.studentId() != null) return kind + ", ученик " + plan.studentId();
        return kind;
    }

    private static String period(Optional<SchoolYearOutline> outline, String periodId) {
        if (periodId == null) return "итоги учебного года";
        return outline.flatMap(o -> o.period(periodId))
                .map(p -> PeriodNames.full(new ClassSnapshot.Period(p.id(), p.kind(), p.number(), p.start(), p.end())))
                .orElse(periodId);
    }

    private static String classLabel(Optional<SchoolYearOutline> outline, String classId) {
        if (classId == null) return "все классы";
        return outline.flatMap(o -> o.classes().stream().filter(c -> c.id().equals(classId)).findFirst())
                .map(c -> c.grade() + c.letter()).orElse(classId);
    }

    private String format(Instant at) {
        return DATE_TIME.format(at.atZone(zone));
    }

    /** Names read once per page, however many runs of the same school year it lists. */
    private final class Names {

        private final Map<String, Optional<SchoolYearOutline>> outlinesByYear = new HashMap<>();
        private Map<String, String> schoolNames;

        Optional<SchoolYearOutline> outline(String school, String year) {
            return outlinesByYear.computeIfAbsent(school + "\n" + year, k -> outlines.read(school, year));
        }

        String school(String code) {
            if (code.equals(district)) return districtName;
            if (schoolNames == null) {
                schoolNames = new HashMap<>();
                for (School s : schools.all()) schoolNames.put(s.code(), s.name());
            }
            return schoolNames.getOrDefault(code, code);
        }
    }
}
