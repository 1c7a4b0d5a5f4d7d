package ru.journalarchive.signing.verify;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the verifier trusts and knows besides the signature: root certificates (a configured
 * directory or --trust files), further intermediates, CRLs supplied, and whether to fetch CRLs
 * from the certificates' distribution points (null fetcher: offline).
 */
public record TrustAnchors(List<X509Certificate> roots, List<X509Certificate> intermediates, List<X509CRL> crls,
                           CrlFetcher fetcher) {

    public TrustAnchors {
        roots = List.copyOf(roots);
        intermediates = List.copyOf(intermediates);
        crls = List.copyOf(crls);
    }

    /** Offline: only the CRLs given here and those inside the signatures count. */
    public TrustAnchors(List<X509Certificate> roots, List<X509Certificate> intermediates, List<X509CRL> crls) {
        this(roots, intermediates, crls, null);
    }

    public static TrustAnchors of(X509Certificate... roots) {
        return new TrustAnchors(List.of(roots), List.of(), List.of());
    }

    /** The same, also fetching missing CRLs from the certificates' distribution points. */
    public TrustAnchors fetchingCrls(java.time.Duration timeout) {
        return new TrustAnchors(roots, intermediates, crls, new CrlFetcher(timeout));
    }
}
