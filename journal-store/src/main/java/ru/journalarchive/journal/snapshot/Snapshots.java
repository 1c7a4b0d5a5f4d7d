package ru.journalarchive.journal.snapshot;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** A read-only REPEATABLE READ transaction: every query in it sees the same committed state. */
public final class Snapshots {

    private Snapshots() {}

    public static TransactionTemplate readOnly(PlatformTransactionManager transactions) {
        var snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        return snapshot;
    }
}
