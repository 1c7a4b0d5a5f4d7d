package ru.journalarchive.signing.verify;

/** «Подпись подтверждена», «Подпись не подтверждена», or not enough to tell. */
public enum Verdict {
    VALID, INVALID, INDETERMINATE;

    /** The worse of two: INVALID over INDETERMINATE over VALID. */
    public Verdict and(Verdict other) {
        return this == INVALID || other == INVALID ? INVALID
                : this == INDETERMINATE || other == INDETERMINATE ? INDETERMINATE : VALID;
    }
}
