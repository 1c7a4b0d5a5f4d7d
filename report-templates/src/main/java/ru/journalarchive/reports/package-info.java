/**
 * Printable documents of a school: class journals, summary ledgers, parent progress reports and
 * monitoring reports, rendered from journal-store read models to PDF/A-2b with a JSON twin.
 */
package ru.journalarchive.reports;
