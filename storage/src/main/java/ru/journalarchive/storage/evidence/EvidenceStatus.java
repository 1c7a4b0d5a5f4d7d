package ru.journalarchive.storage.evidence;

import java.time.Instant;

/**
 * The state of evidence records for a CLI command or a health indicator: documents catalogued but not
 * yet covered, records still being built or renewed, and the nearest renewal deadline with its record
 * (both null when there is no record).
 */
public record EvidenceStatus(long uncoveredDocuments, long unfinishedObjects, Instant nearestRenewalDeadline, String nearestRecordId) {}
