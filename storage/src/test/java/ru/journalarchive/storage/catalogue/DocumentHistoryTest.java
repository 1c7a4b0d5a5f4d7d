package ru.journalarchive.storage.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.storage.testing.ArchiveFixture;

/** What a document's page shows of its past: the legal hold placed and lifted, and every read, newest first. */
class DocumentHistoryTest {

    static ArchiveFixture f;
    static LegalHolds holds;
    static AuditedRetrieval retrieval;

    @BeforeAll
    static void setUp() {
        f = new ArchiveFixture();
        holds = new LegalHolds(f.catalogue, f.archive, f.jdbc, new TransactionTemplate(new DataSourceTransactionManager(f.db.dataSource())));
        retrieval = new AuditedRetrieval(f.catalogue, f.archive, f.jdbc);
    }

    @AfterAll
    static void tearDown() throws Exception {
        f.close();
    }

    @Test
    void theHoldHistoryListsEachPlacingAndLiftingWithItsReasonNewestFirst() {
        String id = f.writer.store(f.ledger("hold-history-" + f.run)).documentId();
        String other = f.writer.store(f.ledger("hold-other-" + f.run)).documentId();
        assertThat(holds.history(id)).isEmpty();
        holds.place(id, "Запрос суда № 2-123/2031", "archivist-petrova");
        holds.place(other, "Проверка прокуратуры", "archivist-ivanov");
        holds.lift(id, "Решение суда вступило в силу", "archivist-ivanov");
        var history = holds.history(id);
        assertThat(history).extracting(LegalHolds.Event::hold).containsExactly(false, true);
        assertThat(history).extracting(LegalHolds.Event::reason).containsExactly("Решение суда вступило в силу", "Запрос суда № 2-123/2031");
        assertThat(history).extracting(LegalHolds.Event::actor).containsExactly("archivist-ivanov", "archivist-petrova");
        assertThat(history.get(0).at()).isAfterOrEqualTo(history.get(1).at());
    }

    @Test
    void theReadAuditListsTheLatestReadsOfOneDocumentWithWhoAndFromWhere() {
        String id = f.writer.store(f.ledger("read-audit-" + f.run)).documentId();
        String other = f.writer.store(f.ledger("read-other-" + f.run)).documentId();
        assertThat(retrieval.reads(id, 10)).isEmpty();
        retrieval.read(id, "document.pdf", "archivist-petrova", "10.0.0.7");
        retrieval.read(other, "document.pdf", "inspector-kuznetsov", "10.0.0.8");
        retrieval.read(id, "data.json", "inspector-kuznetsov", "10.0.0.9");
        retrieval.read(id, "document.pdf.sig", "archivist-petrova", "10.0.0.7");
        assertThat(retrieval.readCount(id)).isEqualTo(3);
        var latestTwo = retrieval.reads(id, 2);
        assertThat(latestTwo).extracting(AuditedRetrieval.Read::objectName).containsExactly("document.pdf.sig", "data.json");
        assertThat(latestTwo).extracting(AuditedRetrieval.Read::reader).containsExactly("archivist-petrova", "inspector-kuznetsov");
        assertThat(latestTwo).extracting(AuditedRetrieval.Read::remote).containsExactly("10.0.0.7", "10.0.0.9");
        assertThat(latestTwo).extracting(AuditedRetrieval.Read::outcome).isEqualTo(List.of("SERVED", "SERVED"));
        assertThat(retrieval.reads(id, 10)).hasSize(3).last().extracting(AuditedRetrieval.Read::objectName).isEqualTo("document.pdf");
    }
}
