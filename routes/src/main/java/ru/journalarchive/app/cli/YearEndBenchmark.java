package ru.journalarchive.app.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import ru.journalarchive.app.JournalArchiveApplication;
import ru.journalarchive.app.run.ArchiveRunPlanner;
import ru.journalarchive.app.run.ArchiveRuns;
import ru.journalarchive.app.run.DirectorSigning;
import ru.journalarchive.app.run.DocumentRendering;
import ru.journalarchive.app.run.PlannedDocument;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.CertificateSubject;
import ru.journalarchive.signing.pki.Pkcs12Files;
import ru.journalarchive.signing.pki.TestPki;

/**
 * {@code bench year-end}: the demo school's whole year-end run in the service (its Camel worker, the
 * real S3 server and PostgreSQL), the director approving the batch for a server-held key: wall time,
 * documents per second, peak heap, where the time goes, and the ratio to rendering the same
 * documents alone on the same number of threads.
 */
final class YearEndBenchmark {

    private YearEndBenchmark() {}

    static int run(Map<String, String> options, PrintStream out) throws Exception {
        var demo = new DemoOptions(Cli.number(options, "seed", 1), (int) Cli.number(options, "students", DemoOptions.DEFAULT.students()),
                DemoOptions.DEFAULT.year());
        int cores = Runtime.getRuntime().availableProcessors();
        String url = BenchDatabases.create("ja_bench_year_end");
        var keys = Files.createTempDirectory("bench-keys");
        String password = Long.toString(System.nanoTime(), 36);
        var pki = new TestPki(GostAlgorithm.GOST_2012_256, Instant.now());
        var director = pki.issueSigner(CertificateSubject.service("Директор (тест)", "Демо-школа"), Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400));
        Pkcs12Files.write(keys.resolve("director.p12"), "director", pki.credentials(director), password.toCharArray());
        String run = Long.toString(System.currentTimeMillis(), 36);
        try {
            long loadStart = System.nanoTime();
            BenchDatabases.loadDemoSchool(BenchDatabases.dataSource(url), demo);
            out.printf("demo school loaded (%d students) in %.1f s%n", demo.students(), (System.nanoTime() - loadStart) / 1e9);
            try (var context = new SpringApplicationBuilder(JournalArchiveApplication.class).web(WebApplicationType.NONE)
                    .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + BenchDatabases.user(),
                            "--spring.datasource.password=" + BenchDatabases.password(), "--spring.main.banner-mode=off",
                            "--logging.level.root=WARN", "--camel.springboot.main-run-controller=false",
                            "--journal-archive.storage.archive-bucket=ja-bench-year-end-" + run,
                            "--journal-archive.storage.drafts-bucket=ja-bench-year-end-drafts-" + run,
                            "--journal-archive.runs.poll=100ms",
                            "--journal-archive.signing.schools.demo.director.keystore=" + keys.resolve("director.p12"),
                            "--journal-archive.signing.schools.demo.director.password=" + password)) {
                var plan = context.getBean(ArchiveRunPlanner.class).plan("demo", Integer.toString(demo.year()), null, null, false);
                var rendering = context.getBean(DocumentRendering.class);
                int workers = context.getBean(ru.journalarchive.app.config.JournalArchiveProperties.class).runs().workers();
                // A first pass warms the JIT and the class snapshots, which the run then finds as well; signing a
                // few documents warms the hashing and PDF writing the run's second half does, as rendering is warm.
                renderAlone(rendering, plan, workers);
                warmSigning(context, rendering, plan.subList(0, Math.min(40, plan.size())));
                double renderOnly = renderAlone(rendering, plan, workers);
                out.printf("%d documents (year journals and ledgers); rendering them alone on %d threads, as many as the run's "
                        + "workers: %.1f s%n", plan.size(), workers, renderOnly);

                ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
                double cpuAtStart = cpuSeconds();
                double serversAtStart = serversCpuSeconds();
                var metrics = context.getBean(MeterRegistry.class);
                var runs = context.getBean(ArchiveRuns.class);
                long start = System.nanoTime();
                long id = runs.start("demo", Integer.toString(demo.year()), null, null, "bench", plan);
                await(runs, id, "AWAITING_SIGNATURE", plan.size());
                double rendered = (System.nanoTime() - start) / 1e9;
                double cpuRendered = cpuSeconds(), serversRendered = serversCpuSeconds();
                long approvalStart = System.nanoTime();
                var outcomes = context.getBean(DirectorSigning.class).approveForServerKey("demo",
                        plan.stream().map(PlannedDocument::documentId).toList(), "bench");
                double approval = (System.nanoTime() - approvalStart) / 1e9;
                await(runs, id, "ARCHIVED", plan.size());
                double wall = (System.nanoTime() - start) / 1e9;
                long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                out.printf("year-end run: %.1f s wall (rendered and waiting for the director after %.1f s; the director's approval "
                        + "of %d documents took %.1f s; signed and archived %.1f s after it), %.1f documents/s, peak heap %d MB%n", wall,
                        rendered, outcomes.size(), approval, wall - rendered - approval, plan.size() / wall, peakHeap >> 20);
                out.printf("ratio to rendering alone: %.2f× (goal ≤ 1.3×; goal wall ≤ 60 s)%n", wall / renderOnly);
                out.printf("time by step, summed over the %d workers (s): render %.1f, sign %.1f, store %.1f; CPU time of the whole "
                        + "process %.1f s on %d cores%n", workers, seconds(metrics, "render"), seconds(metrics, "sign"),
                        seconds(metrics, "store"), cpuSeconds() - cpuAtStart, cores);
                out.printf("CPU (s) of this process / of the S3 server and PostgreSQL when they run on this machine: rendering %.1f / %.1f,"
                        + " signing and archiving %.1f / %.1f%n", cpuRendered - cpuAtStart, serversRendered - serversAtStart,
                        cpuSeconds() - cpuRendered, serversCpuSeconds() - serversRendered);
                printVolume(context.getBean(org.springframework.jdbc.core.JdbcTemplate.class), out);
            }
        } finally {
            BenchDatabases.drop(url);
        }
        return 0;
    }

    /** What was hashed, signed and stored: every byte of it is hashed with Streebog, which dominates signing. */
    private static void printVolume(org.springframework.jdbc.core.JdbcTemplate jdbc, PrintStream out) {
        jdbc.query("""
                SELECT o.key AS name, count(*) AS files, sum((o.value->>'size')::bigint) AS bytes
                FROM archived_document d, jsonb_each(d.objects) o GROUP BY o.key ORDER BY o.key""",
                (org.springframework.jdbc.core.RowCallbackHandler) r -> out.printf("archived %s: %d files, %.1f MB (%.0f kB each)%n",
                        r.getString("name"), r.getLong("files"), r.getLong("bytes") / 1e6, r.getLong("bytes") / 1e3 / r.getLong("files")));
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** CPU of the local radosgw, ceph-osd and postgres processes: on a 2-core machine they share the cores with the run. */
    private static double serversCpuSeconds() {
        return ProcessHandle.allProcesses().map(ProcessHandle::info)
                .filter(i -> i.command().map(c -> c.endsWith("/radosgw") || c.endsWith("/ceph-osd") || c.endsWith("/postgres")
                        || c.endsWith("/minio")).orElse(false))
                .mapToDouble(i -> i.totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(0.0)).sum();
    }

    private static double seconds(MeterRegistry metrics, String step) {
        Timer timer = metrics.find("journal_archive.step").tag("step", step).timer();
        return timer == null ? 0 : timer.totalTime(TimeUnit.SECONDS);
    }

    private static void warmSigning(org.springframework.context.ApplicationContext context, DocumentRendering rendering,
                                    List<PlannedDocument> documents) {
        var signer = context.getBean(ru.journalarchive.app.signing.DocumentSigner.class);
        var director = context.getBean(ru.journalarchive.app.signing.SchoolSigningKeys.class).director("demo").orElseThrow();
        for (var d : documents) {
            var signed = signer.sign(rendering.render(d).document().pdf(), director, d.kind().stamp(), "warm-up");
            ru.journalarchive.storage.archive.ObjectHashes.streebog256(signed.pdf());
        }
    }

    /** Renders every document on {@code threads} threads, as the run's workers would; returns the wall time in seconds. */
    private static double renderAlone(DocumentRendering rendering, List<PlannedDocument> plan, int threads) throws Exception {
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var tasks = new ArrayList<Callable<Object>>();
            plan.forEach(d -> tasks.add(() -> rendering.render(d)));
            long start = System.nanoTime();
            for (var f : pool.invokeAll(tasks)) f.get();
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    private static void await(ArchiveRuns runs, long id, String state, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            var progress = runs.progress(id).orElseThrow();
            if (progress.byState().get(state) >= count) return;
            if (progress.byState().get("FAILED") > 0) throw new IllegalStateException("documents failed: " + progress);
            Thread.sleep(100);
        }
        throw new IllegalStateException("run " + id + " did not reach " + state);
    }
}
