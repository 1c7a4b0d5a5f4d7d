package ru.journalarchive.app.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import ru.journalarchive.app.archive.DisposalActPrinter;
import ru.journalarchive.app.cli.Cli.UsageException;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.storage.catalogue.CatalogueRebuild;
import ru.journalarchive.storage.catalogue.Disposal;
import ru.journalarchive.storage.catalogue.FixityAudit;
import ru.journalarchive.storage.catalogue.LegalHolds;
import ru.journalarchive.app.run.DraftsCleanup;

/**
 * {@code archive …}: the archivist's and administrator's care of the archive from the command
 * line — rebuild the catalogue from the manifests, the fixity audit, legal hold, disposal, drafts.
 * Exit codes: 0 done, 1 failed (or the fixity audit found damage), 64 usage error.
 */
final class ArchiveCommand {

    static final String USAGE = """
            archive rebuild [--prefix P] | archive fixity [--sample N] | archive fixity-report
            archive hold DOCUMENT --reason TEXT [--actor NAME] | archive release DOCUMENT --reason TEXT [--actor NAME]
            archive disposal list | archive disposal prepare --out ACT.pdf [--actor NAME] | archive disposal confirm ACT [--actor NAME]
            archive drafts-cleanup""";

    private ArchiveCommand() {}

    static int run(String[] args, PrintStream out) {
        if (args.length < 2) throw new UsageException(USAGE);
        try (var context = ArchiveContext.open()) {
            return run(args, out, context);
        }
    }

    static int run(String[] args, PrintStream out, BeanFactory beans) {
        if (args.length < 2) throw new UsageException(USAGE);
        return switch (args[1]) {
            case "rebuild" -> {
                var o = Cli.options(args, 2);
                int added = beans.getBean(CatalogueRebuild.class).rebuild(o.getOrDefault("prefix", ""));
                out.println("catalogue rebuilt from the manifests: " + added + " documents added");
                yield 0;
            }
            case "fixity" -> {
                var summary = beans.getBean(FixityAudit.class).run((int) Cli.number(Cli.options(args, 2), "sample", 0));
                out.println("fixity run " + summary.runId() + ": " + summary.checked() + " objects checked, "
                        + summary.failures() + " failures");
                yield summary.failures() == 0 ? 0 : 1;
            }
            case "fixity-report" -> {
                var report = beans.getBean(FixityAudit.class).lastReport();
                if (report.isEmpty()) {
                    out.println("no fixity run has finished yet");
                    yield 0;
                }
                var r = report.get();
                out.println("fixity run " + r.run().runId() + " (" + r.startedAt() + " … " + r.finishedAt() + "): "
                        + r.run().checked() + " objects checked, " + r.run().failures() + " failures");
                r.findings().forEach(f -> out.println("  " + f.documentId() + "/" + f.objectName() + " " + f.problem()
                        + " expected " + f.expected() + " got " + f.actual()));
                yield r.run().failures() == 0 ? 0 : 1;
            }
            case "hold", "release" -> {
                if (args.length < 3) throw new UsageException(USAGE);
                var o = Cli.options(args, 3);
                if (!o.containsKey("reason")) throw new UsageException("archive " + args[1] + " needs --reason TEXT");
                var holds = beans.getBean(LegalHolds.class);
                if (args[1].equals("hold")) holds.place(args[2], o.get("reason"), actor(o));
                else holds.lift(args[2], o.get("reason"), actor(o));
                out.println((args[1].equals("hold") ? "legal hold placed on " : "legal hold lifted from ") + args[2]);
                yield 0;
            }
            case "disposal" -> disposal(Arrays.copyOfRange(args, 2, args.length), out, beans);
            case "drafts-cleanup" -> {
                var cleanup = beans.getBean(DraftsCleanup.class);
                out.println("removed " + cleanup.run() + " drafts older than " + cleanup.maxAge() + " that no waiting document needs");
                yield 0;
            }
            default -> throw new UsageException(USAGE);
        };
    }

    private static int disposal(String[] args, PrintStream out, BeanFactory beans) {
        var disposal = beans.getBean(Disposal.class);
        if (args.length == 1 && args[0].equals("list")) {
            var eligible = disposal.eligible(Instant.now());
            eligible.forEach(d -> out.println(d.documentId() + "\t" + d.retainUntil().toLocalDate() + "\t"
                    + d.metadata().getOrDefault("title", "")));
            out.println(eligible.size() + " documents may be destroyed");
            return 0;
        }
        if (args.length >= 1 && args[0].equals("prepare")) {
            var o = Cli.options(args, 1);
            if (!o.containsKey("out")) throw new UsageException("archive disposal prepare needs --out ACT.pdf");
            var properties = beans.getBean(JournalArchiveProperties.class);
            var printer = new DisposalActPrinter(beans.getBean(ReportEngine.class), properties.storage().organisation(), actor(o),
                    java.time.ZoneId.of(properties.reports().timeZone()));
            long act = disposal.prepare(actor(o), printer);
            try {
                Files.write(Path.of(o.get("out")), disposal.actPdf(act));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            out.println("disposal act " + act + " prepared: " + o.get("out") + "; nothing is deleted until "
                    + "'archive disposal confirm " + act + "'");
            return 0;
        }
        if (args.length >= 2 && args[0].equals("confirm")) {
            long act;
            try {
                act = Long.parseLong(args[1]);
            } catch (NumberFormatException e) {
                throw new UsageException("archive disposal confirm needs the act number");
            }
            var outcome = disposal.confirm(act, actor(Cli.options(args, 2)));
            out.println("disposal act " + act + ": " + outcome.disposed() + " documents destroyed, "
                    + outcome.refused().size() + " refused");
            outcome.refused().forEach(r -> out.println("  " + r.documentId() + ": " + r.reason()));
            return 0;
        }
        throw new UsageException(USAGE);
    }

    private static String actor(Map<String, String> options) {
        return options.getOrDefault("actor", "cli:" + System.getProperty("user.name"));
    }
}
