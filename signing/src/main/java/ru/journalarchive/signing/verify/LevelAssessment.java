package ru.journalarchive.signing.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which baseline level a signature reached, judged from what the document itself carries (not from
 * the trust store), and why a lower level will not last to a required retention end.
 */
final class LevelAssessment {

    record Result(SignatureLevel level, String retentionNote) {}

    private LevelAssessment() {}

    /**
     * @param signerPath      the signer's path up to the anchor (empty when it was not built)
     * @param signatureStamp  the checked signature time-stamp, null without one
     * @param insideCerts     certificates inside the document (CMS, tokens, DSS)
     * @param inside          revocation data inside the document (CMS, DSS)
     * @param lastProof       the last proof of the chain, null without any
     */
    static Result assess(X509Certificate signer, List<X509Certificate> signerPath, TimeStampCheck.Checked signatureStamp,
                         Collection<X509Certificate> insideCerts, RevocationData inside, boolean documentTimestamp,
                         boolean evidenceRecord, ProofChain.Proof lastProof, Instant retainUntil) {
        SignatureLevel level;
        if (signatureStamp == null) level = SignatureLevel.B;
        else if (!validationDataInside(signerPath, signatureStamp, insideCerts, inside)) level = SignatureLevel.T;
        else if (evidenceRecord) level = SignatureLevel.LTA_ER;
        else if (documentTimestamp) level = SignatureLevel.LTA;
        else level = SignatureLevel.LT;
        return new Result(level, retainUntil == null ? null : note(level, signer, signatureStamp, lastProof, retainUntil));
    }

    /**
     * Every certificate of both paths but the anchor is inside, and each has its issuer's CRL or an OCSP
     * response about it issued after the time-stamp.
     */
    private static boolean validationDataInside(List<X509Certificate> signerPath, TimeStampCheck.Checked stamp,
                                                Collection<X509Certificate> insideCerts, RevocationData inside) {
        if (signerPath.size() < 2 || stamp.path().size() < 2) return false;
        var paths = new ArrayList<List<X509Certificate>>();
        paths.add(signerPath);
        paths.add(stamp.path());
        for (var path : paths)
            for (int i = 0; i < path.size() - 1; i++) {
                if (!insideCerts.contains(path.get(i))) return false;
                if (!inside.status(path.get(i), path.get(i + 1), stamp.time()).known()) return false;
            }
        return true;
    }

    private static String note(SignatureLevel level, X509Certificate signer, TimeStampCheck.Checked stamp,
                               ProofChain.Proof lastProof, Instant retainUntil) {
        String until = CertificateValidation.DATE.format(retainUntil);
        return switch (level) {
            case B -> "Уровень B недостаточен для хранения до " + until + ": время подписания не подтверждено штампом времени (T), "
                    + "а после окончания срока действия сертификата подписанта ("
                    + CertificateValidation.DATE.format(signer.getNotAfter().toInstant()) + ") подпись нельзя будет проверить";
            case T -> "Уровень T недостаточен для хранения до " + until + ": сертификат службы штампов времени действует до "
                    + tsaEnd(stamp) + ", после этого подпись нельзя будет проверить без данных для проверки (LT) "
                    + "и архивных штампов (LTA)";
            case LT -> stamp.tsa().getNotAfter().toInstant().isBefore(retainUntil)
                    ? "Уровень LT недостаточен для хранения до " + until + ": сертификат службы штампов времени действует до "
                    + tsaEnd(stamp) + ", после этого подпись нельзя будет проверить без штампа времени документа (LTA) "
                    + "или доказательства хранения"
                    : null;
            case LTA, LTA_ER -> lastProof != null && lastProof.checked().tsa().getNotAfter().toInstant().isBefore(retainUntil)
                    ? "Уровень " + level.russian() + " достаточен для хранения до " + until + " только при продлении: сертификат "
                    + "службы последнего штампа времени действует до " + tsaEnd(lastProof.checked())
                    + "; до этой даты документ нужно защитить новым архивным штампом времени (доказательство хранения)"
                    : null;
        };
    }

    private static String tsaEnd(TimeStampCheck.Checked stamp) {
        return CertificateValidation.DATE.format(stamp.tsa().getNotAfter().toInstant());
    }
}
