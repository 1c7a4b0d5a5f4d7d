package ru.journalarchive.journal.school;

/** A school registered with the archive; {@code code} is its id in URLs and in the drop folder. */
public record School(long id, String code, String name) {}
