package ru.journalarchive.app.signing;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ru.journalarchive.signing.pades.PadesBaselineLT;

/**
 * The CRLs that prove a just time-stamped signature's certificates were not revoked: for every
 * certificate below a root, its issuer's CRL issued after the time-stamp (an older one says nothing
 * about it). They come from the sources given: the certificates' CRL distribution points and the
 * configured URLs ({@link DistributionPointCrls}), the demo's own CAs. A CRL
 * fetched once serves every signature stamped before it was issued; when none is new enough yet,
 * fetching is repeated until the grace runs out (CAs issue CRLs on a schedule; a test CA on request).
 */
public final class FreshCrls {

    /** Where CRLs come from; each is asked for the certificates whose issuer has no fresh CRL yet. */
    public interface Source {
        List<X509CRL> fetch(List<X509Certificate> certificates);
    }

    private final List<Source> sources;
    private final Duration grace;
    private final Duration retry;
    private final Clock clock;
    /** The newest CRL seen per issuer (its DN as a string). */
    private final Map<String, X509CRL> newest = new ConcurrentHashMap<>();

    public FreshCrls(List<Source> sources, Duration grace, Duration retry, Clock clock) {
        this.sources = List.copyOf(sources);
        this.grace = grace;
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * One CRL per issuer of the certificates (roots excepted), each issued after {@code after}.
     *
     * @throws PadesBaselineLT.StaleRevocationData when the grace ran out first
     */
    public List<X509CRL> issuedAfter(Instant after, Collection<X509Certificate> certificates) {
        var needed = new LinkedHashSet<X509Certificate>();
        for (var c : certificates) if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) needed.add(c);
        Instant deadline = clock.instant().plus(grace);
        while (true) {
            var missing = new ArrayList<X509Certificate>();
            for (var c : needed) if (!fresh(c, after)) missing.add(c);
            if (missing.isEmpty()) break;
            // CRL times are whole seconds: none issued before the next second after the time-stamp can be newer than it.
            Instant earliest = after.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
            if (clock.instant().isBefore(earliest)) {
                sleep(Duration.between(clock.instant(), earliest).plusMillis(5));
                continue; // another signature's refresh may have brought one meanwhile
            }
            refresh(missing);
            if (missing.stream().allMatch(c -> fresh(c, after))) break;
            if (!clock.instant().plus(retry).isBefore(deadline))
                throw new PadesBaselineLT.StaleRevocationData("no CRL issued after " + after + " for "
                        + missing.get(0).getIssuerX500Principal().getName() + " within " + grace);
            sleep(retry);
        }
        var crls = new LinkedHashSet<X509CRL>();
        for (var c : needed) crls.add(newest.get(c.getIssuerX500Principal().getName()));
        return List.copyOf(crls);
    }

    private boolean fresh(X509Certificate c, Instant after) {
        var crl = newest.get(c.getIssuerX500Principal().getName());
        return crl != null && crl.getThisUpdate().toInstant().isAfter(after);
    }

    private void refresh(List<X509Certificate> missing) {
        for (var source : sources)
            for (var crl : source.fetch(missing))
                newest.merge(crl.getIssuerX500Principal().getName(), crl, (a, b) -> b.getThisUpdate().after(a.getThisUpdate()) ? b : a);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a fresh CRL", e);
        }
    }
}
