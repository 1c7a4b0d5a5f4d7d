package ru.journalarchive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.retention.RetentionPolicy;
import ru.journalarchive.storage.s3.FractionalSecondsFixAccess;

/** Retention as archives count it (DOMAIN.md): from 1 January of the year after the closing year. */
class RetentionPolicyTest {

    final RetentionPolicy policy = new RetentionPolicy(Map.of("journal", 5, "summary-ledger", 25), RetentionMode.COMPLIANCE);

    @Test
    void aLedgerClosedOn30June2026IsKeptUntil1January2052AndTheJournalUntil2032() {
        assertThat(policy.retainUntil("summary-ledger", LocalDate.of(2026, 6, 30)).toLocalDate()).isEqualTo(LocalDate.of(2052, 1, 1));
        assertThat(policy.retainUntil("journal", LocalDate.of(2026, 6, 30)).toLocalDate()).isEqualTo(LocalDate.of(2032, 1, 1));
    }

    @Test
    void aRecordClosedOn31DecemberStillCountsFromTheNextFirstOfJanuary() {
        assertThat(policy.retainUntil("journal", LocalDate.of(2025, 12, 31)).toLocalDate()).isEqualTo(LocalDate.of(2031, 1, 1));
        assertThat(policy.retainUntil("journal", LocalDate.of(2026, 1, 1)).toLocalDate()).isEqualTo(LocalDate.of(2032, 1, 1));
    }

    @Test
    void anUnknownClassIsAnError() {
        assertThatThrownBy(() -> policy.retainUntil("diary", LocalDate.of(2026, 6, 30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("diary");
    }

    @Test
    void radosgwNanosecondsAreTrimmedToMilliseconds() {
        assertThat(FractionalSecondsFixAccess.trim("<RetainUntilDate>2052-01-01T00:00:00.000000000Z</RetainUntilDate>"))
                .isEqualTo("<RetainUntilDate>2052-01-01T00:00:00.000Z</RetainUntilDate>");
        assertThat(FractionalSecondsFixAccess.trim("2032-01-01T00:00:00.000Z")).isEqualTo("2032-01-01T00:00:00.000Z");
    }
}
