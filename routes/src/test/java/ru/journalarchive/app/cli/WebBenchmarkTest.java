package ru.journalarchive.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** bench web on a small catalogue: sessions sign in through the form and every kind of page answers, without errors. */
class WebBenchmarkTest {

    @Test
    void signedInSessionsBrowseSearchAndDocumentPagesWithoutErrors() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"bench", "web", "--rows", "2000", "--seconds", "2", "--concurrency", "4"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        var all = Pattern.compile("(?m)^all pages +(\\d+) requests, +([\\d.]+) requests/s, p50 .* errors (\\d+)$").matcher(printed);
        assertThat(all.find()).as(printed).isTrue();
        assertThat(Long.parseLong(all.group(1))).isPositive();
        assertThat(all.group(3)).as("errors in\n" + printed).isEqualTo("0");
        assertThat(printed).containsPattern("(?m)^document page +[1-9]\\d* requests");
        for (var search : CatalogueFill.searches())
            assertThat(printed).containsPattern("(?m)^search: " + Pattern.quote(search.name()) + " +[1-9]\\d* requests, .* p95 ");
    }
}
