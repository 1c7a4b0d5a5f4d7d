package ru.journalarchive.reports.engine;

/**
 * Where the visible mark of the electronic signature (ГОСТ Р 7.0.97-2016) goes: a frame left empty
 * on the last page of every document, in points from the bottom left of the page as shown
 * (JasperReports writes landscape pages as rotated portrait ones; signing turns the mark back). The
 * templates draw the frame at the same place; signing fills it.
 */
public record SignatureStampArea(float x, float y, float width, float height) {

    // Every template has margins 28 (left, right, top) and 20 (bottom) and draws the frame at the
    // top right of its 140-point last-page footer.

    /** Landscape A4 documents (class journal, summary ledger). */
    public static final SignatureStampArea LANDSCAPE = new SignatureStampArea(474, 50, 340, 110);
    /** Portrait A4 documents (parent report, monitoring report). */
    public static final SignatureStampArea PORTRAIT = new SignatureStampArea(227, 50, 340, 110);
}
