package ru.journalarchive.signing.verify;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import org.bouncycastle.asn1.x500.style.BCStyle;
import ru.journalarchive.signing.keys.GostProvider;

/**
 * Checks a signer's certificate at the signing time: the chain to a trust anchor (PKIX), the validity
 * period of every certificate in it, and revocation from the CRLs and OCSP responses at hand.
 */
final class CertificateValidation {

    static final DateTimeFormatter MOSCOW = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(ZoneId.of("Europe/Moscow"));

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(ZoneId.of("Europe/Moscow"));

    /** @param path the certificates from the signer up to and including the trust anchor (empty when no path was built) */
    record Result(ChainStatus chain, Verdict verdict, List<String> reasons, List<X509Certificate> path) {}

    /**
     * How revocation is looked up: {@code fetcher} null means offline; {@code freshOnly} counts only CRLs
     * and OCSP responses issued after the time judged.
     */
    record Revocation(CrlFetcher fetcher, boolean freshOnly) {}

    private CertificateValidation() {}

    /**
     * @param at          the signing time to judge validity and revocation at
     * @param timeProven  whether {@code at} comes from a time-stamp rather than the signer's claim
     */
    static Result check(X509Certificate signer, Collection<X509Certificate> certificates, RevocationData known,
                        TrustAnchors trust, Instant at, boolean timeProven, Revocation revocation) {
        var reasons = new ArrayList<String>();
        Verdict verdict = Verdict.VALID;
        if (at.isBefore(signer.getNotBefore().toInstant()) || at.isAfter(signer.getNotAfter().toInstant())) {
            reasons.add("Сертификат подписанта не действовал на момент подписания " + MOSCOW.format(at) + " (срок действия "
                    + MOSCOW.format(signer.getNotBefore().toInstant()) + " – " + MOSCOW.format(signer.getNotAfter().toInstant()) + ")");
            verdict = Verdict.INVALID;
        }
        if (trust.roots().isEmpty()) {
            reasons.add("Доверенные корневые сертификаты не заданы: цепочка сертификатов не проверялась");
            return new Result(ChainStatus.NOT_CHECKED, verdict.and(Verdict.INDETERMINATE), reasons, List.of());
        }
        List<X509Certificate> path;
        X509Certificate anchor;
        try {
            var builder = path(signer, certificates, trust, at);
            path = new ArrayList<>();
            for (var c : builder.getCertPath().getCertificates()) path.add((X509Certificate) c);
            anchor = builder.getTrustAnchor().getTrustedCert();
        } catch (GeneralSecurityException e) {
            reasons.add("Не удалось построить цепочку до доверенного корневого сертификата: сертификат выдан неизвестным "
                    + "удостоверяющим центром");
            return new Result(ChainStatus.UNTRUSTED, verdict.and(Verdict.INDETERMINATE), reasons, List.of());
        }
        var all = new ArrayList<>(path);
        all.add(anchor);
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = all.get(i + 1);
            if (i > 0 && (at.isBefore(cert.getNotBefore().toInstant()) || at.isAfter(cert.getNotAfter().toInstant()))) {
                reasons.add("Сертификат удостоверяющего центра «" + name(cert) + "» не действовал на момент подписания");
                verdict = Verdict.INVALID;
            }
            verdict = verdict.and(revocation(cert, issuer, known, revocation, at, timeProven, reasons));
        }
        return new Result(ChainStatus.TRUSTED, verdict, reasons, List.copyOf(all));
    }

    private static Verdict revocation(X509Certificate cert, X509Certificate issuer, RevocationData known,
                                      Revocation revocation, Instant at, boolean timeProven, List<String> reasons) {
        // A CRL or OCSP response issued before the proven time says nothing about a revocation between its issue and that time.
        Instant after = revocation.freshOnly() ? at : null;
        var status = known.status(cert, issuer, after);
        if (!status.known() && after != null) {
            if (known.newestCrl(cert, issuer, null) != null)
                reasons.add("Список отозванных сертификатов для «" + name(cert) + "» выпущен до момента подписания "
                        + MOSCOW.format(at) + " и не доказывает, что сертификат не был отозван к этому моменту");
            else if (known.newestOcsp(cert, issuer, null) != null)
                reasons.add("Ответ OCSP о сертификате «" + name(cert) + "» выпущен до момента подписания "
                        + MOSCOW.format(at) + " и не доказывает, что сертификат не был отозван к этому моменту");
        }
        if (!status.known() && revocation.fetcher() != null) status = fetched(cert, issuer, revocation.fetcher(), reasons);
        return judge(cert, status, at, timeProven, reasons);
    }

    /** What the CRLs at the certificate's distribution points say. */
    private static RevocationData.Status fetched(X509Certificate cert, X509Certificate issuer, CrlFetcher fetcher,
                                                 List<String> reasons) {
        var fetched = new ArrayList<X509CRL>();
        for (var url : CrlFetcher.distributionPoints(cert)) {
            try {
                fetched.add(fetcher.fetch(url));
            } catch (Exception e) {
                reasons.add("Не удалось получить список отозванных сертификатов по адресу " + url + ": " + e.getMessage());
            }
        }
        return RevocationData.crls(fetched).status(cert, issuer, null);
    }

    private static Verdict judge(X509Certificate cert, RevocationData.Status status, Instant at, boolean timeProven,
                                 List<String> reasons) {
        if (!status.known()) {
            reasons.add("Нет сведений об отзыве сертификата «" + name(cert) + "» (нет ни списка отозванных сертификатов, "
                    + "ни ответа OCSP)");
            return Verdict.INDETERMINATE;
        }
        Instant revoked = status.revokedAt();
        if (revoked == null) return Verdict.VALID;
        if (!revoked.isAfter(at)) {
            reasons.add("Сертификат «" + name(cert) + "» отозван " + MOSCOW.format(revoked) + ", до момента подписания");
            return Verdict.INVALID;
        }
        if (timeProven) {
            reasons.add("Сертификат «" + name(cert) + "» отозван " + MOSCOW.format(revoked)
                    + ", после момента подписания, подтверждённого штампом времени");
            return Verdict.VALID;
        }
        reasons.add("Сертификат «" + name(cert) + "» отозван " + MOSCOW.format(revoked)
                + "; время подписания заявлено подписантом и штампом времени не подтверждено");
        return Verdict.INDETERMINATE;
    }

    /** Builds the path at a date inside the signer's validity, so that expiry is reported as such, not as distrust. */
    private static PKIXCertPathBuilderResult path(X509Certificate signer, Collection<X509Certificate> certificates,
                                                  TrustAnchors trust, Instant at) throws GeneralSecurityException {
        var anchors = new HashSet<TrustAnchor>();
        for (var root : trust.roots()) anchors.add(new TrustAnchor(root, null));
        var selector = new X509CertSelector();
        selector.setCertificate(signer);
        var parameters = new PKIXBuilderParameters(anchors, selector);
        var pool = new ArrayList<X509Certificate>(certificates);
        pool.addAll(trust.intermediates());
        pool.add(signer);
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
        parameters.setRevocationEnabled(false);
        Instant from = signer.getNotBefore().toInstant();
        Instant to = signer.getNotAfter().toInstant();
        parameters.setDate(Date.from(at.isBefore(from) ? from : at.isAfter(to) ? to : at));
        return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX", GostProvider.get()).build(parameters);
    }

    static String name(X509Certificate c) {
        String cn = DistinguishedNames.attribute(c.getSubjectX500Principal(), BCStyle.CN);
        return cn != null ? cn : c.getSubjectX500Principal().getName();
    }
}
