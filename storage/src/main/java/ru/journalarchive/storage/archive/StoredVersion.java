package ru.journalarchive.storage.archive;

/** One stored object version: key, version id (the exact bytes, forever) and its size. */
public record StoredVersion(String key, String versionId, long size) {}
