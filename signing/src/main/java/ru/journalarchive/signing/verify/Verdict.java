package ru.journalarchive.signing.verify;

/** «Подпись подтверждена», «Подпись не подтверждена», or not enough to tell. */
public enum Verdict {
    VALID("Подпись подтверждена"), INVALID("Подпись не подтверждена"), INDETERMINATE("Подлинность подписи установить не удалось");

    private final String russian;

    Verdict(String russian) {
        this.russian = russian;
    }

    /** As Russian inspectors know it from the Госуслуги and Контур.Крипто checks. */
    public String russian() {
        return russian;
    }

    /** The worse of two: INVALID over INDETERMINATE over VALID. */
    public Verdict and(Verdict other) {
        return this == INVALID || other == INVALID ? INVALID
                : this == INDETERMINATE || other == INDETERMINATE ? INDETERMINATE : VALID;
    }
}
