package ru.journalarchive.reports.arithmetic;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The totals row of a subject in the summary ledger, over the students' marks of one column:
 * <ul>
 * <li>success (успеваемость) = marks 3, 4, 5 and «зач» / all marks given;</li>
 * <li>quality (качество) = marks 4 and 5 / all marks given except credits («зач», «незач»);</li>
 * <li>average = mean of the numeric marks.</li>
 * </ul>
 * «Осв» (exempt) is no mark given; «н/а» (not assessed) counts against success and quality.
 */
public final class SubjectResults {

    private int given;
    private int credits;
    private int successful;
    private int good;
    private int numericCount;
    private int numericSum;

    public SubjectResults add(String value) {
        if (value == null || value.equals("осв")) return this;
        given++;
        if (Marks.isNumeric(value)) {
            int m = Marks.numeric(value);
            numericCount++;
            numericSum += m;
            if (m >= 3) successful++;
            if (m >= 4) good++;
        } else if (value.equals("зач")) {
            credits++;
            successful++;
        } else if (value.equals("незач")) {
            credits++;
        }
        return this;
    }

    public int marksGiven() {
        return given;
    }

    public BigDecimal successPercent() {
        return Percent.of(successful, given);
    }

    public BigDecimal qualityPercent() {
        return Percent.of(good, given - credits);
    }

    public BigDecimal average() {
        return numericCount == 0 ? null
                : BigDecimal.valueOf(numericSum).divide(BigDecimal.valueOf(numericCount), 2, RoundingMode.HALF_UP);
    }
}
