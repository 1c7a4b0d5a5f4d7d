package ru.journalarchive.app.security;

/**
 * Who may do what. SCHOOL_SYSTEM: a school's journal system (API token) pushes its own school's
 * data. DIRECTOR: signs and reads their own school's documents. ARCHIVIST: searches, downloads,
 * holds and disposes of the municipality's documents. INSPECTOR: verifies signatures and reads
 * documents. ADMIN: schools, tokens, users and archive runs.
 */
public enum Role {
    SCHOOL_SYSTEM, DIRECTOR, ARCHIVIST, INSPECTOR, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
