package ru.journalarchive.reports.engine;

/**
 * Who a document is and where it comes from, printed in every page footer: the deterministic
 * document id the archive uses, the title, and the school.
 */
public record DocumentIdentity(String documentId, String title, String schoolName) {}
