package ru.journalarchive.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "token", description = "The tokens with which a school's journal system pushes (DB_* from the environment).",
        subcommands = {TokenCommand.Issue.class, TokenCommand.List.class, TokenCommand.Revoke.class})
final class TokenCommand {

    @Command(name = "issue", description = "Issues a token for a school: the token alone on stdout (shown once), its id on stderr.")
    static final class Issue extends CliCommand {
        @Parameters(index = "0", paramLabel = "SCHOOL", description = "The school's code.")
        String school;
        @Parameters(index = "1", paramLabel = "LABEL", description = "What the token is for, e.g. the journal system's name.")
        String label;

        @Override
        public Integer call() {
            var issued = SchoolCommand.registry().issueToken(school, label);
            err().println("token id " + issued.id() + " (shown once, keep it secret):");
            out().println(issued.token()); // alone, for a script to read
            return 0;
        }
    }

    @Command(name = "list", description = "Lists a school's tokens, revoked ones included.")
    static final class List extends CliCommand {
        @Parameters(paramLabel = "SCHOOL", description = "The school's code.")
        String school;

        @Override
        public Integer call() {
            SchoolCommand.registry().tokens(school).forEach(out()::println);
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revokes a token; exit code 1 when no live token has this id.")
    static final class Revoke extends CliCommand {
        @Parameters(paramLabel = "ID", description = "The token's id, as issue and list show it.")
        Long id;

        @Override
        public Integer call() {
            if (!SchoolCommand.registry().revokeToken(id)) {
                out().println("no live token with id " + id);
                return 1;
            }
            out().println("revoked token " + id);
            return 0;
        }
    }
}
