package ru.journalarchive.signing.timestamp;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.keys.SigningCredentials;

/**
 * An RFC 3161 time-stamp authority on a GOST key: takes a TimeStampReq, answers a TimeStampResp. The
 * service runs one as its test TSA (its certificate says it is a test one); production points the
 * signing at a qualified TSA instead.
 */
public final class TimeStampAuthority {

    /** The policy of this test TSA: a UUID-based OID (X.667), not a policy of any accredited service. */
    public static final ASN1ObjectIdentifier TEST_POLICY = new ASN1ObjectIdentifier("2.25.247305446812354712238619470953417474307");

    private final TimeStampTokenGenerator tokens;
    private final TimeStampResponseGenerator responses;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TimeStampAuthority(SigningCredentials tsa, Clock clock) {
        this.clock = clock;
        try {
            var algorithm = tsa.algorithm();
            var signer = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                    .setProvider(GostProvider.get()).build())
                    .build(new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).setProvider(GostProvider.get())
                            .build(tsa.privateKey()), tsa.certificate());
            tokens = new TimeStampTokenGenerator(signer, new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.get())
                    .build().get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(algorithm.digestOid())), TEST_POLICY);
            var certificates = new ArrayList<java.security.cert.X509Certificate>();
            certificates.add(tsa.certificate());
            certificates.addAll(tsa.chain());
            tokens.addCertificates(new JcaCertStore(certificates));
            var accepted = new java.util.HashSet<>(TSPAlgorithms.ALLOWED);
            for (var gost : ru.journalarchive.signing.keys.GostAlgorithm.values()) accepted.add(gost.digestOid());
            responses = new TimeStampResponseGenerator(tokens, accepted);
        } catch (OperatorCreationException | GeneralSecurityException | TSPException e) {
            throw new IllegalStateException("cannot set up the time-stamp authority", e);
        }
    }

    /**
     * The DER TimeStampResp for a DER TimeStampReq; a malformed request gets a rejection, not an
     * exception. One at a time: BouncyCastle's token generator and its signer keep state per token,
     * and concurrent requests made tokens whose signature did not match their content.
     */
    public synchronized byte[] respond(byte[] request) {
        try {
            TimeStampRequest parsed;
            try {
                parsed = new TimeStampRequest(request);
            } catch (IOException | RuntimeException e) {
                return responses.generateFailResponse(org.bouncycastle.asn1.cmp.PKIStatus.REJECTION,
                        org.bouncycastle.asn1.cmp.PKIFailureInfo.badDataFormat, "malformed request").getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
            }
            BigInteger serial = new BigInteger(64, random);
            return responses.generateGrantedResponse(parsed, serial, Date.from(clock.instant())).getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
        } catch (TSPException | IOException e) {
            throw new IllegalStateException("cannot answer a time-stamp request", e);
        }
    }
}
