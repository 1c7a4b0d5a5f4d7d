package ru.journalarchive.app.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DuplicateKeyException;
import ru.journalarchive.journal.ingest.BatchConflictException;
import ru.journalarchive.journal.ingest.BatchRejectedException;
import ru.journalarchive.journal.ingest.IngestResult;
import ru.journalarchive.journal.ingest.Problem;

/**
 * One sync of a source: the window (from the last successful sync less the overlap, or what was asked),
 * the source's outline, then each class through its kind's Camel route into ingestion, one batch per
 * class, each alone: a class that fails is reported and the others go on. The report is kept, counted
 * in the metrics and logged; a source whose syncs keep failing is marked, and other sources are not held up.
 */
public class ConnectorSync {

    private static final Logger log = LoggerFactory.getLogger(ConnectorSync.class);

    /** What is asked: the trigger (SCHEDULE, API, CLI), who, and optionally the window (full: from the source's start). */
    public record Request(String trigger, String actor, boolean full, LocalDate from, LocalDate to) {}

    /** A sync of this source is already running (on this or another node). */
    public static final class AlreadyRunning extends RuntimeException {
        public AlreadyRunning(String source) {
            super(source);
        }
    }

    private final ConnectorSources sources;
    private final SyncReports reports;
    private final Map<SourceKind, SourceConnector> connectors;
    private final ConnectorsProperties properties;
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final ZoneId zone;
    private final Map<String, AtomicInteger> failing = new ConcurrentHashMap<>();

    public ConnectorSync(ConnectorSources sources, SyncReports reports, List<SourceConnector> connectors, ConnectorsProperties properties,
                         ProducerTemplate camel, ObjectMapper json, MeterRegistry metrics, ZoneId zone) {
        this.sources = sources;
        this.reports = reports;
        this.connectors = new LinkedHashMap<>();
        connectors.forEach(c -> this.connectors.put(c.kind(), c));
        this.properties = properties;
        this.camel = camel;
        this.json = json;
        this.metrics = metrics;
        this.zone = zone;
        sources.all().forEach(s -> gauge(s.code()).set(s.consecutiveFailures() >= properties.failingAfter() ? 1 : 0));
    }

    public SourceConnector connector(SourceKind kind) {
        SourceConnector c = connectors.get(kind);
        if (c == null) throw new SourceException("Для источников вида " + kind.title() + " нет коннектора");
        return c;
    }

    public SourceHttp http(ConnectorSource source) {
        return new SourceHttp(source.code(), source.kind().title(), source.settings().over(properties.requests()), json);
    }

    /** The window a sync would take now. */
    public LocalDate[] window(ConnectorSource source, Request request) {
        LocalDate today = LocalDate.now(zone);
        LocalDate to = request.to() != null ? request.to() : today;
        LocalDate since = source.settings().since() != null ? source.settings().since()
                : LocalDate.of(today.getMonthValue() >= 9 ? today.getYear() : today.getYear() - 1, 9, 1);
        LocalDate from = request.from() != null ? request.from()
                : request.full() || source.lastSuccessTo() == null ? since
                : source.lastSuccessTo().minusDays(Math.max(0, properties.overlap().toDays()));
        if (from.isBefore(since) && request.from() == null) from = since;
        if (from.isAfter(to)) from = to;
        return new LocalDate[] {from, to};
    }

    /** Starts the report (refused while another sync of the source runs); the caller then {@link #run}s it. */
    public long start(ConnectorSource source, Request request) {
        LocalDate[] w = window(source, request);
        try {
            return reports.start(source.code(), request.trigger(), request.actor(), w[0], w[1]);
        } catch (DuplicateKeyException e) {
            throw new AlreadyRunning(source.code());
        }
    }

    /** Runs a started sync to its end; never throws for the source's faults: they are in the report. */
    public SyncReport run(long syncId) {
        SyncReport started = reports.find(syncId).orElseThrow();
        ConnectorSource source = sources.find(started.source()).orElseThrow();
        MDC.put("run", "sync-" + syncId);
        var classes = new ArrayList<SyncReport.ClassReport>();
        String error = null;
        try {
            SourceHttp http = http(source);
            SourceCodes codes = new SourceCodes(properties.codes().get(source.kind().name()), source.mappings());
            SourceConnector.Session session = connector(source.kind()).open(source, http, codes);
            for (SourceConnector.RemoteClass rc : session.classes()) {
                var outcome = rc.error() != null ? failedClass(rc, rc.error())
                        : pull(new ClassPull(source, session, rc, started.windowFrom(), started.windowTo()));
                classes.add(outcome);
                if (!outcome.status().equals("OK"))
                    log.warn("sync {} of {}: class {} ({}) {}: {}", syncId, source.code(), rc.name(), rc.remoteId(), outcome.status(),
                            outcome.error());
            }
            if (classes.isEmpty()) error = "У источника не найдено ни одного класса (schools/" + source.remoteSchoolId() + ")";
            log.info("sync {} of {}: {} requests", syncId, source.code(), http.requests());
        } catch (SourceException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            log.error("sync {} of {} failed", syncId, source.code(), e);
            error = "Внутренняя ошибка синхронизации: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } finally {
            MDC.remove("run");
        }
        long failed = classes.stream().filter(c -> !c.status().equals("OK")).count();
        String status = error != null || (failed == classes.size()) ? "FAILED" : failed > 0 ? "PARTIAL" : "OK";
        var totals = totals(classes);
        // The source's state first: whoever waits for the report to finish then reads a source that already counts it.
        record(source, status, totals, started.windowTo());
        reports.finish(syncId, status, error, classes, totals);
        log.info("sync {} of source {} (school {}): {} — classes {}, failed {}, fetched {}, applied {}, deleted {}, rejected {}{}", syncId,
                source.code(), source.school(), status, totals.classes(), totals.classesFailed(), totals.fetched(), totals.applied(),
                totals.deleted(), totals.rejected(), error == null ? "" : "; " + error);
        return reports.find(syncId).orElseThrow();
    }

    private SyncReport.ClassReport pull(ClassPull pull) {
        var rc = pull.remoteClass();
        Exchange done = camel.send(pull.source().kind().endpoint(), e -> e.getIn().setBody(pull));
        @SuppressWarnings("unchecked")
        Map<String, Integer> fetched = done.getProperty(ClassBatches.FETCHED, Map.class);
        Exception failure = done.getException();
        if (failure == null) {
            IngestResult result = done.getMessage().getBody(IngestResult.class);
            var applied = new LinkedHashMap<String, Integer>();
            result.sections().forEach((section, c) -> {
                if (c.inserted() + c.updated() > 0) applied.put(section, c.inserted() + c.updated());
            });
            return new SyncReport.ClassReport(rc.remoteId(), rc.classId(), rc.name(), "OK", result.batchId(), result.alreadyApplied(),
                    fetched, applied, result.deleted(), List.of(), null);
        }
        if (failure instanceof BatchRejectedException r) {
            return new SyncReport.ClassReport(rc.remoteId(), rc.classId(), rc.name(), "REJECTED", null, null, fetched, Map.of(), Map.of(),
                    r.problems(), "Пакет класса не принят: ошибок — " + r.problems().size() + ". Ничего не записано.");
        }
        if (failure instanceof SourceException || failure instanceof BatchConflictException) {
            String message = failure instanceof BatchConflictException ? "Пакет с тем же идентификатором уже принят с другим содержимым"
                    : failure.getMessage();
            return failedClass(rc, message + ". Данные класса не записаны.");
        }
        log.error("class {} of source {} failed", rc.remoteId(), pull.source().code(), failure);
        return failedClass(rc, "Внутренняя ошибка: " + failure.getClass().getSimpleName() + ". Данные класса не записаны.");
    }

    private static SyncReport.ClassReport failedClass(SourceConnector.RemoteClass rc, String error) {
        return new SyncReport.ClassReport(rc.remoteId(), rc.classId(), rc.name(), "FAILED", null, null, Map.of(), Map.of(), Map.of(),
                List.<Problem>of(), error);
    }

    private static SyncReport.Totals totals(List<SyncReport.ClassReport> classes) {
        int fetched = 0, applied = 0, deleted = 0, rejected = 0, failed = 0;
        for (var c : classes) {
            if (!c.status().equals("OK")) failed++;
            if (c.fetched() != null) fetched += c.fetched().values().stream().mapToInt(Integer::intValue).sum();
            if (c.applied() != null) applied += c.applied().values().stream().mapToInt(Integer::intValue).sum();
            if (c.deleted() != null) deleted += c.deleted().values().stream().mapToInt(Integer::intValue).sum();
            if (c.rejected() != null) rejected += c.rejected().size();
        }
        return new SyncReport.Totals(classes.size(), failed, fetched, applied, deleted, rejected);
    }

    private void record(ConnectorSource source, String status, SyncReport.Totals totals, LocalDate windowTo) {
        Tags tags = Tags.of("source", source.code());
        metrics.counter("journal_archive_connector_syncs_total", tags.and("status", status)).increment();
        metrics.counter("journal_archive_connector_records_total", tags.and("outcome", "fetched")).increment(totals.fetched());
        metrics.counter("journal_archive_connector_records_total", tags.and("outcome", "applied")).increment(totals.applied());
        metrics.counter("journal_archive_connector_records_total", tags.and("outcome", "deleted")).increment(totals.deleted());
        metrics.counter("journal_archive_connector_records_total", tags.and("outcome", "rejected")).increment(totals.rejected());
        if (status.equals("OK")) {
            sources.succeeded(source.code(), windowTo);
            gauge(source.code()).set(0);
        } else {
            int inRow = sources.failed(source.code());
            if (inRow >= properties.failingAfter()) {
                gauge(source.code()).set(1);
                log.warn("source {} of school {} is failing: {} syncs in a row did not complete", source.code(), source.school(), inRow);
            }
        }
    }

    private AtomicInteger gauge(String source) {
        return failing.computeIfAbsent(source, s -> metrics.gauge("journal_archive_connector_failing", Tags.of("source", s), new AtomicInteger()));
    }

    /** Syncs every enabled source one after another; one source's failure never stops the next. */
    public void syncAll(String trigger) {
        for (ConnectorSource source : sources.all()) {
            if (!source.enabled()) continue;
            try {
                run(start(source, new Request(trigger, "scheduler", false, null, null)));
            } catch (AlreadyRunning e) {
                log.info("source {} is already being synced; skipped", source.code());
            } catch (RuntimeException e) {
                log.error("sync of source {} could not run", source.code(), e);
            }
        }
    }

    public int failingAfter() {
        return properties.failingAfter();
    }

    /** Whether the stored source counts as failing. */
    public boolean isFailing(ConnectorSource source) {
        return source.consecutiveFailures() >= properties.failingAfter();
    }
}
