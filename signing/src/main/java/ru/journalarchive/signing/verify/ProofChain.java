package ru.journalarchive.signing.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * EN 319 102-1 past validation of a chain of proofs of existence: signature time-stamp, then the
 * PDF's document time-stamps, then the evidence record's archive time-stamps. Each proof's TSA
 * certificate must be in force and not revoked when the next proof shows the proof existed; the last
 * one at the validation time. Where a link lapses the chain stops: the signature is then proven only
 * up to there, and the verdict cannot be VALID at the validation time.
 */
final class ProofChain {

    enum Kind { SIGNATURE_TIMESTAMP, DOCUMENT_TIMESTAMP, ARCHIVE_TIMESTAMP }

    /** One checked token in the chain; {@code label} names it in Russian. */
    record Proof(Kind kind, TimeStampCheck.Checked checked, String label) {
        Instant time() {
            return checked.time();
        }
    }

    /**
     * @param reachesValidationTime whether every link holds up to {@code at}
     * @param held                  the proofs up to and including the one whose link lapsed (all when it reaches)
     */
    record Outcome(boolean reachesValidationTime, List<Proof> held, List<String> reasons) {
        Proof last() {
            return held.isEmpty() ? null : held.get(held.size() - 1);
        }
    }

    private ProofChain() {}

    static Outcome judge(List<Proof> proofs, RevocationData revocationData, Instant at) {
        var reasons = new ArrayList<String>();
        var held = new ArrayList<Proof>();
        for (int i = 0; i < proofs.size(); i++) {
            Proof proof = proofs.get(i);
            held.add(proof);
            boolean last = i == proofs.size() - 1;
            Instant until = last ? at : proofs.get(i + 1).time();
            if (until.isBefore(proof.time())) {
                // A later proof dated before the one it covers cannot show that one existed: a TSA clock is wrong.
                reasons.add("Доказательство «" + (last ? "время проверки" : proofs.get(i + 1).label()) + "» датировано раньше, чем «"
                        + proof.label() + "» (" + CertificateValidation.MOSCOW.format(proof.time()) + "): цепочка доказательств прервана");
                return new Outcome(false, held, reasons);
            }
            String lapse = lapse(proof, revocationData, until);
            if (lapse == null) continue;
            if (last) reasons.add(lapse + "; подпись не защищена более поздним штампом времени (уровень LTA) или доказательством хранения");
            else reasons.add(lapse + ", раньше следующего доказательства («" + proofs.get(i + 1).label() + "» "
                    + CertificateValidation.MOSCOW.format(proofs.get(i + 1).time()) + "): цепочка доказательств прервана");
            return new Outcome(false, held, reasons);
        }
        return new Outcome(true, held, reasons);
    }

    /** Why the proof does not hold at {@code until}, in Russian, or null when it does. */
    private static String lapse(Proof proof, RevocationData revocationData, Instant until) {
        var tsa = proof.checked().tsa();
        Instant notAfter = tsa.getNotAfter().toInstant();
        if (notAfter.isBefore(until))
            return "Срок действия сертификата службы штампов времени («" + proof.label() + "» "
                    + CertificateValidation.MOSCOW.format(proof.time()) + ") истёк " + CertificateValidation.DATE.format(notAfter);
        Instant revoked = revocationData.status(tsa, proof.checked().tsaIssuer(), null).revokedAt();
        if (revoked != null && !revoked.isAfter(until))
            return "Сертификат службы штампов времени («" + proof.label() + "») отозван " + CertificateValidation.MOSCOW.format(revoked);
        return null;
    }
}
