package ru.journalarchive.storage.evidence;

import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * An RFC 3161 time-stamp authority as evidence records use it: the application implements it with
 * its TSA client. A renewal may use another TSA than the record's first time-stamp.
 */
public interface ArchiveTimeStamping {

    /** A granted response to {@code request}; throws if the TSA cannot be reached or refuses. */
    TimeStampResponse stamp(TimeStampRequest request);
}
