package ru.journalarchive.journal.ingest;

/** One thing wrong with a batch: where (e.g. {@code marks[17].value}) and, in Russian, what. */
public record Problem(String path, String message) {}
