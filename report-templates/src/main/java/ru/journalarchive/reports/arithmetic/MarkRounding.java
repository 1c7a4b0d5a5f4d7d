package ru.journalarchive.reports.arithmetic;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a school rounds a weighted average to a mark: the fraction from which it rounds up. Most
 * schools round x.5 and above up; some use x.6 (DOMAIN.md, "Marks").
 */
public record MarkRounding(BigDecimal roundUpFrom) {

    public static final MarkRounding HALF_UP = new MarkRounding(new BigDecimal("0.5"));

    public MarkRounding {
        if (roundUpFrom.signum() <= 0 || roundUpFrom.compareTo(BigDecimal.ONE) >= 0)
            throw new IllegalArgumentException("the round-up fraction must lie between 0 and 1: " + roundUpFrom);
    }

    public int round(BigDecimal average) {
        BigDecimal whole = average.setScale(0, RoundingMode.FLOOR);
        return average.subtract(whole).compareTo(roundUpFrom) >= 0 ? whole.intValue() + 1 : whole.intValue();
    }
}
