package ru.journalarchive.storage.s3;

/** Opens the package-private trim of {@link FractionalSecondsFix} to tests in other packages. */
public final class FractionalSecondsFixAccess {
    private FractionalSecondsFixAccess() {}

    public static String trim(String text) {
        return FractionalSecondsFix.trim(text);
    }
}
