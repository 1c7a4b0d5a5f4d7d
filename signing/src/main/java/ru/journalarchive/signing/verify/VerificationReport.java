package ru.journalarchive.signing.verify;

import java.util.List;

/**
 * The verdict over every signature of a document and every document time-stamp of a PDF: the worst of
 * them; no signature at all is INVALID.
 */
public record VerificationReport(Verdict verdict, List<SignatureReport> signatures, List<String> reasons,
                                 List<DocumentTimeStampReport> documentTimestamps) {

    public static VerificationReport of(List<SignatureReport> signatures) {
        return of(signatures, List.of());
    }

    public static VerificationReport of(List<SignatureReport> signatures, List<DocumentTimeStampReport> documentTimestamps) {
        if (signatures.isEmpty())
            return new VerificationReport(Verdict.INVALID, List.of(), List.of("В документе нет электронной подписи"),
                    List.copyOf(documentTimestamps));
        Verdict verdict = Verdict.VALID;
        for (SignatureReport s : signatures) verdict = verdict.and(s.verdict());
        for (DocumentTimeStampReport t : documentTimestamps) verdict = verdict.and(t.verdict());
        return new VerificationReport(verdict, List.copyOf(signatures), List.of(), List.copyOf(documentTimestamps));
    }

    public static VerificationReport unreadable(String reason) {
        return new VerificationReport(Verdict.INVALID, List.of(), List.of(reason), List.of());
    }
}
