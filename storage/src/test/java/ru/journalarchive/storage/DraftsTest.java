package ru.journalarchive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import ru.journalarchive.storage.drafts.Drafts;
import ru.journalarchive.storage.testing.ArchiveFixture;

/** Unsigned drafts come and go; the ones nobody needs are cleaned up after their age runs out, the others stay. */
class DraftsTest {

    @Test
    void draftsOlderThanTheLimitAreRemovedAndYoungerOrStillNeededOnesStay() throws Exception {
        try (var f = new ArchiveFixture()) {
            var now = new Drafts(f.s3, f.retrying, f.draftsBucket, Clock.systemUTC());
            now.put("demo/2026/q1/journal-1.pdf", "%PDF черновик".getBytes(StandardCharsets.UTF_8), "application/pdf");
            now.put("demo/2026/q1/journal-2.pdf", "%PDF черновик 2".getBytes(StandardCharsets.UTF_8), "application/pdf");
            assertThat(new String(now.read("demo/2026/q1/journal-1.pdf"), StandardCharsets.UTF_8)).isEqualTo("%PDF черновик");

            now.put("demo/2026/q1/journal-3.pdf", "%PDF ждёт подписи".getBytes(StandardCharsets.UTF_8), "application/pdf");
            assertThat(now.removeOlderThan(Duration.ofDays(30), key -> false)).isZero();
            var monthLater = new Drafts(f.s3, f.retrying, f.draftsBucket, Clock.offset(Clock.systemUTC(), Duration.ofDays(31)));
            assertThat(monthLater.removeOlderThan(Duration.ofDays(30), key -> key.endsWith("journal-3.pdf"))).isEqualTo(2);
            assertThat(now.find("demo/2026/q1/journal-3.pdf")).isPresent();
            assertThat(now.find("demo/2026/q1/journal-1.pdf")).isEmpty();
            assertThatThrownBy(() -> now.read("demo/2026/q1/journal-1.pdf")).hasMessageContaining("is missing");
        }
    }
}
