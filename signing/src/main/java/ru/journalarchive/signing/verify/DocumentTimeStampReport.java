package ru.journalarchive.signing.verify;

import java.time.Instant;
import java.util.List;

/**
 * A PDF's document time-stamp (PAdES-LTA): VALID when a trusted TSA proves that the file up to it —
 * its signatures and their validation data — existed at {@code time}.
 */
public record DocumentTimeStampReport(Verdict verdict, Instant time, List<String> reasons) {}
