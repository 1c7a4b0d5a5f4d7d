package ru.journalarchive.app.run;

import java.time.Duration;
import ru.journalarchive.storage.drafts.Drafts;

/**
 * Removes the drafts older than drafts-max-age that no document needs any more: archived, failed
 * for good, or of no run at all. A document still on its way keeps its drafts however long it waits
 * for the director (a year end rendered in June may be signed after the holidays): without them it
 * could be neither previewed nor signed.
 */
public final class DraftsCleanup {

    private final Drafts drafts;
    private final ArchiveRuns runs;
    private final Duration maxAge;

    public DraftsCleanup(Drafts drafts, ArchiveRuns runs, Duration maxAge) {
        this.drafts = drafts;
        this.runs = runs;
        this.maxAge = maxAge;
    }

    /** Returns how many drafts were removed. */
    public int run() {
        var onTheirWay = runs.unfinishedDocumentIds();
        return drafts.removeOlderThan(maxAge, key -> onTheirWay.contains(DraftKeys.documentId(key)));
    }

    public Duration maxAge() {
        return maxAge;
    }
}
