package ru.journalarchive.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The jar's commands besides {@code serve} (which {@code JournalArchiveApplication} starts itself).
 * Every subcommand inherits the attributes set here: --help and --version, defaults shown in the
 * help, exit code 64 on a usage error.
 */
@Command(name = "journal-archive", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        showDefaultValues = true, exitCodeOnInvalidInput = Cli.USAGE,
        description = {"Журнал-Архив: the commands of journal-archive.jar. Without a command, or with 'serve', the jar runs "
                + "the service.", "Database commands read DB_URL, DB_USER and DB_PASSWORD from the environment; the archive "
                + "commands and bench storage, year-end and api also read the S3_* variables, as the service does."},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:done", "1:failed", "64:usage error"},
        subcommands = {HelpCommand.class, DemoDataCommand.class, SchoolCommand.class, TokenCommand.class, VerifyCommand.class,
                KeysCommand.class, PasswordHashCommand.class, ArchiveCommand.class, RunCommand.class, ConnectorCommand.class, BenchCommand.class,
                CompletionCommand.class})
public final class Cli {

    static final int USAGE = 64;
    private static final String LOGGING = "cli-logback.xml";

    final PrintStream out;

    private Cli(PrintStream out) {
        this.out = out;
    }

    /** The process's command: logs go to stderr, stdout carries only the command's output. */
    public static int run(String[] args) {
        // Logback reads its configuration once, now; Spring Boot, when a command starts an application, reads logging.config
        // (and warns of logback's property, so that goes).
        System.setProperty("logback.configurationFile", LOGGING);
        LoggerFactory.getILoggerFactory();
        System.clearProperty("logback.configurationFile");
        System.setProperty("logging.config", "classpath:" + LOGGING);
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        return new CommandLine(new Cli(out)).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler(Cli::failed);
    }

    /** A usage error that a command finds itself is reported as picocli reports its own; anything else is a failure. */
    private static int failed(Exception e, CommandLine command, ParseResult parsed) throws Exception {
        if (e instanceof UsageException)
            return command.getParameterExceptionHandler().handleParseException(new ParameterException(command, e.getMessage(), e),
                    parsed.originalArgs().toArray(String[]::new));
        command.getErr().println("error: " + e.getMessage());
        return 1;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The user's mistake that only the command can see (a file it cannot read, a missing password): exit code 64. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** The version in the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"journal-archive " + (version == null ? "(not run from the jar)" : version)};
        }
    }
}
