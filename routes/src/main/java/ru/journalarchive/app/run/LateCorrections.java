package ru.journalarchive.app.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mark corrected after a document was rendered: checked when the director signs and again when a
 * worker signs what the director approved. A changed document goes back to be rendered — never
 * signed stale — and waits for the director once more.
 */
public final class LateCorrections {

    private static final Logger log = LoggerFactory.getLogger(LateCorrections.class);

    private final ArchiveRuns runs;
    private final DocumentRendering rendering;

    public LateCorrections(ArchiveRuns runs, DocumentRendering rendering) {
        this.runs = runs;
        this.rendering = rendering;
    }

    /**
     * Compares the journal as it stands with what was rendered and, if they differ, sends the
     * document back to rendering. When no batch has been applied since rendering, there is nothing
     * to compare.
     */
    public boolean sendBackIfChanged(RunDocument d) {
        if (d.dataVersion() != null && d.dataVersion().equals(rendering.dataVersion(d.plan().school()))) return false;
        if (rendering.dataSha256(d.plan()).equals(d.dataSha256())) return false;
        log.info("document {} changed since it was rendered: rendering again", d.documentId());
        runs.replan(d.documentId());
        return true;
    }
}
