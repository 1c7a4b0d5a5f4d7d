package ru.journalarchive.app.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.journalarchive.journal.snapshot.ClassSnapshotReader;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.engine.DocumentIdentity;
import ru.journalarchive.reports.engine.RenderedDocument;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.reports.engine.ReportTemplate;
import ru.journalarchive.reports.journal.ClassJournalAssembler;
import ru.journalarchive.reports.journal.ClassJournalReport;
import ru.journalarchive.reports.ledger.SummaryLedgerAssembler;
import ru.journalarchive.reports.ledger.SummaryLedgerReport;

/**
 * Renders every year journal (class × subject) and every summary ledger of the
 * demo school, single-threaded and on all cores, after a warm-up pass, through our layer
 * (read model → rows → fill → PDF/A export → CIDSet fix → JSON twin and hash) and through bare
 * JasperReports (fill + export of the same compiled template with rows prepared in advance).
 * Prints documents/s, ms per page, allocation per document and our overhead over the bare baseline;
 * with several threads the figures are per core-second summed over the threads.
 */
@Command(name = "render", description = "Renders every year journal and summary ledger of the demo school through our layer and "
        + "through bare JasperReports, on one thread and on all cores: documents/s, ms per page, MB per document, our overhead.")
final class RenderBenchmark extends CliCommand {

    @Mixin
    DemoSchoolOptions school;

    @Option(names = "--passes", paramLabel = "N", description = "Measured passes after the warm-up.")
    int passes = 2;

    /** One document, renderable both ways. */
    private record Job(Supplier<RenderedDocument> ours, Callable<byte[]> bare) {}

    @Override
    public Integer call() throws Exception {
        PrintStream out = out();
        var demoOptions = school.options();
        String url = BenchDatabases.create("ja_bench_render");
        try {
            var ds = BenchDatabases.dataSource(url);
            var jdbc = new JdbcTemplate(ds);
            var tx = new DataSourceTransactionManager(ds);
            BenchDatabases.loadDemoSchool(ds, demoOptions);
            var engine = new ReportEngine().warmUp();
            List<Job> jobs = jobs(engine, new ClassSnapshotReader(jdbc, tx), jdbc);
            int pages = 0;
            for (Job job : jobs) pages += job.ours().get().pages(); // warm-up of our path, and the page count
            for (Job job : jobs) job.bare().call();                  // warm-up of the baseline
            measure(jobs, 1);                                         // and once more, interleaved
            out.printf("demo school: %d students; %d documents (year journals and ledgers), %d pages%n",
                    demoOptions.students(), jobs.size(), pages);

            int threads = Runtime.getRuntime().availableProcessors();
            for (int pass = 1; pass <= passes; pass++) {
                for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
                    Pair r = measure(jobs, t);
                    out.printf("pass %d, %d thread(s): ours %6.1f docs/s %6.2f ms/page %6.1f MB/doc | bare %6.1f docs/s %6.2f ms/page %6.1f MB/doc | overhead %+5.1f %%%n",
                            pass, t, r.ours().docsPerSecond(t), r.ours().msPer(pages, t), r.ours().mbPerDoc(),
                            r.bare().docsPerSecond(t), r.bare().msPer(pages, t), r.bare().mbPerDoc(),
                            100.0 * (r.ours().nanos() - r.bare().nanos()) / r.bare().nanos());
                }
            }
            return 0;
        } finally {
            BenchDatabases.drop(url);
        }
    }

    private static List<Job> jobs(ReportEngine engine, ClassSnapshotReader snapshots, JdbcTemplate jdbc) {
        var journals = new ClassJournalReport(engine);
        var ledgers = new SummaryLedgerReport(engine);
        var jobs = new ArrayList<Job>();
        for (String classId : jdbc.queryForList("SELECT source_id FROM school_class ORDER BY grade, letter", String.class)) {
            var snapshot = snapshots.read("demo", classId).orElseThrow();
            for (String subject : ClassJournalAssembler.subjects(snapshot)) {
                var journal = ClassJournalAssembler.assemble(snapshot, subject, null);
                String id = "journal/" + classId + "/" + subject;
                var identity = ClassJournalReport.identity(journal, id);
                var parameters = ClassJournalReport.parameters(journal);
                var grid = ClassJournalReport.gridRows(journal);
                var log = ClassJournalReport.lessonLog(journal);
                jobs.add(new Job(() -> journals.render(journal, id),
                        () -> bare(engine, ReportTemplate.CLASS_JOURNAL, identity, parameters, grid, log)));
            }
            var ledger = SummaryLedgerAssembler.assemble(snapshot, ReportRules.DEFAULT);
            String id = "ledger/" + classId;
            var identity = SummaryLedgerReport.identity(ledger, id);
            var parameters = SummaryLedgerReport.parameters(ledger);
            var grid = SummaryLedgerReport.grid(ledger);
            var rows = SummaryLedgerReport.studentRows(ledger);
            jobs.add(new Job(() -> ledgers.render(ledger, id),
                    () -> bare(engine, ReportTemplate.SUMMARY_LEDGER, identity, parameters, grid, rows)));
        }
        return jobs;
    }

    /** JasperReports alone: fill the compiled template with rows prepared in advance, export to PDF/A. */
    private static byte[] bare(ReportEngine engine, ReportTemplate template, DocumentIdentity identity,
                               Map<String, Object> prepared, List<Map<String, ?>> grid, List<Map<String, ?>> rows)
            throws JRException {
        var parameters = new HashMap<>(prepared);
        parameters.put("GRID", new JRMapCollectionDataSource(grid));
        parameters.put("DOCUMENT_ID", identity.documentId());
        parameters.put("DOCUMENT_TITLE", identity.title());
        parameters.put("SCHOOL_NAME", identity.schoolName());
        parameters.put("DATA_SHA256", "");
        var print = JasperFillManager.fillReport(engine.template(template), parameters, new JRMapCollectionDataSource(rows));
        return engine.export(print, identity);
    }

    /** Summed busy time of the documents on all threads, documents, bytes allocated. */
    private record Result(long nanos, int docs, long bytes) {
        double docsPerSecond(int threads) {
            return docs * 1e9 * threads / nanos;
        }

        double msPer(int pages, int threads) {
            return nanos / 1e6 / threads / pages;
        }

        double mbPerDoc() {
            return bytes / 1e6 / docs;
        }
    }

    private record Pair(Result ours, Result bare) {}

    /**
     * Each document is rendered both ways back to back, in alternating order, so that garbage
     * collection, JIT and the neighbour threads weigh on both alike.
     */
    private static Pair measure(List<Job> jobs, int threads) throws Exception {
        var oursNanos = new AtomicLong();
        var bareNanos = new AtomicLong();
        var oursBytes = new AtomicLong();
        var bareBytes = new AtomicLong();
        var threadBean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < jobs.size(); i++) {
                Job job = jobs.get(i);
                boolean oursFirst = i % 2 == 0;
                futures.add(pool.submit(() -> {
                    for (int k = 0; k < 2; k++) {
                        boolean ours = (k == 0) == oursFirst;
                        long bytes = threadBean.getCurrentThreadAllocatedBytes();
                        long start = System.nanoTime();
                        if (ours) job.ours().get();
                        else job.bare().call();
                        long took = System.nanoTime() - start;
                        long allocated = threadBean.getCurrentThreadAllocatedBytes() - bytes;
                        (ours ? oursNanos : bareNanos).addAndGet(took);
                        (ours ? oursBytes : bareBytes).addAndGet(allocated);
                    }
                    return null;
                }));
            }
            for (var f : futures) f.get();
        } finally {
            pool.shutdown();
        }
        return new Pair(new Result(oursNanos.get(), jobs.size(), oursBytes.get()),
                new Result(bareNanos.get(), jobs.size(), bareBytes.get()));
    }
}
