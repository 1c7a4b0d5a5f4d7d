package ru.journalarchive.journal.demo;

/** seed: the same seed gives the same school; year: the school year starting in September of it. */
public record DemoOptions(long seed, int students, int year) {

    public static final DemoOptions DEFAULT = new DemoOptions(1, 1000, 2025);

    public DemoOptions {
        if (students < 11 || students > 5000) throw new IllegalArgumentException("students must be 11..5000");
        if (year < 2000 || year > 2100) throw new IllegalArgumentException("year must be 2000..2100");
    }
}
