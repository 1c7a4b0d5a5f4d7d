package ru.journalarchive.signing.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.CertStatus;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.jcajce.JcaRespID;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.GostProvider;

/**
 * The OCSP responder (RFC 6960) of a test PKI's two CAs: it answers about certificates of the
 * intermediate or the root, signed by that CA itself or, for the intermediate's, by a delegated
 * responder ({@link TestPki#issueOcspResponder}). Every status is good unless {@link #revoke}d here;
 * thisUpdate and producedAt are the time asked for, to the millisecond (GeneralizedTime keeps them).
 */
public final class OcspResponder {

    /** How long an answer says it holds (nextUpdate). */
    private static final Duration VALIDITY = Duration.ofDays(1);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS").withZone(ZoneOffset.UTC);

    private final TestPki pki;
    private final TestPki.Issued delegate;
    private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
    private final DigestCalculatorProvider digests;

    /** Each CA signs the answers about its own certificates. */
    public OcspResponder(TestPki pki) {
        this(pki, null);
    }

    /** @param delegate signs the answers about the intermediate's certificates (null: the intermediate itself) */
    public OcspResponder(TestPki pki, TestPki.Issued delegate) {
        this.pki = pki;
        this.delegate = delegate;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.get()).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From now on the certificate is answered as revoked at {@code at} (the test PKI's serials are unique across its CAs). */
    public OcspResponder revoke(X509Certificate certificate, Instant at) {
        revoked.put(certificate.getSerialNumber(), at);
        return this;
    }

    /**
     * The DER OCSPResponse to a DER OCSPRequest, as known at {@code at}: "unauthorized" when it asks
     * about a certificate of neither CA, or of both in one request (one answer has one signer).
     */
    public byte[] respond(byte[] request, Instant at) {
        var ids = new ArrayList<CertificateID>();
        try {
            for (var req : new OCSPReq(request).getRequestList()) ids.add(req.getCertID());
        } catch (IOException | IllegalArgumentException e) {
            return refusal(OCSPRespBuilder.MALFORMED_REQUEST); // not an OCSPRequest
        }
        try {
            TestPki.Issued ca = issuerOf(ids);
            if (ca == null) return refusal(OCSPRespBuilder.UNAUTHORIZED);
            return answer(delegate != null && ca == pki.intermediate() ? delegate : ca, ids, at);
        } catch (IOException | OCSPException | OperatorCreationException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot answer an OCSP request", e);
        }
    }

    /**
     * A successful basic response signed by {@code signer}, its certificate included. Built from the
     * ASN.1 rather than with BouncyCastle's BasicOCSPRespBuilder, which writes whole seconds only.
     */
    private byte[] answer(TestPki.Issued signer, List<CertificateID> ids, Instant at)
            throws IOException, OCSPException, OperatorCreationException, CertificateEncodingException {
        var responses = new ASN1EncodableVector();
        for (CertificateID id : ids) {
            Instant revokedAt = revoked.get(id.getSerialNumber());
            CertStatus status = revokedAt == null ? new CertStatus()
                    : new CertStatus(new RevokedInfo(time(revokedAt), CRLReason.lookup(CRLReason.keyCompromise)));
            responses.add(new SingleResponse(id.toASN1Primitive(), status, time(at), time(at.plus(VALIDITY)), (Extensions) null));
        }
        var responder = new JcaRespID(signer.certificate().getPublicKey(), digests.get(CertificateID.HASH_SHA1)).toASN1Primitive();
        var data = new ResponseData(responder, time(at), new DERSequence(responses), (Extensions) null);
        var contentSigner = new JcaContentSignerBuilder(GostAlgorithm.of(signer.keys().getPublic()).signatureAlgorithm())
                .setProvider(GostProvider.get()).build(signer.keys().getPrivate());
        try (OutputStream out = contentSigner.getOutputStream()) {
            out.write(data.getEncoded(ASN1Encoding.DER));
        }
        var basic = new BasicOCSPResponse(data, contentSigner.getAlgorithmIdentifier(), new DERBitString(contentSigner.getSignature()),
                new DERSequence(new JcaX509CertificateHolder(signer.certificate()).toASN1Structure()));
        var bytes = new ResponseBytes(OCSPObjectIdentifiers.id_pkix_ocsp_basic, new DEROctetString(basic.getEncoded(ASN1Encoding.DER)));
        return new OCSPResponse(new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL), bytes).getEncoded(ASN1Encoding.DER);
    }

    /**
     * GeneralizedTime to the millisecond, as DER wants it (no trailing zeros in the fraction): an answer
     * given now is then newer than a time-stamp of the same second.
     */
    private static ASN1GeneralizedTime time(Instant t) {
        String fraction = MILLIS.format(t).replaceAll("\\.?0+$", "");
        return new ASN1GeneralizedTime(fraction + "Z");
    }

    /** The CA whose certificates every request is about; null when none or more than one. */
    private TestPki.Issued issuerOf(List<CertificateID> ids) throws OCSPException, CertificateEncodingException {
        TestPki.Issued found = null;
        for (CertificateID id : ids) {
            TestPki.Issued ca = null;
            for (TestPki.Issued candidate : List.of(pki.intermediate(), pki.root()))
                if (id.matchesIssuer(new JcaX509CertificateHolder(candidate.certificate()), digests)) ca = candidate;
            if (ca == null || found != null && found != ca) return null;
            found = ca;
        }
        return found;
    }

    private static byte[] refusal(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
