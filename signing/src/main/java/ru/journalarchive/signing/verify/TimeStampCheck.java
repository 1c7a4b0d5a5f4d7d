package ru.journalarchive.signing.verify;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.GostProvider;

/**
 * An RFC 3161 time-stamp token checked as a proof that some bytes existed at its time: its signature,
 * its TSA's chain to a trusted root at that time, and its imprint over exactly those bytes. The
 * same check serves a signature time-stamp (over the signature value) and a document time-stamp
 * (over a PDF's byte ranges).
 */
final class TimeStampCheck {

    private final TrustAnchors trust;

    TimeStampCheck(TrustAnchors trust) {
        this.trust = trust;
    }

    /** The token's time, or null with the reason added when it proves nothing about {@code stamped}. */
    Instant provenTime(byte[] token, byte[] stamped, List<X509CRL> crls, List<String> reasons) {
        try {
            var parsed = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
            var tsaHolder = (X509CertificateHolder) parsed.getCertificates().getMatches(parsed.getSID()).iterator().next();
            parsed.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(GostProvider.get()).build(tsaHolder));
            var converter = new JcaX509CertificateConverter().setProvider(GostProvider.get());
            var tokenCertificates = new ArrayList<X509Certificate>();
            for (X509CertificateHolder h : parsed.getCertificates().getMatches(null)) tokenCertificates.add(converter.getCertificate(h));
            Instant time = parsed.getTimeStampInfo().getGenTime().toInstant();
            var tsaCheck = CertificateValidation.check(converter.getCertificate(tsaHolder), tokenCertificates, crls, trust, time, true);
            if (tsaCheck.chain() != ChainStatus.TRUSTED || tsaCheck.verdict() == Verdict.INVALID) {
                reasons.add("Штамп времени выдан службой, которой нет доверия: время подписания им не подтверждено");
                return null;
            }
            String digest = GostAlgorithm.digestName(parsed.getTimeStampInfo().getMessageImprintAlgOID());
            byte[] expected = MessageDigest.getInstance(digest, GostProvider.get()).digest(stamped);
            if (!Arrays.equals(expected, parsed.getTimeStampInfo().getMessageImprintDigest())) {
                reasons.add("Штамп времени выдан не на эти данные");
                return null;
            }
            return time;
        } catch (TSPException | java.io.IOException | CMSException | GeneralSecurityException | OperatorCreationException
                 | RuntimeException e) {
            reasons.add("Штамп времени недействителен: " + e.getMessage());
            return null;
        }
    }
}
