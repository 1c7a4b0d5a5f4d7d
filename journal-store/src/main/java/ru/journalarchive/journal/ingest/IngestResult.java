package ru.journalarchive.journal.ingest;

import java.util.Map;

/**
 * The outcome of an accepted batch. {@code alreadyApplied}: the same batch had been accepted
 * before and nothing was written this time; {@code deleted}: rows removed per section.
 */
public record IngestResult(String batchId, boolean alreadyApplied, Map<String, SectionCounts> sections,
                           Map<String, Integer> deleted) {}
