package ru.journalarchive.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.beans.factory.BeanFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ru.journalarchive.app.archive.DisposalActPrinter;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.run.DraftsCleanup;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.storage.catalogue.CatalogueRebuild;
import ru.journalarchive.storage.catalogue.Disposal;
import ru.journalarchive.storage.catalogue.FixityAudit;
import ru.journalarchive.storage.catalogue.LegalHolds;

/**
 * The archivist's and administrator's care of the archive from the command line: rebuild the
 * catalogue from the manifests, the fixity audit, legal hold, disposal, drafts.
 */
@Command(name = "archive", description = "Care of the archive beside the running service: catalogue, fixity, legal hold, "
        + "disposal, drafts (application.yml and the DB_* and S3_* variables, as the service).",
        subcommands = {ArchiveCommand.Rebuild.class, ArchiveCommand.Fixity.class, ArchiveCommand.FixityReport.class,
                ArchiveCommand.Hold.class, ArchiveCommand.Release.class, ArchiveCommand.DisposalCommand.class,
                ArchiveCommand.DraftsCleanupCommand.class, ArchiveCommand.EvidenceCommand.class})
final class ArchiveCommand {

    /** A command on the archive's beans, opened for it alone. */
    abstract static class OnArchive extends CliCommand {
        @Override
        public Integer call() throws Exception {
            try (var context = ArchiveContext.open()) {
                return run(context);
            }
        }

        abstract int run(BeanFactory beans) throws Exception;
    }

    /** Who acts, for the audit trail. */
    static final class Actor {
        @Option(names = "--actor", paramLabel = "NAME", description = "Who acts, for the audit trail.")
        String name = "cli:" + System.getProperty("user.name");
    }

    @Command(name = "rebuild", description = "Catalogues every manifest in the archive bucket that the catalogue lacks.")
    static final class Rebuild extends OnArchive {
        @Option(names = "--prefix", paramLabel = "P", description = "Only the packages under this key prefix.")
        String prefix = "";

        @Override
        int run(BeanFactory beans) {
            int added = beans.getBean(CatalogueRebuild.class).rebuild(prefix);
            out().println("catalogue rebuilt from the manifests: " + added + " documents added");
            return 0;
        }
    }

    @Command(name = "fixity", description = "Reads archived objects back and compares their hashes with the catalogue; "
            + "exit code 1 when one differs.")
    static final class Fixity extends OnArchive {
        @Option(names = "--sample", paramLabel = "N", description = "Check N documents at random; 0 checks all.")
        int sample;

        @Override
        int run(BeanFactory beans) {
            var summary = beans.getBean(FixityAudit.class).run(sample);
            out().println("fixity run " + summary.runId() + ": " + summary.checked() + " objects checked, " + summary.failures()
                    + " failures");
            return summary.failures() == 0 ? 0 : 1;
        }
    }

    @Command(name = "fixity-report", description = "The last finished fixity run and what it found; exit code 1 on damage.")
    static final class FixityReport extends OnArchive {
        @Override
        int run(BeanFactory beans) {
            var report = beans.getBean(FixityAudit.class).lastReport();
            if (report.isEmpty()) {
                out().println("no fixity run has finished yet");
                return 0;
            }
            var r = report.get();
            out().println("fixity run " + r.run().runId() + " (" + r.startedAt() + " … " + r.finishedAt() + "): "
                    + r.run().checked() + " objects checked, " + r.run().failures() + " failures");
            r.findings().forEach(f -> out().println("  " + f.documentId() + "/" + f.objectName() + " " + f.problem()
                    + " expected " + f.expected() + " got " + f.actual()));
            return r.run().failures() == 0 ? 0 : 1;
        }
    }

    /** Placing or lifting a legal hold: the same arguments, recorded with the reason and the actor. */
    abstract static class HoldChange extends OnArchive {
        @Parameters(paramLabel = "DOCUMENT", description = "The document's id.")
        String document;
        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why, for the audit trail.")
        String reason;
        @Mixin
        Actor actor;
    }

    @Command(name = "hold", description = "Places a legal hold: the document is kept past its retention until released.")
    static final class Hold extends HoldChange {
        @Override
        int run(BeanFactory beans) {
            beans.getBean(LegalHolds.class).place(document, reason, actor.name);
            out().println("legal hold placed on " + document);
            return 0;
        }
    }

    @Command(name = "release", description = "Lifts a legal hold.")
    static final class Release extends HoldChange {
        @Override
        int run(BeanFactory beans) {
            beans.getBean(LegalHolds.class).lift(document, reason, actor.name);
            out().println("legal hold lifted from " + document);
            return 0;
        }
    }

    @Command(name = "disposal", description = "Destruction of the documents whose retention has run out: list, prepare an act, "
            + "confirm it.", subcommands = {DisposalList.class, DisposalPrepare.class, DisposalConfirm.class})
    static final class DisposalCommand {}

    @Command(name = "list", description = "Lists the documents that may be destroyed.")
    static final class DisposalList extends OnArchive {
        @Override
        int run(BeanFactory beans) {
            var eligible = beans.getBean(Disposal.class).eligible(Instant.now());
            eligible.forEach(d -> out().println(d.documentId() + "\t" + d.retainUntil().toLocalDate() + "\t"
                    + d.metadata().getOrDefault("title", "")));
            out().println(eligible.size() + " documents may be destroyed");
            return 0;
        }
    }

    @Command(name = "prepare", description = "Prepares the act of destruction (PDF) for them; nothing is deleted until it is "
            + "confirmed.")
    static final class DisposalPrepare extends OnArchive {
        @Option(names = "--out", paramLabel = "ACT.pdf", required = true, description = "Where to write the act.")
        Path act;
        @Mixin
        Actor actor;

        @Override
        int run(BeanFactory beans) throws Exception {
            var disposal = beans.getBean(Disposal.class);
            var properties = beans.getBean(JournalArchiveProperties.class);
            var printer = new DisposalActPrinter(beans.getBean(ReportEngine.class), properties.storage().organisation(), actor.name,
                    ZoneId.of(properties.reports().timeZone()));
            long number = disposal.prepare(actor.name, printer);
            Files.write(act, disposal.actPdf(number));
            out().println("disposal act " + number + " prepared: " + act + "; nothing is deleted until "
                    + "'archive disposal confirm " + number + "'");
            return 0;
        }
    }

    @Command(name = "confirm", description = "Destroys the documents of a prepared act; one held or whose retention was extended "
            + "meanwhile is refused.")
    static final class DisposalConfirm extends OnArchive {
        @Parameters(paramLabel = "ACT", description = "The act's number, as prepare printed it.")
        Long act;
        @Mixin
        Actor actor;

        @Override
        int run(BeanFactory beans) {
            var outcome = beans.getBean(Disposal.class).confirm(act, actor.name);
            out().println("disposal act " + act + ": " + outcome.disposed() + " documents destroyed, " + outcome.refused().size()
                    + " refused");
            outcome.refused().forEach(r -> out().println("  " + r.documentId() + ": " + r.reason()));
            return 0;
        }
    }

    @Command(name = "drafts-cleanup", description = "Removes old drafts that no document on its way needs.")
    static final class DraftsCleanupCommand extends OnArchive {
        @Override
        int run(BeanFactory beans) {
            var cleanup = beans.getBean(DraftsCleanup.class);
            out().println("removed " + cleanup.run() + " drafts older than " + cleanup.maxAge() + " that no waiting document needs");
            return 0;
        }
    }

    @Command(name = "evidence", description = "The archive's evidence records (RFC 4998).",
            subcommands = {EvidenceStatusCommand.class})
    static final class EvidenceCommand {}

    @Command(name = "status", description = "Packages not yet covered by an evidence record and the nearest renewal deadline; "
            + "exit code 1 when a renewal is overdue.")
    static final class EvidenceStatusCommand extends OnArchive {
        @Override
        int run(BeanFactory beans) {
            var status = beans.getBean(ru.journalarchive.app.archive.ArchiveEvidence.class).status();
            out().println("packages not yet covered by an evidence record: " + status.uncoveredDocuments());
            out().println("records still being written: " + status.unfinishedObjects());
            if (status.nearestRenewalDeadline() == null) {
                out().println("no evidence record to renew yet");
                return 0;
            }
            boolean overdue = status.nearestRenewalDeadline().isBefore(java.time.Instant.now());
            out().println("nearest renewal deadline: " + status.nearestRenewalDeadline() + " (record " + status.nearestRecordId()
                    + (overdue ? ", OVERDUE" : "") + ")");
            return overdue ? 1 : 0;
        }
    }
}
