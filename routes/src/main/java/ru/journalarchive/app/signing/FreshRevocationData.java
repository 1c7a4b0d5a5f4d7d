package ru.journalarchive.app.signing;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.pades.PadesBaselineLT;
import ru.journalarchive.signing.verify.OcspFetcher;
import ru.journalarchive.signing.verify.OcspStatus;

/**
 * The revocation data that proves a just time-stamped signature's certificates were not revoked: for
 * every certificate below a root, an OCSP response about it when it names an OCSP responder, its
 * issuer's CRL otherwise — either issued after the time-stamp (an older one says nothing about it).
 * They come from the sources given: the certificates' CRL distribution points and the configured URLs
 * ({@link DistributionPointCrls}), their OCSP responders ({@link OcspResponders}), the demo's own CAs.
 * What was fetched once serves every signature stamped before it was issued; when nothing is new
 * enough yet, fetching is repeated until the grace runs out (CAs issue CRLs on a schedule; a test CA
 * on request).
 */
public final class FreshRevocationData {

    /** Where CRLs come from; each is asked for the certificates whose issuer has no fresh CRL yet. */
    public interface CrlSource {
        List<X509CRL> fetch(List<X509Certificate> certificates);
    }

    /** Where OCSP responses come from: a DER OCSPResponse about the certificate, or null when this source has none. */
    public interface OcspSource {
        byte[] fetch(X509Certificate certificate, X509Certificate issuer);
    }

    /** What proves the certificates unrevoked: CRLs, and DER OCSP responses. */
    public record Values(List<X509CRL> crls, List<byte[]> ocsps) {}

    private final List<CrlSource> crlSources;
    private final List<OcspSource> ocspSources;
    private final Duration grace;
    private final Duration retry;
    private final Clock clock;
    /** The newest CRL seen per issuer (its DN as a string). */
    private final Map<String, X509CRL> newestCrls = new ConcurrentHashMap<>();
    /** The newest OCSP answer seen per certificate. */
    private final Map<X509Certificate, OcspStatus> newestOcsps = new ConcurrentHashMap<>();
    /** Each certificate's issuer once found: a GOST signature check per certificate, not one per certificate per signature raised. */
    private final Map<X509Certificate, X509Certificate> issuers = new ConcurrentHashMap<>();

    public FreshRevocationData(List<CrlSource> crlSources, List<OcspSource> ocspSources, Duration grace, Duration retry,
                               Clock clock) {
        this.crlSources = List.copyOf(crlSources);
        this.ocspSources = List.copyOf(ocspSources);
        this.grace = grace;
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * For each of the certificates (roots excepted) an OCSP response or its issuer's CRL, issued after {@code after}.
     *
     * @throws PadesBaselineLT.StaleRevocationData when the grace ran out first
     */
    public Values issuedAfter(Instant after, Collection<X509Certificate> certificates) {
        // Each certificate with the issuer its OCSP responder is asked about; null: it goes by its issuer's CRL.
        var needed = new LinkedHashMap<X509Certificate, X509Certificate>();
        for (var c : certificates)
            if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) needed.put(c, ocspIssuer(c, certificates));
        Instant deadline = clock.instant().plus(grace);
        while (true) {
            var missing = new ArrayList<X509Certificate>();
            for (var c : needed.keySet()) if (!fresh(c, needed.get(c), after)) missing.add(c);
            if (missing.isEmpty()) break;
            // CRL times are whole seconds: none issued before the next second after the time-stamp can be newer than it.
            // OCSP times may have a fraction (the test PKI's do): an answer given now may already be, so it is asked at once.
            Instant earliest = after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            if (missing.stream().anyMatch(c -> needed.get(c) == null) && clock.instant().isBefore(earliest)) {
                sleep(Duration.between(clock.instant(), earliest).plusMillis(5));
                continue; // another signature's refresh may have brought one meanwhile
            }
            refresh(missing, needed, after);
            var stillMissing = missing.stream().filter(c -> !fresh(c, needed.get(c), after)).findFirst();
            if (stillMissing.isEmpty()) break;
            if (!clock.instant().plus(retry).isBefore(deadline)) throw stale(stillMissing.get(), needed.get(stillMissing.get()), after);
            // A responder writing whole seconds (BouncyCastle's BasicOCSPRespBuilder does) has a newer answer from the next second on.
            sleep(clock.instant().isBefore(earliest) ? Duration.between(clock.instant(), earliest).plusMillis(5) : retry);
        }
        var crls = new LinkedHashSet<X509CRL>();
        var ocsps = new ArrayList<byte[]>();
        needed.forEach((c, ocspIssuer) -> {
            if (ocspIssuer == null) crls.add(newestCrls.get(c.getIssuerX500Principal().getName()));
            else ocsps.add(newestOcsps.get(c).response());
        });
        return new Values(List.copyOf(crls), List.copyOf(ocsps));
    }

    /** The certificate's issuer among {@code certificates} when the certificate names an OCSP responder; null otherwise. */
    private X509Certificate ocspIssuer(X509Certificate c, Collection<X509Certificate> certificates) {
        if (OcspFetcher.responders(c).isEmpty()) return null;
        var known = issuers.get(c);
        if (known != null) return known;
        var found = issuerAmong(c, certificates);
        if (found != null) issuers.put(c, found);
        return found;
    }

    private static X509Certificate issuerAmong(X509Certificate c, Collection<X509Certificate> certificates) {
        for (var candidate : certificates) {
            if (!candidate.getSubjectX500Principal().equals(c.getIssuerX500Principal())) continue;
            try {
                c.verify(candidate.getPublicKey(), GostProvider.get());
                return candidate;
            } catch (GeneralSecurityException e) {
                // the same name, another key: not this one's issuer
            }
        }
        return null; // its issuer is not at hand to ask about it: a CRL then
    }

    private boolean fresh(X509Certificate c, X509Certificate ocspIssuer, Instant after) {
        if (ocspIssuer != null) {
            var status = newestOcsps.get(c);
            return status != null && status.thisUpdate().isAfter(after);
        }
        var crl = newestCrls.get(c.getIssuerX500Principal().getName());
        return crl != null && crl.getThisUpdate().toInstant().isAfter(after);
    }

    private void refresh(List<X509Certificate> missing, Map<X509Certificate, X509Certificate> needed, Instant after) {
        var byCrl = missing.stream().filter(c -> needed.get(c) == null).toList();
        if (!byCrl.isEmpty())
            for (var source : crlSources)
                for (var crl : source.fetch(byCrl))
                    newestCrls.merge(crl.getIssuerX500Principal().getName(), crl,
                            (a, b) -> b.getThisUpdate().after(a.getThisUpdate()) ? b : a);
        for (var c : missing) {
            X509Certificate issuer = needed.get(c);
            if (issuer == null) continue;
            for (var source : ocspSources) {
                byte[] response = source.fetch(c, issuer);
                OcspStatus status = response == null ? null : OcspStatus.of(response, c, issuer);
                if (status == null) continue; // nothing, or nothing its issuer vouches for
                newestOcsps.merge(c, status, (a, b) -> b.thisUpdate().isAfter(a.thisUpdate()) ? b : a);
                if (status.thisUpdate().isAfter(after)) break;
            }
        }
    }

    private PadesBaselineLT.StaleRevocationData stale(X509Certificate c, X509Certificate ocspIssuer, Instant after) {
        return new PadesBaselineLT.StaleRevocationData(ocspIssuer == null
                ? "no CRL issued after " + after + " for " + c.getIssuerX500Principal().getName() + " within " + grace
                : "no OCSP response issued after " + after + " about " + c.getSubjectX500Principal().getName() + " within " + grace);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for fresh revocation data", e);
        }
    }
}
