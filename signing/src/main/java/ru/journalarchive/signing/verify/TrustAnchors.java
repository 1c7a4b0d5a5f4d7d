package ru.journalarchive.signing.verify;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the verifier trusts and knows besides the signature: root certificates (a configured
 * directory or --trust files), further intermediates and CRLs (fetched or supplied).
 */
public record TrustAnchors(List<X509Certificate> roots, List<X509Certificate> intermediates, List<X509CRL> crls) {

    public TrustAnchors {
        roots = List.copyOf(roots);
        intermediates = List.copyOf(intermediates);
        crls = List.copyOf(crls);
    }

    public static TrustAnchors of(X509Certificate... roots) {
        return new TrustAnchors(List.of(roots), List.of(), List.of());
    }
}
