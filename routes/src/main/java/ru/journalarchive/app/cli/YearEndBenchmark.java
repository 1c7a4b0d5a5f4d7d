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
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.journalarchive.app.run.ArchiveRunPlanner;
import ru.journalarchive.app.run.ArchiveRuns;
import ru.journalarchive.app.run.DirectorSigning;
import ru.journalarchive.app.run.DocumentRendering;
import ru.journalarchive.app.run.PlannedDocument;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.CertificateSubject;
import ru.journalarchive.signing.pki.CrlServer;
import ru.journalarchive.signing.pki.OcspResponder;
import ru.journalarchive.signing.pki.OcspServer;
import ru.journalarchive.signing.pki.Pkcs12Files;
import ru.journalarchive.signing.pki.TestPki;

@Command(name = "year-end", description = "The demo school's whole year-end run in the service (PostgreSQL of DB_*, the S3 server "
        + "of S3_*), the director approving for a server-held key: wall time, documents/s, peak heap, time by step, ratio to "
        + "rendering alone.")
final class YearEndBenchmark extends CliCommand {

    @Mixin
    DemoSchoolOptions school;

    /** What one pass measured: for the ratio of the long-term levels' cost. */
    private record Pass(double wall, double cpuPerDocument) {}

    /** Where the long-term levels find the revocation data that must be newer than each time-stamp. */
    enum Revocation { OCSP, CRL }

    @Option(names = "--revocation", paramLabel = "OCSP|CRL", description = "How the test CAs answer for their certificates: an OCSP "
            + "responder named in every certificate (as accredited CAs run; default), or CRLs only (whole seconds: each "
            + "signature waits for the next CRL).")
    Revocation revocation = Revocation.OCSP;

    @Override
    public Integer call() throws Exception {
        PrintStream out = out();
        var responder = new AtomicReference<OcspResponder>();
        // The CAs' CRL server and OCSP responder: PAdES-LTA needs revocation data issued after each signature's time-stamp.
        try (var ocsp = new OcspServer(request -> responder.get().respond(request, Instant.now()))) {
            var pki = new TestPki(GostAlgorithm.GOST_2012_256, Instant.now(), revocation == Revocation.OCSP ? ocsp.url() : null);
            responder.set(new OcspResponder(pki));
            try (var crls = CrlServer.issuingEachSecond(pki::crlsIssuedAt)) {
                String crlUrls = crls.urls().get(0) + "," + crls.urls().get(1);
                out.printf("revocation data: %s%n", revocation == Revocation.OCSP
                        ? "OCSP, the responder named in every certificate" : "CRLs only, issued once a second");
                out.println("== signatures at level T (PAdES-T, CAdES-T): long-term levels switched off ==");
                Pass t = pass(pki, crlUrls, false, out);
                out.println("== the same at the long-term levels (PAdES-LTA, CAdES-LT) ==");
                Pass lta = pass(pki, crlUrls, true, out);
                out.printf("cost of LT/LTA: wall %.2f× (%.1f s vs %.1f s), CPU per document %.2f× (%.3f s vs %.3f s); goal ≤ 1.15× each; "
                        + "OCSP requests %d, CRL requests %d%n", lta.wall() / t.wall(), lta.wall(), t.wall(),
                        lta.cpuPerDocument() / t.cpuPerDocument(), lta.cpuPerDocument(), t.cpuPerDocument(), ocsp.requests(), crls.requests());
            }
        }
        return 0;
    }

    private Pass pass(TestPki pki, String crlUrls, boolean longTerm, PrintStream out) throws Exception {
        var demo = school.options();
        int cores = Runtime.getRuntime().availableProcessors();
        String url = BenchDatabases.create("ja_bench_year_end");
        var keys = Files.createTempDirectory("bench-keys");
        String password = Long.toString(System.nanoTime(), 36);
        var director = pki.issueSigner(CertificateSubject.service("Директор (тест)", "Демо-школа"), Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400));
        Pkcs12Files.write(keys.resolve("director.p12"), "director", pki.credentials(director), password.toCharArray());
        Pkcs12Files.write(keys.resolve("tsa.p12"), "tsa", pki.tsa().credentials(pki.intermediate().certificate(),
                pki.root().certificate()), password.toCharArray());
        String run = Long.toString(System.currentTimeMillis(), 36);
        Pass pass;
        try {
            long loadStart = System.nanoTime();
            BenchDatabases.loadDemoSchool(BenchDatabases.dataSource(url), demo);
            out.printf("demo school loaded (%d students) in %.1f s%n", demo.students(), (System.nanoTime() - loadStart) / 1e9);
            try (var context = BenchDatabases.service(url, WebApplicationType.NONE,
                            "--journal-archive.storage.archive-bucket=ja-bench-year-end-" + run,
                            "--journal-archive.storage.drafts-bucket=ja-bench-year-end-drafts-" + run,
                            "--journal-archive.runs.poll=100ms",
                            "--journal-archive.signing.schools.demo.director.keystore=" + keys.resolve("director.p12"),
                            "--journal-archive.signing.schools.demo.director.password=" + password,
                            // the service's own TSA, in-process, so that both passes time-stamp alike
                            "--journal-archive.signing.test-tsa.enabled=true",
                            "--journal-archive.signing.test-tsa.stamps-own-signatures=true",
                            "--journal-archive.signing.test-tsa.keystore=" + keys.resolve("tsa.p12"),
                            "--journal-archive.signing.test-tsa.password=" + password,
                            "--journal-archive.signing.long-term.enabled=" + longTerm,
                            "--journal-archive.signing.long-term.crl-urls=" + crlUrls)) {
                var plan = context.getBean(ArchiveRunPlanner.class).plan("demo", Integer.toString(demo.year()), null, null, false);
                var rendering = context.getBean(DocumentRendering.class);
                int workers = context.getBean(ru.journalarchive.app.config.JournalArchiveProperties.class).runs().workers();
                // A first pass warms the JIT and the class snapshots, which the run then finds as well; a quarter run
                // warms the rest of the pipeline, so that the run is measured warm, as rendering alone is.
                renderAlone(rendering, plan, workers);
                var runs = context.getBean(ArchiveRuns.class);
                warmPipeline(context, runs, Integer.toString(demo.year()), plan);
                double renderOnly = renderAlone(rendering, plan, workers);
                out.printf("%d documents (year journals and ledgers); rendering them alone on %d threads, as many as the run's "
                        + "workers: %.1f s%n", plan.size(), workers, renderOnly);

                ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
                double cpuAtStart = cpuSeconds();
                double serversAtStart = serversCpuSeconds();
                double jitAtStart = jitSeconds();
                var metrics = context.getBean(MeterRegistry.class);
                double[] stepsAtStart = {seconds(metrics, "render"), seconds(metrics, "sign"), seconds(metrics, "store")}; // the warm-up's
                long start = System.nanoTime();
                long id = runs.start("demo", Integer.toString(demo.year()), null, null, "bench", plan);
                await(runs, id, "AWAITING_SIGNATURE", plan.size());
                double rendered = (System.nanoTime() - start) / 1e9;
                double cpuRendered = cpuSeconds(), serversRendered = serversCpuSeconds(), jitRendered = jitSeconds();
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
                        + "process %.1f s on %d cores%n", workers, seconds(metrics, "render") - stepsAtStart[0],
                        seconds(metrics, "sign") - stepsAtStart[1], seconds(metrics, "store") - stepsAtStart[2], cpuSeconds() - cpuAtStart, cores);
                out.printf("CPU (s) of this process (of it the JIT compiler's) / of the S3 server and PostgreSQL when they run on this "
                        + "machine: rendering %.1f (%.1f) / %.1f, signing and archiving %.1f (%.1f) / %.1f%n", cpuRendered - cpuAtStart,
                        jitRendered - jitAtStart, serversRendered - serversAtStart, cpuSeconds() - cpuRendered, jitSeconds() - jitRendered,
                        serversCpuSeconds() - serversRendered);
                // The servers' share cannot overlap with this process's own work on the same cores.
                double serversAfter = serversCpuSeconds() - serversRendered;
                out.printf("the S3 server and PostgreSQL alone needed %.1f s of the %d cores after the approval: were signing and "
                        + "archiving free in this process, the ratio would still be %.2f×%n", serversAfter / cores, cores,
                        (rendered + approval + serversAfter / cores) / renderOnly);
                printVolume(context.getBean(org.springframework.jdbc.core.JdbcTemplate.class), id, out);
                pass = new Pass(wall, (cpuSeconds() - cpuAtStart) / plan.size());
            }
        } finally {
            BenchDatabases.drop(url);
        }
        return pass;
    }

    /** What the run hashed, signed and stored: every byte of it is hashed with Streebog, which dominates signing. */
    private static void printVolume(org.springframework.jdbc.core.JdbcTemplate jdbc, long run, PrintStream out) {
        jdbc.query("""
                SELECT o.key AS name, count(*) AS files, sum((o.value->>'size')::bigint) AS bytes
                FROM archived_document d, jsonb_each(d.objects) o
                WHERE d.document_id IN (SELECT document_id FROM run_document WHERE run_id = ?)
                GROUP BY o.key ORDER BY o.key""",
                (org.springframework.jdbc.core.RowCallbackHandler) r -> out.printf("archived %s: %d files, %.1f MB (%.0f kB each)%n",
                        r.getString("name"), r.getLong("files"), r.getLong("bytes") / 1e6, r.getLong("bytes") / 1e3 / r.getLong("files")), run);
    }

    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * CPU of the JIT compiler threads (Linux: their /proc entries), which on 2 cores is taken from the run;
     * a compiler thread that ended meanwhile is missed, so this is a lower bound.
     */
    static double jitSeconds() {
        try (var tasks = Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            return tasks.mapToDouble(task -> {
                try {
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) return 0;
                    String[] stat = Files.readString(task.resolve("stat")).replaceFirst(".*\\) ", "").split(" ");
                    return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0; // utime + stime in ticks of 1/100 s
                } catch (java.io.IOException e) {
                    return 0; // the thread ended
                }
            }).sum();
        } catch (java.io.IOException e) {
            return Double.NaN; // not Linux
        }
    }

    /** CPU of the local radosgw, ceph-osd and postgres processes: on a 2-core machine they share the cores with the run. */
    static double serversCpuSeconds() {
        return ProcessHandle.allProcesses().map(ProcessHandle::info)
                .filter(i -> i.command().map(c -> c.endsWith("/radosgw") || c.endsWith("/ceph-osd") || c.endsWith("/postgres")
                        || c.endsWith("/minio")).orElse(false))
                .mapToDouble(i -> i.totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(0.0)).sum();
    }

    private static double seconds(MeterRegistry metrics, String step) {
        Timer timer = metrics.find("journal_archive.step").tag("step", step).timer();
        return timer == null ? 0 : timer.totalTime(TimeUnit.SECONDS);
    }

    /**
     * The first quarter of grades 1-9 through the whole pipeline (render, the director's approval,
     * signing, the locked archive, the catalogue): without it the run measured signing and storing cold,
     * C2 compiling S3, CMS and catalogue code for 27 of its 73 CPU-seconds, against warm rendering.
     */
    private static void warmPipeline(org.springframework.context.ApplicationContext context, ArchiveRuns runs, String year,
                                     List<PlannedDocument> yearEnd) throws InterruptedException {
        var planner = context.getBean(ArchiveRunPlanner.class);
        var approval = context.getBean(DirectorSigning.class);
        var classes = yearEnd.stream().map(PlannedDocument::classId).filter(java.util.Objects::nonNull).distinct()
                .filter(c -> c.matches(".*-[1-9][a-z]")).toList(); // grades 1-9 have quarters
        for (String classId : classes) {
            var plan = planner.plan("demo", year, year + "-q1", classId, false);
            long id = runs.start("demo", year, year + "-q1", classId, "bench warm-up", plan);
            await(runs, id, "AWAITING_SIGNATURE", plan.size());
            approval.approveForServerKey("demo", plan.stream().map(PlannedDocument::documentId).toList(), "bench warm-up");
            await(runs, id, "ARCHIVED", plan.size());
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
