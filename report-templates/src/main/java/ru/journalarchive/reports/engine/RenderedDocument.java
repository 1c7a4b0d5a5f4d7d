package ru.journalarchive.reports.engine;

/**
 * A rendered document: the PDF/A-2b bytes, the JSON twin of the data it was rendered from, the
 * SHA-256 (hex) of that JSON as printed in the footer, and the number of pages (sheets).
 */
public record RenderedDocument(DocumentIdentity identity, byte[] pdf, byte[] json, String dataSha256, int pages) {}
