package ru.journalarchive.reports.arithmetic;

/** What the values of the five-point scale and the non-numeric results mean for the arithmetic. */
public final class Marks {

    private Marks() {}

    /** 1–5: the marks that enter averages. «зач», «н/а», «осв» and the like do not. */
    public static boolean isNumeric(String value) {
        return value != null && value.length() == 1 && value.charAt(0) >= '1' && value.charAt(0) <= '5';
    }

    public static int numeric(String value) {
        if (!isNumeric(value)) throw new IllegalArgumentException("not a numeric mark: " + value);
        return value.charAt(0) - '0';
    }
}
