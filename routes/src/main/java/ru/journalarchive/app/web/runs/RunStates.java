package ru.journalarchive.app.web.runs;

import ru.journalarchive.app.run.RunDocument.State;

/** The states of a run's documents as an administrator reads them. */
final class RunStates {

    private RunStates() {}

    static String label(State state) {
        return switch (state) {
            case PLANNED -> "запланирован";
            case RENDERED -> "сформирован, ждёт печати";
            case AWAITING_SIGNATURE -> "ждёт подписи директора";
            case APPROVED -> "одобрен директором, подписывается";
            case SIGNED -> "подписан";
            case ARCHIVED -> "в архиве";
            case FAILED -> "ошибка";
        };
    }

    /** 1 документ, 2 документа, 5 документов. */
    static String documents(int n) {
        int mod100 = n % 100, mod10 = n % 10;
        String word = mod100 >= 11 && mod100 <= 14 ? "документов" : mod10 == 1 ? "документ" : mod10 >= 2 && mod10 <= 4 ? "документа" : "документов";
        return n + " " + word;
    }
}
