package ru.journalarchive.reports.arithmetic;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A share in per cent with one decimal; empty (null) when there is nothing to share. */
public final class Percent {

    private Percent() {}

    public static BigDecimal of(long part, long whole) {
        if (whole == 0) return null;
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
