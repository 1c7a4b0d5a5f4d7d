package ru.journalarchive.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.journal.demo.DemoData;

class CliTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        out.reset();
        err.reset();
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void demoDataWritesTheSameFilesForTheSameSeed() throws Exception {
        assertThat(run("demo-data", "--out", dir.resolve("a").toString(), "--seed", "5", "--students", "60")).isZero();
        assertThat(run("demo-data", "--out", dir.resolve("b").toString(), "--seed", "5", "--students", "60")).isZero();
        List<Path> a = files(dir.resolve("a"));
        assertThat(a).hasSize(17);
        assertThat(a.get(0).getFileName().toString()).isEqualTo("001-demo-2025-roster.json");
        for (Path file : a) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file.getFileName()))).isEqualTo(Files.readAllBytes(file));
        }
        JsonNode roster = DemoData.json().readTree(a.get(0).toFile());
        assertThat(roster.get("students")).hasSize(60);
        assertThat(roster.at("/school/name").asText()).contains("Средняя общеобразовательная школа");
    }

    @Test
    void theYearOptionShiftsTheCalendar() throws Exception {
        assertThat(run("demo-data", "--out", dir.toString(), "--students", "30", "--year", "2026")).isZero();
        JsonNode roster = DemoData.json().readTree(files(dir).get(0).toFile());
        assertThat(roster.at("/academicYears/0/name").asText()).isEqualTo("2026/27");
        assertThat(roster.at("/academicYears/0/startDate").asText()).isEqualTo("2026-09-01");
    }

    @Test
    void usageErrorsExitWith64() {
        assertThat(run("demo-data")).isEqualTo(64);
        assertThat(run("demo-data", "--out", dir.toString(), "--seed", "x")).isEqualTo(64);
        assertThat(run("no-such-command")).isEqualTo(64);
        assertThat(run("token", "issue")).isEqualTo(64);
    }

    @Test
    void helpListsTheCommandsAndAMistypedOneGetsASuggestion() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("demo-data", "verify", "archive", "bench", "completion");
        assertThat(run("help", "verify")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--detached=SIG", "2    indeterminate");
        assertThat(run("bench", "render", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--passes=N", "--students=N", "--seed=N");
        assertThat(run("verfy", "ledger.pdf")).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Did you mean", "verify");
    }

    @Test
    void completionPrintsABashScriptForEveryCommand() {
        assertThat(run("completion")).isZero();
        String script = out.toString(StandardCharsets.UTF_8);
        assertThat(script).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_journal-archive")
                .contains("demo-data", "verify", "password-hash", "drafts-cleanup", "year-end", "--detached", "--fetch-crls");
        assertThat(err.size()).isZero();
    }

    @Test
    void everyCommandOptionAndParameterIsDescribedInTheHelp() {
        var commands = new java.util.ArrayDeque<>(List.of(Cli.commandLine(System.out, System.err)));
        int seen = 0;
        while (!commands.isEmpty()) {
            var spec = commands.pop().getCommandSpec();
            seen++;
            assertThat(spec.usageMessage().description()).as(spec.qualifiedName()).isNotEmpty();
            spec.args().forEach(arg -> assertThat(arg.description()).as(spec.qualifiedName() + " " + arg.paramLabel()).isNotEmpty());
            commands.addAll(spec.subcommands().values());
        }
        assertThat(seen).as("commands").isGreaterThan(25);
    }

    @Test
    void benchApiSearchesWithBasicAuthAndWithATokenWithoutErrors() {
        assertThat(run("bench", "api", "--rows", "2000", "--seconds", "2", "--concurrency", "4")).as(err.toString()).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("catalogue: 2,000 synthetic rows");
        for (String login : List.of("basic auth", "token     ")) {
            var line = java.util.regex.Pattern.compile("(?m)^" + login + ": +(\\d+) requests, +([\\d.]+) requests/s, p50 .* errors (\\d+)$")
                    .matcher(printed);
            assertThat(line.find()).as(login + " in\n" + printed).isTrue();
            assertThat(Long.parseLong(line.group(1))).as(login + " requests").isPositive();
            assertThat(Double.parseDouble(line.group(2))).as(login + " requests/s").isPositive();
            assertThat(line.group(3)).as(login + " errors").isEqualTo("0");
        }
        // Each kind of search gets its own latencies, so a slow one shows which it is.
        for (var search : CatalogueFill.searches())
            assertThat(printed).containsPattern("(?m)^token     : " + java.util.regex.Pattern.quote(search.name()) + " +[1-9]\\d* requests, p50 ");
        assertThat(printed).containsPattern("ratio token/basic: requests/s [\\d.]+×, p95 [\\d.]+×");
    }

    @Test
    void benchConnectorsPullsTheRowsThePushWroteAndPrintsBothRates() {
        assertThat(run("bench", "connectors", "--students", "30")).as(err.toString()).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        var push = java.util.regex.Pattern.compile("(?m)^push \\(HTTP API\\) +: (\\d+) records in [\\d.,]+ s = (\\d+) records/s$").matcher(printed);
        var pull = java.util.regex.Pattern.compile("(?m)^pull \\(Дневник.ру, fake\\) : (\\d+) records in [\\d.,]+ s = (\\d+) records/s, "
                + "(\\d+) HTTP requests \\(limit 1000/s\\), sync OK$").matcher(printed);
        assertThat(push.find()).as(printed).isTrue();
        assertThat(pull.find()).as(printed).isTrue();
        assertThat(Long.parseLong(push.group(1))).isGreaterThan(10_000).isEqualTo(Long.parseLong(pull.group(1)));
        assertThat(Long.parseLong(push.group(2))).isPositive();
        assertThat(Long.parseLong(pull.group(2))).isPositive();
        assertThat(Long.parseLong(pull.group(3))).as("requests").isGreaterThan(11);
        assertThat(printed).containsPattern("(?m)^ratio pull / push +: [\\d.,]+$");
        var pushed = java.util.regex.Pattern.compile("(?m)^rows pushed: (\\{.*mark=[1-9].*})$").matcher(printed);
        assertThat(pushed.find()).as(printed).isTrue();
        assertThat(printed).contains("rows pulled: " + pushed.group(1));
    }

    @Test
    void passwordHashPrintsABcryptHashThatMatchesThePassword() throws Exception {
        var out = new ByteArrayOutputStream();
        assertThat(PasswordHashCommand.hash(new java.io.ByteArrayInputStream("correct horse battery\n".getBytes()),
                new PrintStream(out))).isZero();
        String hash = out.toString().trim();
        assertThat(hash).startsWith("{bcrypt}$2a$");
        var encoder = org.springframework.security.crypto.factory.PasswordEncoderFactories.createDelegatingPasswordEncoder();
        assertThat(encoder.matches("correct horse battery", hash)).isTrue();
        assertThat(encoder.matches("wrong horse battery", hash)).isFalse();
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
