package ru.journalarchive.storage.retention;

/** A kind of record and how many years it is kept after the year in which it was closed. */
public record RetentionClass(String name, int years) {

    public RetentionClass {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a retention class needs a name");
        if (years < 1) throw new IllegalArgumentException("retention of " + name + " must be at least a year: " + years);
    }
}
