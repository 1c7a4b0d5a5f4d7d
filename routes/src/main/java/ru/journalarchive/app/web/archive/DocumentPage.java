package ru.journalarchive.app.web.archive;

import java.util.List;

/**
 * A document as its page shows it: what it is, its files with their hashes, how long it is kept, its
 * signature, its legal hold with the history, and who read it.
 */
public record DocumentPage(String documentId, String title, List<Line> metadata, List<FileRow> files, String retainUntil,
                           String retentionMode, String retentionClass, String signature, boolean held, List<HoldRow> holds,
                           List<ReadRow> reads, String readsShown, String disposed, String packageHref) {

    public record Line(String label, String value) {}

    public record FileRow(String name, String description, String size, String sha256, String streebog256, String href) {}

    public record HoldRow(String action, String reason, String actor, String at) {}

    public record ReadRow(String at, String reader, String object, String remote, String outcome, boolean served) {}
}
