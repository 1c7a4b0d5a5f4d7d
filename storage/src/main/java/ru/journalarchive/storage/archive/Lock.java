package ru.journalarchive.storage.archive;

import java.time.ZonedDateTime;
import ru.journalarchive.storage.retention.RetentionMode;

/** The retention on a stored version as the server reports it. */
public record Lock(RetentionMode mode, ZonedDateTime retainUntil) {}
