/** Renders journals, summary ledgers and reports from journal-store read models (issue 3). */
package ru.journalarchive.reports;
