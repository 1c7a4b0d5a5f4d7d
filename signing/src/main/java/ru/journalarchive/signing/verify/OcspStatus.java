package ru.journalarchive.signing.verify;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import ru.journalarchive.signing.keys.GostProvider;

/**
 * What an OCSP response (RFC 6960) says about one certificate, once checked: signed by the
 * certificate's issuer or by a responder the issuer delegated to, and about this very certificate
 * (its CertID, with whatever hash the response used). Good when {@code revokedAt} is null.
 *
 * @param response   the DER OCSPResponse, as it goes into a PDF's /OCSPs or a CMS's revocation values
 * @param thisUpdate when the responder knew the status to be so: what freshness is judged by
 */
public record OcspStatus(byte[] response, Instant thisUpdate, Instant producedAt, Instant revokedAt) {

    private static final DigestCalculatorProvider DIGESTS = digests();

    public boolean revoked() {
        return revokedAt != null;
    }

    /**
     * What {@code response} says about {@code certificate}; null when it says nothing trustworthy about
     * it: not a successful basic response, signed by neither the issuer nor its delegated responder,
     * about other certificates only, or status unknown.
     */
    public static OcspStatus of(byte[] response, X509Certificate certificate, X509Certificate issuer) {
        try {
            var parsed = new OCSPResp(response);
            if (parsed.getStatus() != OCSPResp.SUCCESSFUL || !(parsed.getResponseObject() instanceof BasicOCSPResp basic)) return null;
            var issuerHolder = new JcaX509CertificateHolder(issuer);
            for (SingleResp single : basic.getResponses()) {
                var id = single.getCertID();
                if (!id.getSerialNumber().equals(certificate.getSerialNumber()) || !id.matchesIssuer(issuerHolder, DIGESTS)) continue;
                var status = single.getCertStatus();
                if (status instanceof UnknownStatus || !signedForIssuer(basic, issuer)) return null;
                Instant revokedAt = status instanceof RevokedStatus r ? r.getRevocationTime().toInstant() : null;
                return new OcspStatus(response, single.getThisUpdate().toInstant(), basic.getProducedAt().toInstant(), revokedAt);
            }
            return null;
        } catch (IOException | OCSPException | GeneralSecurityException | RuntimeException e) {
            return null; // unreadable: it proves nothing
        }
    }

    /** Signed by the issuer itself, or by a certificate the issuer gave for OCSP signing (RFC 6960 §4.2.2.2). */
    private static boolean signedForIssuer(BasicOCSPResp basic, X509Certificate issuer) throws GeneralSecurityException {
        if (verifies(basic, issuer.getPublicKey())) return true;
        var converter = new JcaX509CertificateConverter().setProvider(GostProvider.get());
        Instant produced = basic.getProducedAt().toInstant();
        for (X509CertificateHolder holder : basic.getCerts()) {
            X509Certificate responder = converter.getCertificate(holder);
            if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) continue;
            try {
                responder.verify(issuer.getPublicKey(), GostProvider.get());
            } catch (GeneralSecurityException e) {
                continue; // not the issuer's
            }
            List<String> purposes = responder.getExtendedKeyUsage();
            if (purposes == null || !purposes.contains(KeyPurposeId.id_kp_OCSPSigning.getId())) continue;
            // The response cannot show its responder's own revocation: RFC 6960 §4.2.2.2.1 lets a client trust a
            // delegated responder for its lifetime only when the issuer marked it id-pkix-ocsp-nocheck.
            if (responder.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId()) == null) continue;
            if (produced.isBefore(responder.getNotBefore().toInstant()) || produced.isAfter(responder.getNotAfter().toInstant()))
                continue;
            if (verifies(basic, responder.getPublicKey())) return true;
        }
        return false;
    }

    private static boolean verifies(BasicOCSPResp basic, PublicKey key) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(GostProvider.get()).build(key));
        } catch (OCSPException | OperatorCreationException | RuntimeException e) {
            return false; // another kind of key than the signature's
        }
    }

    private static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.get()).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
