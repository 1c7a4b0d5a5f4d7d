package ru.journalarchive.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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

    int run(String... args) {
        return Cli.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
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
    void passwordHashPrintsABcryptHashThatMatchesThePassword() throws Exception {
        var out = new ByteArrayOutputStream();
        assertThat(Cli.passwordHash(new java.io.ByteArrayInputStream("correct horse battery\n".getBytes()),
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
