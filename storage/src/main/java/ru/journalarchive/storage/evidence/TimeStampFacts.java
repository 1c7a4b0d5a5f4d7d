package ru.journalarchive.storage.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * What renewal needs to know of a time-stamp: when it was made, the TSA's certificate, and the
 * earliest notAfter among the certificates the token carries (the TSA's and its CAs'): past that, the
 * time-stamp can no longer be checked, so the record must be renewed before it.
 */
record TimeStampFacts(Instant genTime, X509CertificateHolder tsaCertificate, Instant earliestNotAfter) {

    static TimeStampFacts of(TimeStampToken token) {
        @SuppressWarnings("unchecked")
        org.bouncycastle.util.Store<X509CertificateHolder> store = token.getCertificates();
        X509CertificateHolder tsa = store.getMatches(null).stream().filter(c -> token.getSID().match(c)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the time-stamp token carries no TSA certificate (certReq was set)"));
        Instant earliest = tsa.getNotAfter().toInstant();
        for (X509CertificateHolder c : store.getMatches(null)) {
            Instant notAfter = c.getNotAfter().toInstant();
            if (notAfter.isBefore(earliest)) earliest = notAfter;
        }
        return new TimeStampFacts(token.getTimeStampInfo().getGenTime().toInstant(), tsa, earliest);
    }

    static TimeStampFacts of(org.bouncycastle.asn1.cms.ContentInfo token) {
        try {
            return of(new TimeStampToken(token));
        } catch (TSPException | IOException e) {
            throw new IllegalStateException("unreadable time-stamp token", e);
        }
    }

    Instant tsaNotAfter() {
        return tsaCertificate.getNotAfter().toInstant();
    }

    byte[] tsaCertificateDer() {
        try {
            return tsaCertificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
