package ru.journalarchive.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.journal.testing.TestDatabase;

/**
 * Two nodes on one database: a node that starts again takes back the documents it held when it
 * stopped, and leaves alone those another node is working on (taking them would store them twice).
 */
class LeasesTest {

    final TestDatabase db = TestDatabase.empty();
    final JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
    final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));

    {
        Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/routes").table("routes_schema_history").load().migrate();
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void aRestartingNodeTakesBackItsOwnDocumentsAndNotThoseOfTheNodeBesideIt() {
        var first = node("node-1");
        var second = node("node-2");
        var plan = List.of(journal("math"), journal("rus"));
        first.start("demo", "2025", "2025-q1", "c-2025-5a", "test", plan);

        assertThat(first.claimDue(1)).hasSize(1);
        assertThat(second.claimDue(1)).hasSize(1);
        assertThat(first.claimDue(10)).isEmpty();

        // node-2 restarts: its document is free again at once; node-1's stays with node-1.
        var secondAgain = node("node-2");
        assertThat(secondAgain.releaseLeases()).isEqualTo(1);
        var taken = first.claimDue(10);
        assertThat(taken).hasSize(1);
        assertThat(secondAgain.claimDue(10)).isEmpty();

        // node-1 restarts: what it held comes back to whichever node claims next.
        assertThat(node("node-1").releaseLeases()).isEqualTo(2);
        assertThat(secondAgain.claimDue(10)).extracting(RunDocument::documentId)
                .containsExactlyInAnyOrderElementsOf(plan.stream().map(PlannedDocument::documentId).toList());
    }

    private ArchiveRuns node(String name) {
        return new ArchiveRuns(jdbc, transactions, 5, Duration.ofSeconds(10), Duration.ofMinutes(10), name);
    }

    private static PlannedDocument journal(String subject) {
        return PlannedDocument.of(DocumentKind.JOURNAL, "demo", "2025", "2025-q1", "c-2025-5a", subject, null, true);
    }
}
