package ru.journalarchive.app.cli;

import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import ru.journalarchive.journal.JournalSchema;
import ru.journalarchive.journal.school.SchoolRegistry;

@Command(name = "school", description = "The schools whose journal systems push to the archive (DB_* from the environment).",
        subcommands = {SchoolCommand.Register.class, SchoolCommand.List.class})
final class SchoolCommand {

    /** The registry in the database named by DB_URL, DB_USER, DB_PASSWORD, migrated first. */
    static SchoolRegistry registry() {
        var ds = new PGSimpleDataSource();
        ds.setUrl(Cli.env("DB_URL", "jdbc:postgresql://127.0.0.1:5432/journal_archive"));
        ds.setUser(Cli.env("DB_USER", "journal_archive"));
        ds.setPassword(Cli.env("DB_PASSWORD", ""));
        JournalSchema.migrate(ds);
        return new SchoolRegistry(new JdbcTemplate(ds));
    }

    @Command(name = "register", description = "Registers a school.")
    static final class Register extends CliCommand {
        @Parameters(index = "0", paramLabel = "CODE", description = "The school's code in the API's paths, e.g. sch18.")
        String code;
        @Parameters(index = "1", paramLabel = "NAME", description = "The school's full name.")
        String name;

        @Override
        public Integer call() {
            out().println(registry().register(code, name));
            return 0;
        }
    }

    @Command(name = "list", description = "Lists the registered schools.")
    static final class List extends CliCommand {
        @Override
        public Integer call() {
            registry().all().forEach(out()::println);
            return 0;
        }
    }
}
