package ru.journalarchive.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.journal.JournalSchema;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.school.SchoolRegistry;

/** Commands of the jar besides {@code serve}. Exit codes: 0 done, 1 failed, 64 usage error. */
public final class Cli {

    static final int USAGE = 64;
    private static final String LOGGING = "cli-logback.xml";
    static final String HELP = """
            usage: java -jar journal-archive.jar [serve]
                   java -jar journal-archive.jar demo-data --out DIR [--seed N] [--students N] [--year YYYY]
                   java -jar journal-archive.jar school register CODE NAME | school list
                   java -jar journal-archive.jar token issue SCHOOL LABEL | token list SCHOOL | token revoke ID
                   java -jar journal-archive.jar bench [ingest|render] [--students N] [--seed N] [--passes N]
                   java -jar journal-archive.jar bench signing [--seconds N]
                   java -jar journal-archive.jar bench storage [--packages N] [--rows N]   (S3_* and DB_* from the environment)
                   java -jar journal-archive.jar bench year-end [--students N]   (the whole year-end run; S3_* and DB_*)
                   java -jar journal-archive.jar password-hash < password.txt   (for JA_ADMIN_PASSWORD_HASH)
                   java -jar journal-archive.jar verify FILE [--detached SIG] [--trust CERT.pem]... [--crl CRL]... [--fetch-crls] [--format text|json|pdf] [--out FILE]
                       exit code 0 all signatures valid, 1 one invalid, 2 indeterminate, 64 usage error
                   java -jar journal-archive.jar keys --out DIR [--bits 256|512]   (a test PKI; PKCS#12 password from JA_KEYS_PASSWORD)
                   java -jar journal-archive.jar archive rebuild [--prefix P] | fixity [--sample N] | fixity-report
                   java -jar journal-archive.jar archive hold|release DOCUMENT --reason TEXT [--actor NAME]
                   java -jar journal-archive.jar archive disposal list | prepare --out ACT.pdf | confirm ACT   [--actor NAME]
                   java -jar journal-archive.jar archive drafts-cleanup
                   java -jar journal-archive.jar run start --school CODE --year YEAR [--period ID] [--class ID] [--url URL]
                   java -jar journal-archive.jar run status ID [--url URL]   (through the service's API; JA_ADMIN_PASSWORD)
                       archive commands read the S3_* variables as the service does
            Database commands read DB_URL, DB_USER, DB_PASSWORD from the environment.""";

    private Cli() {}

    /** The process's command: logs go to stderr, stdout carries only the command's output. */
    public static int run(String[] args) {
        // Read by logback on its first logger, and by Spring Boot when a command starts an application.
        System.setProperty("logback.configurationFile", LOGGING);
        System.setProperty("logging.config", "classpath:" + LOGGING);
        return run(args, System.out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return switch (args[0]) {
                case "demo-data" -> demoData(options(args, 1), out);
                case "school" -> school(args, out);
                case "token" -> token(args, out, err);
                case "bench" -> args.length > 1 && args[1].equals("render") ? RenderBenchmark.run(options(args, 2), out)
                        : args.length > 1 && args[1].equals("signing") ? SigningBenchmark.run(options(args, 2), out)
                        : args.length > 1 && args[1].equals("storage") ? StorageBenchmark.run(options(args, 2), out)
                        : args.length > 1 && args[1].equals("year-end") ? YearEndBenchmark.run(options(args, 2), out)
                        : IngestBenchmark.run(options(args, args.length > 1 && args[1].equals("ingest") ? 2 : 1), out);
                case "password-hash" -> passwordHash(System.in, out);
                case "verify" -> VerifyCommand.run(args, out);
                case "keys" -> KeysCommand.run(options(args, 1), out);
                case "archive" -> ArchiveCommand.run(args, out);
                case "run" -> RunCommand.run(args, out);
                case "help", "--help", "-h" -> {
                    out.println(HELP);
                    yield 0;
                }
                default -> usage(err, "unknown command: " + args[0]);
            };
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        } catch (Exception e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int demoData(Map<String, String> o, PrintStream out) throws Exception {
        if (!o.containsKey("out")) throw new UsageException("demo-data needs --out DIR");
        var options = new DemoOptions(number(o, "seed", DemoOptions.DEFAULT.seed()),
                (int) number(o, "students", DemoOptions.DEFAULT.students()),
                (int) number(o, "year", DemoOptions.DEFAULT.year()));
        DemoData data = DemoSchoolGenerator.generate(options);
        List<Path> files = data.writeTo(Path.of(o.get("out")));
        out.println("wrote " + files.size() + " batches to " + o.get("out") + ": " + data.distinctRecords());
        return 0;
    }

    private static int school(String[] args, PrintStream out) {
        SchoolRegistry registry = registry();
        if (args.length == 4 && args[1].equals("register")) {
            out.println(registry.register(args[2], args[3]));
        } else if (args.length == 2 && args[1].equals("list")) {
            registry.all().forEach(out::println);
        } else {
            throw new UsageException("school register CODE NAME | school list");
        }
        return 0;
    }

    private static int token(String[] args, PrintStream out, PrintStream err) {
        SchoolRegistry registry = registry();
        if (args.length == 4 && args[1].equals("issue")) {
            var issued = registry.issueToken(args[2], args[3]);
            err.println("token id " + issued.id() + " (shown once, keep it secret):");
            out.println(issued.token()); // alone, for a script to read
        } else if (args.length == 3 && args[1].equals("list")) {
            registry.tokens(args[2]).forEach(out::println);
        } else if (args.length == 3 && args[1].equals("revoke")) {
            if (!registry.revokeToken(Long.parseLong(args[2]))) {
                out.println("no live token with id " + args[2]);
                return 1;
            }
            out.println("revoked token " + args[2]);
        } else {
            throw new UsageException("token issue SCHOOL LABEL | token list SCHOOL | token revoke ID");
        }
        return 0;
    }

    /** Reads one line (the password) and prints the value for JA_ADMIN_PASSWORD_HASH. */
    static int passwordHash(java.io.InputStream in, PrintStream out) throws java.io.IOException {
        String password = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))
                .readLine();
        if (password == null || password.length() < 12) throw new UsageException("password-hash reads a password of at least 12 characters from standard input");
        out.println("{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(password));
        return 0;
    }

    static PGSimpleDataSource dataSourceFromEnvironment() {
        var ds = new PGSimpleDataSource();
        ds.setUrl(env("DB_URL", "jdbc:postgresql://127.0.0.1:5432/journal_archive"));
        ds.setUser(env("DB_USER", "journal_archive"));
        ds.setPassword(env("DB_PASSWORD", ""));
        return ds;
    }

    private static SchoolRegistry registry() {
        var ds = dataSourceFromEnvironment();
        JournalSchema.migrate(ds);
        return new SchoolRegistry(new JdbcTemplate(ds));
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static Map<String, String> options(String[] args, int from) {
        var options = new HashMap<String, String>();
        for (int i = from; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) throw new UsageException("bad option: " + args[i]);
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    static long number(Map<String, String> options, String name, long fallback) {
        try {
            return options.containsKey(name) ? Long.parseLong(options.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a number");
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println(message);
        err.println(HELP);
        return USAGE;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
