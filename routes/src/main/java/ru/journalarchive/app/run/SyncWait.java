package ru.journalarchive.app.run;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import ru.journalarchive.app.connectors.ConnectorSource;
import ru.journalarchive.app.connectors.ConnectorSources;
import ru.journalarchive.app.connectors.SyncReports;

/**
 * Whether a period-end run may start from a school's data yet: a school whose journal is pulled by an
 * enabled connector source waits until a successful (OK) sync of each source has pulled data up to the
 * period's last day and finished after that day was over; a PARTIAL sync does not count, since some
 * classes were left behind (the connectors count it as a failure too). The wait ends {@code limit} after
 * the day the run was due; then the run starts anyway and carries a note naming the sources behind.
 * The district's roll-up waits for every school's sources. A school without sources starts at once.
 */
public final class SyncWait {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    /** start: whether the run may start now; text: why it waits, or (starting) the note for the run, null if none. */
    public record Verdict(boolean start, String text) {}

    private final ConnectorSources sources;
    private final SyncReports reports;
    private final Duration limit;
    private final ZoneId zone;
    private final String district;

    public SyncWait(ConnectorSources sources, SyncReports reports, Duration limit, ZoneId zone, String district) {
        this.sources = sources;
        this.reports = reports;
        this.limit = limit;
        this.zone = zone;
        this.district = district;
    }

    /**
     * @param lastDay the period's (or year's) last day
     * @param dueDay  the day the run became due (the grace period after the last day)
     */
    public Verdict check(String school, LocalDate lastDay, LocalDate dueDay, LocalDate today) {
        var over = lastDay.plusDays(1).atStartOfDay(zone).toInstant();
        List<ConnectorSource> behind = sources.all().stream()
                .filter(s -> s.enabled() && (school.equals(district) || s.school().equals(school)))
                .filter(s -> !reports.okCovering(s.code(), lastDay, over))
                .toList();
        if (behind.isEmpty()) return new Verdict(true, null);
        String why = behind.stream().map(s -> describe(s, lastDay)).collect(Collectors.joining("; "));
        LocalDate deadline = dueDay.plusDays(limit.toDays());
        if (today.isBefore(deadline))
            return new Verdict(false, why + "; запуск ждёт синхронизации до " + DAY.format(deadline));
        return new Verdict(true, why + "; запуск по истечении ожидания (" + limit.toDays() + " дн. после срока "
                + DAY.format(dueDay) + ")");
    }

    private String describe(ConnectorSource s, LocalDate lastDay) {
        var last = reports.lastOk(s.code());
        String sync = last.map(r -> "последняя успешная синхронизация — данные по "
                        + (r.windowTo() == null ? "—" : DAY.format(r.windowTo()))
                        + (r.finishedAt() == null ? "" : " (завершена " + MOMENT.format(r.finishedAt().atZoneSameInstant(zone)) + ")"))
                .orElse("успешных синхронизаций не было");
        return "Источник " + s.code() + ": " + sync + "; успешной синхронизации после конца периода " + DAY.format(lastDay) + " не было";
    }
}
