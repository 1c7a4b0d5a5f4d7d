package ru.journalarchive.reports.vocabulary;

import ru.journalarchive.journal.snapshot.ClassSnapshot;

/** «5А», «10Б»: how a class is named on documents. */
public final class ClassNames {

    private ClassNames() {}

    public static String of(ClassSnapshot.SchoolClass c) {
        return c.grade() + (c.letter() == null ? "" : c.letter());
    }
}
