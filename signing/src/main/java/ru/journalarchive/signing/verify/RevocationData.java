package ru.journalarchive.signing.verify;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import ru.journalarchive.signing.keys.GostProvider;

/**
 * The revocation data a verification judges with: CRLs and OCSP responses (DER), from the trust
 * store, the signature's SignedData and a PDF's DSS. Of each kind only the newest word about a
 * certificate counts, and only what its issuer (or the issuer's delegated OCSP responder) signed; a
 * revocation that either kind reports holds, as revocation is final.
 */
final class RevocationData {

    /** What is known of a certificate's revocation: nothing ({@code known} false), not revoked ({@code revokedAt} null), or when. */
    record Status(boolean known, Instant revokedAt) {
        static final Status UNKNOWN = new Status(false, null);
    }

    private final List<X509CRL> crls;
    private final List<byte[]> ocsps;

    RevocationData(Collection<X509CRL> crls, Collection<byte[]> ocsps) {
        this.crls = List.copyOf(crls);
        this.ocsps = List.copyOf(ocsps);
    }

    static RevocationData crls(Collection<X509CRL> crls) {
        return new RevocationData(crls, List.of());
    }

    RevocationData plus(RevocationData more) {
        var allCrls = new ArrayList<>(crls);
        allCrls.addAll(more.crls);
        var allOcsps = new ArrayList<>(ocsps);
        allOcsps.addAll(more.ocsps);
        return new RevocationData(allCrls, allOcsps);
    }

    /** @param after only data issued after this time counts (null: any) */
    Status status(X509Certificate cert, X509Certificate issuer, Instant after) {
        X509CRL crl = newestCrl(cert, issuer, after);
        OcspStatus ocsp = newestOcsp(cert, issuer, after);
        if (crl == null && ocsp == null) return Status.UNKNOWN;
        var entry = crl == null ? null : crl.getRevokedCertificate(cert);
        Instant revokedAt = entry == null ? null : entry.getRevocationDate().toInstant();
        if (ocsp != null && ocsp.revoked() && (revokedAt == null || ocsp.revokedAt().isBefore(revokedAt))) revokedAt = ocsp.revokedAt();
        return new Status(true, revokedAt);
    }

    /** The newest CRL of the certificate's issuer that the issuer really signed, issued after {@code after} (null: any). */
    X509CRL newestCrl(X509Certificate cert, X509Certificate issuer, Instant after) {
        X509CRL newest = null;
        for (X509CRL candidate : crls) {
            if (!candidate.getIssuerX500Principal().equals(cert.getIssuerX500Principal())) continue;
            if (after != null && !candidate.getThisUpdate().toInstant().isAfter(after)) continue;
            try {
                candidate.verify(issuer.getPublicKey(), GostProvider.get());
            } catch (GeneralSecurityException e) {
                continue; // not signed by this issuer: ignore it
            }
            if (newest == null || candidate.getThisUpdate().after(newest.getThisUpdate())) newest = candidate;
        }
        return newest;
    }

    /** The newest trustworthy OCSP answer about the certificate with thisUpdate after {@code after} (null: any). */
    OcspStatus newestOcsp(X509Certificate cert, X509Certificate issuer, Instant after) {
        OcspStatus newest = null;
        for (byte[] response : ocsps) {
            OcspStatus status = OcspStatus.of(response, cert, issuer);
            if (status == null || after != null && !status.thisUpdate().isAfter(after)) continue;
            if (newest == null || status.thisUpdate().isAfter(newest.thisUpdate())) newest = status;
        }
        return newest;
    }
}
