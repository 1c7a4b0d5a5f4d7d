package ru.journalarchive.signing.verify;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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
 * same check serves a signature time-stamp (over the signature value), a document time-stamp
 * (over a PDF's byte ranges) and an archive time-stamp (whose imprint the evidence record checks).
 */
final class TimeStampCheck {

    /** A token that proves its time: its TSA certificate and that certificate's path up to the anchor. */
    record Checked(Instant time, X509Certificate tsa, List<X509Certificate> path, List<X509Certificate> tokenCertificates) {
        X509Certificate tsaIssuer() {
            return path.size() > 1 ? path.get(1) : tsa;
        }
    }

    private final TrustAnchors trust;
    private final CertificateValidation.Revocation revocation;

    TimeStampCheck(TrustAnchors trust) {
        this(trust, new CertificateValidation.Revocation(trust.fetcher(), false));
    }

    TimeStampCheck(TrustAnchors trust, CertificateValidation.Revocation revocation) {
        this.trust = trust;
        this.revocation = revocation;
    }

    /** The token's time, or null with the reason added when it proves nothing about {@code stamped}. */
    Instant provenTime(byte[] token, byte[] stamped, RevocationData revocationData, List<String> reasons) {
        Checked checked = check(token, stamped, revocationData, reasons);
        return checked == null ? null : checked.time();
    }

    /** @param stamped the bytes the imprint must be over; null when the caller has checked the imprint (an evidence record) */
    Checked check(byte[] token, byte[] stamped, RevocationData revocationData, List<String> reasons) {
        try {
            var parsed = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
            var tsaHolder = (X509CertificateHolder) parsed.getCertificates().getMatches(parsed.getSID()).iterator().next();
            parsed.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(GostProvider.get()).build(tsaHolder));
            var converter = new JcaX509CertificateConverter().setProvider(GostProvider.get());
            var tokenCertificates = new ArrayList<X509Certificate>();
            for (X509CertificateHolder h : parsed.getCertificates().getMatches(null)) tokenCertificates.add(converter.getCertificate(h));
            Instant time = parsed.getTimeStampInfo().getGenTime().toInstant();
            X509Certificate tsa = converter.getCertificate(tsaHolder);
            var tsaCheck = CertificateValidation.check(tsa, tokenCertificates, revocationData, trust, time, true, revocation);
            if (tsaCheck.chain() != ChainStatus.TRUSTED || tsaCheck.verdict() == Verdict.INVALID) {
                reasons.add("Штамп времени выдан службой, которой нет доверия: время подписания им не подтверждено");
                return null;
            }
            if (stamped != null) {
                String digest = GostAlgorithm.digestName(parsed.getTimeStampInfo().getMessageImprintAlgOID());
                byte[] expected = MessageDigest.getInstance(digest, GostProvider.get()).digest(stamped);
                if (!Arrays.equals(expected, parsed.getTimeStampInfo().getMessageImprintDigest())) {
                    reasons.add("Штамп времени выдан не на эти данные");
                    return null;
                }
            }
            return new Checked(time, tsa, tsaCheck.path(), tokenCertificates);
        } catch (TSPException | java.io.IOException | CMSException | GeneralSecurityException | OperatorCreationException
                 | RuntimeException e) {
            reasons.add("Штамп времени недействителен: " + e.getMessage());
            return null;
        }
    }
}
