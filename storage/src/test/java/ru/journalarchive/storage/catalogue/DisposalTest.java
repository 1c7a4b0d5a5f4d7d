package ru.journalarchive.storage.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.storage.archive.Manifest;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.testing.ArchiveFixture;
import ru.journalarchive.storage.testing.ShortRetention;

/**
 * Destruction after retention: only what has run out and is not held is listed, the act is kept,
 * and on confirmation the objects are gone. Five years cannot pass in a test, so GOVERNANCE
 * retention is shortened to a few seconds with the bypass right, which COMPLIANCE never allows.
 */
class DisposalTest {

    static ArchiveFixture f;
    static TransactionTemplate transactions;

    @BeforeAll
    static void setUp() {
        f = new ArchiveFixture();
        transactions = new TransactionTemplate(new DataSourceTransactionManager(f.db.dataSource()));
    }

    @AfterAll
    static void tearDown() throws Exception {
        f.close();
    }

    @Test
    void anArchivistDestroysOnlyWhatHasRunOutAndTheActRecordsEveryRefusal() throws Exception {
        var governance = f.writer(RetentionMode.GOVERNANCE, f.retrying);
        var expired = governance.store(f.ledger("old-ledger-" + f.run));
        var heldBeforeListing = governance.store(f.ledger("held-ledger-" + f.run));
        var heldAfterListing = governance.store(f.ledger("court-ledger-" + f.run));
        var kept = f.writer.store(f.ledger("kept-ledger-" + f.run));
        var lockedOnServer = f.writer.store(f.ledger("locked-ledger-" + f.run));
        var runsOut = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        for (var document : List.of(expired, heldBeforeListing, heldAfterListing))
            ShortRetention.shorten(f.s3, f.bucket, f.jdbc, document, runsOut);
        // The catalogue claims this one has run out, but its COMPLIANCE lock on the server says 2052.
        f.jdbc.update("UPDATE archived_document SET retain_until = ? WHERE document_id = ?", Timestamp.from(runsOut.toInstant()),
                lockedOnServer.documentId());
        var holds = new LegalHolds(f.catalogue, f.archive, f.jdbc, transactions);
        holds.place(heldBeforeListing.documentId(), "Проверка прокуратуры", "archivist:petrova");
        ShortRetention.waitPast(runsOut);

        var disposal = new Disposal(f.catalogue, f.archive, f.jdbc, transactions, Clock.systemUTC());
        assertThat(disposal.eligible(Instant.now()).stream().map(ArchivedDocument::documentId))
                .containsExactlyInAnyOrder(expired.documentId(), heldAfterListing.documentId(), lockedOnServer.documentId());
        var listed = new ArrayList<String>();
        long act = disposal.prepare("archivist:petrova", (number, at, documents) -> {
            documents.forEach(d -> listed.add(d.documentId()));
            return ("Акт № " + number).getBytes(StandardCharsets.UTF_8);
        });
        assertThat(listed).hasSize(3);
        assertThat(new String(disposal.actPdf(act), StandardCharsets.UTF_8)).isEqualTo("Акт № " + act);
        assertThat(f.versionCounts(prefix(expired))).as("nothing is deleted before confirmation").hasSize(4);

        holds.place(heldAfterListing.documentId(), "Запрос суда", "archivist:petrova");
        var outcome = disposal.confirm(act, "archivist:ivanov");

        assertThat(outcome.disposed()).isEqualTo(1);
        assertThat(outcome.refused()).extracting(Disposal.Refusal::documentId)
                .containsExactlyInAnyOrder(heldAfterListing.documentId(), lockedOnServer.documentId());
        assertThat(outcome.refused()).filteredOn(r -> r.documentId().equals(lockedOnServer.documentId()))
                .singleElement().satisfies(r -> assertThat(r.reason()).startsWith("Хранилище отказало в удалении"));
        assertThat(f.versionCounts(prefix(expired))).isEmpty();
        for (var document : List.of(heldBeforeListing, heldAfterListing, kept, lockedOnServer))
            assertThat(f.versionCounts(prefix(document))).as(document.documentId()).hasSize(4);
        assertThat(f.catalogue.find(expired.documentId()).orElseThrow().disposedByAct()).isEqualTo(act);
        assertThat(f.catalogue.search(CatalogueQuery.where(Map.of("school", "demo")).page(0, 100)))
                .extracting(ArchivedDocument::documentId).doesNotContain(expired.documentId()).contains(kept.documentId());
        assertThat(f.jdbc.queryForMap("SELECT status, confirmed_by FROM disposal_act WHERE id = ?", act))
                .containsEntry("status", "CONFIRMED").containsEntry("confirmed_by", "archivist:ivanov");

        // Confirming again changes nothing; a rebuild from the bucket cannot bring the destroyed document back.
        assertThat(disposal.confirm(act, "archivist:ivanov").disposed()).isEqualTo(1);
        f.jdbc.update("DELETE FROM disposal_act_item WHERE document_id = ?", expired.documentId());
        f.jdbc.update("DELETE FROM archived_document WHERE document_id = ?", expired.documentId());
        new CatalogueRebuild(f.archive, f.catalogue, f.json).rebuild("demo/");
        assertThat(f.catalogue.find(expired.documentId())).isEmpty();
    }

    @Test
    void nothingToDestroyIsSaidPlainly() {
        var disposal = new Disposal(f.catalogue, f.archive, f.jdbc, transactions,
                Clock.offset(Clock.systemUTC(), Duration.ofDays(-365L * 100)));
        assertThatThrownBy(() -> disposal.prepare("archivist:petrova", (n, at, d) -> new byte[0]))
                .hasMessage("Нет документов с истёкшим сроком хранения");
    }

    @Test
    void anActFromASelectionTakesOnlyEligibleDocumentsAndSaysWhyEachOtherIsRefused() throws Exception {
        var governance = f.writer(RetentionMode.GOVERNANCE, f.retrying);
        var first = governance.store(f.ledger("first-ledger-" + f.run));
        var second = governance.store(f.ledger("second-ledger-" + f.run));
        var held = governance.store(f.ledger("hold-ledger-" + f.run));
        var kept = f.writer.store(f.ledger("young-ledger-" + f.run));
        var runsOut = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        for (var document : List.of(first, second, held)) ShortRetention.shorten(f.s3, f.bucket, f.jdbc, document, runsOut);
        var holds = new LegalHolds(f.catalogue, f.archive, f.jdbc, transactions);
        holds.place(held.documentId(), "Запрос суда", "archivist:petrova");
        ShortRetention.waitPast(runsOut);
        var disposal = new Disposal(f.catalogue, f.archive, f.jdbc, transactions, Clock.systemUTC());
        Disposal.ActPrinter printer = (number, at, documents) -> ("Акт № " + number + ": " + documents.stream()
                .map(ArchivedDocument::documentId).toList()).getBytes(StandardCharsets.UTF_8);
        int acts = f.jdbc.queryForObject("SELECT count(*) FROM disposal_act", Integer.class);

        assertThat(disposal.heldPastRetention(Instant.now())).isGreaterThanOrEqualTo(1);
        int eligible = disposal.countEligible(Instant.now(), "demo");
        assertThat(eligible).isGreaterThanOrEqualTo(2);
        assertThat(disposal.eligible(Instant.now(), "demo", 1)).hasSize(1);
        assertThat(disposal.eligible(Instant.now(), "demo", eligible)).extracting(ArchivedDocument::documentId)
                .contains(first.documentId(), second.documentId()).doesNotContain(held.documentId(), kept.documentId());
        assertThat(disposal.countEligible(Instant.now(), "no-such-school")).isZero();
        assertThatThrownBy(() -> disposal.prepare("archivist:petrova", List.of(first.documentId(), held.documentId(),
                kept.documentId(), "no-such-" + f.run), printer))
                .isInstanceOfSatisfying(Disposal.NotEligible.class, e -> assertThat(e.refusals()).containsExactly(
                        new Disposal.Refusal(held.documentId(), "На документ наложено удержание (legal hold)"),
                        new Disposal.Refusal(kept.documentId(), "Срок хранения не истёк: хранится до 01.01.2052"),
                        new Disposal.Refusal("no-such-" + f.run, "Документа нет в архиве")))
                .hasMessageStartingWith("Не подлежат уничтожению: " + held.documentId() + " — На документ наложено удержание");
        assertThatThrownBy(() -> disposal.prepare("archivist:petrova", List.of(" "), printer))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Не выбрано ни одного документа");
        assertThat(f.jdbc.queryForObject("SELECT count(*) FROM disposal_act", Integer.class)).as("nothing prepared").isEqualTo(acts);

        long act = disposal.prepare("archivist:petrova", List.of(second.documentId(), first.documentId(), first.documentId()), printer);
        assertThat(new String(disposal.actPdf(act), StandardCharsets.UTF_8))
                .isEqualTo("Акт № " + act + ": " + List.of(first.documentId(), second.documentId()));
        assertThat(disposal.items(act)).extracting(i -> i.document().documentId()).containsExactly(first.documentId(), second.documentId());
        assertThat(disposal.act(act)).hasValueSatisfying(a -> {
            assertThat(a.preparedBy()).isEqualTo("archivist:petrova");
            assertThat(a.confirmed()).isFalse();
            assertThat(a.documents()).isEqualTo(2);
        });
        // A second open act may list the same document; its confirmation then refuses what the first destroyed.
        long again = disposal.prepare("archivist:ivanov", List.of(first.documentId()), printer);
        assertThat(disposal.acts(2)).extracting(Disposal.ActSummary::id).containsExactly(again, act);

        assertThat(disposal.confirm(act, "archivist:ivanov").disposed()).isEqualTo(2);
        assertThat(disposal.act(act)).hasValueSatisfying(a -> {
            assertThat(a.confirmed()).isTrue();
            assertThat(a.confirmedBy()).isEqualTo("archivist:ivanov");
            assertThat(a.disposed()).isEqualTo(2);
        });
        assertThat(disposal.items(act)).allSatisfy(i -> {
            assertThat(i.disposedAt()).isNotNull();
            assertThat(i.document().disposedByAct()).isEqualTo(act);
        });
        var outcome = disposal.confirm(again, "archivist:ivanov");
        assertThat(outcome.disposed()).isZero();
        assertThat(outcome.refused()).containsExactly(new Disposal.Refusal(first.documentId(), "Уже уничтожен по акту № " + act));
        assertThat(f.catalogue.find(first.documentId()).orElseThrow().disposedByAct()).isEqualTo(act);
        assertThatThrownBy(() -> disposal.prepare("archivist:petrova", List.of(first.documentId()), printer))
                .isInstanceOfSatisfying(Disposal.NotEligible.class, e -> assertThat(e.refusals()).singleElement()
                        .extracting(Disposal.Refusal::reason).isEqualTo("Уже уничтожен по акту № " + act));
        assertThat(disposal.act(Long.MAX_VALUE)).isEmpty();
        assertThat(f.versionCounts(prefix(held))).hasSize(4);
    }

    private static String prefix(ArchivedDocument document) {
        return document.manifestKey().substring(0, document.manifestKey().length() - Manifest.FILE.length());
    }
}
