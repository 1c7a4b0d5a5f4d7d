package ru.journalarchive.reports.monitoring;

import java.math.BigDecimal;
import ru.journalarchive.reports.arithmetic.Percent;

/** One indicator of one school: part of whole, the percentage and whether it reaches the threshold. */
public record IndicatorResult(Indicator indicator, int part, int whole, BigDecimal percent, boolean passed) {

    /** With nothing to measure (whole = 0) the indicator has no value and does not pass. */
    public static IndicatorResult of(Indicator indicator, int part, int whole) {
        BigDecimal percent = Percent.of(part, whole);
        return new IndicatorResult(indicator, part, whole, percent,
                percent != null && percent.compareTo(indicator.threshold()) >= 0);
    }
}
