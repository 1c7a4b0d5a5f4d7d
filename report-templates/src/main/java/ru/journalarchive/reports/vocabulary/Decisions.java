package ru.journalarchive.reports.vocabulary;

/** The transfer decision of the teachers' council as the summary ledger writes it. */
public final class Decisions {

    private Decisions() {}

    /** «переведена в 6 класс»; the ending follows the student's gender (M, F, or unknown). */
    public static String text(String decision, int grade, String gender) {
        if (decision == null) return "";
        String a = "F".equals(gender) ? "а" : "M".equals(gender) ? "" : "(а)";
        return switch (decision) {
            case "PROMOTED" -> "переведен" + a + " в " + (grade + 1) + " класс";
            case "PROMOTED_CONDITIONALLY" -> "условно переведен" + a + " в " + (grade + 1) + " класс";
            case "RETAINED" -> "оставлен" + a + " на повторное обучение";
            case "GRADUATED" -> "выпущен" + a;
            default -> decision;
        };
    }
}
