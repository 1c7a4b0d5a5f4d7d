package ru.journalarchive.reports.vocabulary;

import ru.journalarchive.journal.snapshot.ClassSnapshot.Person;
import ru.journalarchive.journal.snapshot.ClassSnapshot.Student;

/** Names as Russian school documents print them. */
public final class PersonNames {

    private PersonNames() {}

    /** «Иванова Мария Петровна». */
    public static String full(String last, String first, String middle) {
        return middle == null || middle.isBlank() ? last + " " + first : last + " " + first + " " + middle;
    }

    /** «Иванова М. П.». */
    public static String initials(String last, String first, String middle) {
        var s = new StringBuilder(last).append(' ').append(first.charAt(0)).append('.');
        if (middle != null && !middle.isBlank()) s.append(' ').append(middle.charAt(0)).append('.');
        return s.toString();
    }

    public static String initials(Person p) {
        return initials(p.lastName(), p.firstName(), p.middleName());
    }

    public static String full(Person p) {
        return full(p.lastName(), p.firstName(), p.middleName());
    }

    public static String full(Student s) {
        return full(s.lastName(), s.firstName(), s.middleName());
    }
}
