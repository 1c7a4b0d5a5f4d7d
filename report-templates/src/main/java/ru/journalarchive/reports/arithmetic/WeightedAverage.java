package ru.journalarchive.reports.arithmetic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Σ(mark × weight) / Σ(weight) over the numeric marks of a student in a subject and period;
 * non-numeric results do not count. Kept to two decimals, as the journals show it.
 */
public final class WeightedAverage {

    private BigDecimal sum = BigDecimal.ZERO;
    private BigDecimal weights = BigDecimal.ZERO;

    /** From sums already taken (e.g. by the database): Σ(mark × weight) and Σ(weight). */
    public static WeightedAverage ofSums(BigDecimal weightedSum, BigDecimal weights) {
        var average = new WeightedAverage();
        average.sum = weightedSum;
        average.weights = weights;
        return average;
    }

    public WeightedAverage add(String value, BigDecimal weight) {
        if (Marks.isNumeric(value)) {
            BigDecimal w = weight == null ? BigDecimal.ONE : weight;
            sum = sum.add(BigDecimal.valueOf(Marks.numeric(value)).multiply(w));
            weights = weights.add(w);
        }
        return this;
    }

    /** Empty when the student has no numeric mark. */
    public Optional<BigDecimal> value() {
        return weights.signum() == 0 ? Optional.empty() : Optional.of(sum.divide(weights, 2, RoundingMode.HALF_UP));
    }
}
