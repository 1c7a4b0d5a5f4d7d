package ru.journalarchive.signing.cades;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCRLStore;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.keys.SigningCredentials;

/**
 * CAdES-BES (ETSI baseline B) detached signatures over any bytes: signed attributes contentType,
 * messageDigest, signingTime and signing-certificate-v2 with a Streebog hash of the certificate; the
 * signer's chain (and any CRLs given) travel in the SignedData so that a verifier needs only the root.
 */
public final class CadesBaselineB {

    /**
     * Initialised signers, reused: setting up a GOST Signature with its key costs more than the
     * signature itself (STACK.md: ~3×). A ContentSigner is not thread-safe, so each is taken from the
     * pool by one signing at a time and put back after it. Pooled by the key's certificate: BC's GOST
     * private key computes its hashCode by an EC point multiplication, as dear as a signature.
     */
    private final Map<X509Certificate, Queue<ContentSigner>> signers = new ConcurrentHashMap<>();
    private final DigestCalculatorProvider digests;

    public CadesBaselineB() {
        try {
            digests = new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.get()).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER-encoded CMS SignedData, detached: the content itself is not inside. */
    public byte[] sign(byte[] content, SigningCredentials credentials, Instant signingTime, List<X509CRL> crls) {
        return sign(new CMSProcessableByteArray(content), null, credentials, signingTime, crls, true);
    }

    /**
     * The same signature over content whose Streebog hash the caller has already computed (the archive
     * keeps that hash in the manifest too): a year-end run would otherwise hash every PDF twice.
     */
    public byte[] signDigest(byte[] streebog, SigningCredentials credentials, Instant signingTime, List<X509CRL> crls) {
        return sign(new CMSAbsentContent(), streebog.clone(), credentials, signingTime, crls, true);
    }

    /**
     * For PAdES, over the signed byte ranges' Streebog, computed by the caller. The claimed time goes
     * into the PDF's signature dictionary (M) instead: ETSI EN 319 142 forbids the signing-time
     * attribute there.
     */
    public byte[] signForPdf(byte[] rangesStreebog, SigningCredentials credentials, List<X509CRL> crls) {
        return sign(new CMSAbsentContent(), rangesStreebog.clone(), credentials, null, crls, false);
    }

    /** With {@code digest} given, it is the messageDigest and {@code content} is absent: BC adds its own only when none is set. */
    private byte[] sign(CMSTypedData content, byte[] digest, SigningCredentials credentials, Instant signingTime,
                        List<X509CRL> crls, boolean withSigningTime) {
        try {
            var generator = new CMSSignedDataGenerator();
            var algorithm = credentials.algorithm();
            var pool = signers.computeIfAbsent(credentials.certificate(), k -> new ConcurrentLinkedQueue<>());
            ContentSigner pooled = pool.poll();
            var signer = pooled != null ? pooled : new JcaContentSignerBuilder(algorithm.signatureAlgorithm())
                    .setProvider(GostProvider.get()).build(credentials.privateKey());
            var attributes = new Hashtable<>(new AttributeTable(new ASN1EncodableVector()).toHashtable());
            if (withSigningTime)
                attributes.put(CMSAttributes.signingTime, new Attribute(CMSAttributes.signingTime,
                        new DERSet(new Time(Date.from(signingTime)))));
            if (digest != null)
                attributes.put(CMSAttributes.messageDigest, new Attribute(CMSAttributes.messageDigest,
                        new DERSet(new DEROctetString(digest))));
            attributes.put(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new Attribute(
                    PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(signingCertificateV2(credentials))));
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(digests)
                    .setSignedAttributeGenerator(withSigningTime
                            ? new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes))
                            : new WithoutSigningTime(new AttributeTable(attributes)))
                    .build(signer, credentials.certificate()));
            var certificates = new ArrayList<X509Certificate>();
            certificates.add(credentials.certificate());
            certificates.addAll(credentials.chain());
            generator.addCertificates(new JcaCertStore(certificates));
            if (!crls.isEmpty()) generator.addCRLs(new JcaCRLStore(crls));
            byte[] encoded = CmsEncoding.der(generator.generate(content, false));
            pool.offer(signer);
            return encoded;
        } catch (OperatorCreationException | CMSException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** ESS signing-certificate-v2: the Streebog hash of the signer's certificate and its issuer and serial. */
    static SigningCertificateV2 signingCertificateV2(SigningCredentials credentials)
            throws GeneralSecurityException {
        X509Certificate certificate = credentials.certificate();
        var algorithm = credentials.algorithm();
        byte[] hash = algorithm.digest(encoded(certificate));
        var issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(
                X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))), certificate.getSerialNumber());
        return new SigningCertificateV2(new ESSCertIDv2(new AlgorithmIdentifier(algorithm.digestOid()), hash, issuerSerial));
    }

    private static byte[] encoded(X509Certificate certificate) throws CertificateEncodingException {
        return certificate.getEncoded();
    }


    /** BC's default generator adds signing-time when it is missing; PAdES must not have it. */
    private static final class WithoutSigningTime extends DefaultSignedAttributeTableGenerator {
        WithoutSigningTime(AttributeTable attributes) {
            super(attributes);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        protected Hashtable createStandardAttributeTable(java.util.Map parameters) {
            Hashtable table = super.createStandardAttributeTable(parameters);
            table.remove(CMSAttributes.signingTime);
            return table;
        }
    }
}
