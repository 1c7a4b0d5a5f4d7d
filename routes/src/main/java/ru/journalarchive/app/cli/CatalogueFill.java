package ru.journalarchive.app.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Option;
import ru.journalarchive.storage.catalogue.CatalogueQuery;

/**
 * A synthetic archive catalogue the size of a region's after decades (400 schools, 12 years, journals,
 * ledgers, parent and monitoring reports) and the searches an archivist makes over it, for the benchmarks
 * that search it directly (bench storage) and over HTTP (bench api).
 */
final class CatalogueFill {

    private CatalogueFill() {}

    /** The option of the benchmarks over the synthetic catalogue: how many rows. */
    static final class Rows {

        @Option(names = "--rows", paramLabel = "N", description = "Synthetic catalogue rows to search.")
        int rows = 1_000_000;

        /** Fills the catalogue with that many rows and says so, with the time it took. */
        void fill(JdbcTemplate jdbc, PrintStream out) {
            if (rows < 0) throw new Cli.UsageException("--rows must not be negative");
            out.printf("catalogue: %,d synthetic rows written and analysed in %.1f s%n", rows, CatalogueFill.fill(jdbc, rows));
        }
    }

    /** A search with random values that the synthetic rows have. */
    record Search(String name, Function<Random, CatalogueQuery> query) {}

    /** Writes {@code rows} catalogue rows in one statement and analyses the table; returns the seconds it took. */
    static double fill(JdbcTemplate jdbc, int rows) {
        long start = System.nanoTime();
        jdbc.update("""
                INSERT INTO archived_document (document_id, kind, school, school_year, period, class_id, subject, student, title,
                    bucket, manifest_key, manifest_version, objects, retention_class, retention_mode, retain_until, created_at,
                    signed_at, signer)
                SELECT 'doc-' || g,
                       (ARRAY['journal','journal','journal','journal','summary-ledger','parent-report','monitoring-report'])[1 + g % 7],
                       'school-' || (g % 400), (2015 + (g / 7) % 12)::text, (ARRAY['q1','q2','q3','q4','year'])[1 + g % 5],
                       'c-' || (g % 400) || '-' || (1 + g % 11) || chr(1072 + g % 4), 'subject-' || (g % 23),
                       CASE WHEN g % 7 = 5 THEN 'student-' || (g % 50000) END, 'Документ ' || g, 'archive', 'k/' || g, 'v' || g,
                       '{}'::jsonb, 'journal', 'COMPLIANCE', timestamptz '2032-01-01' + ((g / 7) % 12) * interval '1 year',
                       timestamptz '2015-09-01' + (g * interval '5 minutes'),
                       timestamptz '2015-09-01' + (g * interval '5 minutes') + interval '2 days', 'Директор ' || (g % 400)
                FROM generate_series(1, ?) g""", rows);
        jdbc.execute("ANALYZE archived_document");
        return (System.nanoTime() - start) / 1e9;
    }

    /** By school and class, by kind, by signer and date, by date alone, by student, and a later page. */
    static List<Search> searches() {
        return List.of(
                new Search("school + year + class", random -> {
                    int school = random.nextInt(400);
                    return CatalogueQuery.where(Map.of("school", "school-" + school, "school_year", year(random),
                            "class_id", "c-" + school + "-" + (1 + school % 11) + "\u0430"));
                }),
                new Search("school + kind + year", random -> CatalogueQuery.where(Map.of("school", "school-" + random.nextInt(400),
                        "kind", "summary-ledger", "school_year", year(random)))),
                new Search("signer + signed in a month", random -> {
                    var from = day(random);
                    return CatalogueQuery.where(Map.of("signer", "Директор " + random.nextInt(400)))
                            .signed(new CatalogueQuery.Range(from, from.plusSeconds(86_400L * 30)));
                }),
                new Search("created in a week", random -> {
                    var from = day(random);
                    return CatalogueQuery.where(Map.of()).created(new CatalogueQuery.Range(from, from.plusSeconds(86_400L * 7)));
                }),
                new Search("student (parent reports)", random -> CatalogueQuery.where(Map.of("student",
                        "student-" + random.nextInt(50000)))),
                new Search("school + subject, page 5", random -> CatalogueQuery.where(Map.of("school",
                        "school-" + random.nextInt(400), "subject", "subject-" + random.nextInt(23))).page(5, 50)));
    }

    private static String year(Random random) {
        return Integer.toString(2015 + random.nextInt(12));
    }

    private static Instant day(Random random) {
        return Instant.parse("2016-01-01T00:00:00Z").plusSeconds(86_400L * random.nextInt(3000));
    }
}
