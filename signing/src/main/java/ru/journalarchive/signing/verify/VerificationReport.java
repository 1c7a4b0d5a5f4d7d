package ru.journalarchive.signing.verify;

import java.util.List;

/** The verdict over every signature of a document: the worst of them; no signature at all is INVALID. */
public record VerificationReport(Verdict verdict, List<SignatureReport> signatures, List<String> reasons) {

    public static VerificationReport of(List<SignatureReport> signatures) {
        if (signatures.isEmpty())
            return new VerificationReport(Verdict.INVALID, List.of(), List.of("В документе нет электронной подписи"));
        Verdict verdict = Verdict.VALID;
        for (SignatureReport s : signatures) verdict = verdict.and(s.verdict());
        return new VerificationReport(verdict, List.copyOf(signatures), List.of());
    }

    public static VerificationReport unreadable(String reason) {
        return new VerificationReport(Verdict.INVALID, List.of(), List.of(reason));
    }
}
