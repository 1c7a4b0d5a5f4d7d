package ru.journalarchive.signing.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.spec.ECNamedCurveGenParameterSpec;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.keys.SigningCredentials;

/**
 * A test public key infrastructure on GOST keys: a root CA, an intermediate CA under it, a time-stamp
 * authority and end-entity certificates with the subject fields of Приказ ФСБ № 795, CRLs, and on request
 * an OCSP responder named in the certificates ({@link OcspResponder}). For
 * tests and the demo only: every certificate says so in its organisation and in subjectSignTool.
 */
public final class TestPki {

    public static final ASN1ObjectIdentifier SUBJECT_SIGN_TOOL = new ASN1ObjectIdentifier("1.2.643.100.111");
    public static final ASN1ObjectIdentifier ISSUER_SIGN_TOOL = new ASN1ObjectIdentifier("1.2.643.100.112");
    public static final String TEST_ORGANIZATION = "Журнал-Архив: тестовый УЦ (не для юридически значимых подписей)";
    private static final String SIGN_TOOL = "Журнал-Архив (BouncyCastle), тестовое средство подписи";

    private final GostAlgorithm algorithm;
    private final AtomicLong serials = new AtomicLong(System.currentTimeMillis());
    private final Issued root;
    private final Issued intermediate;
    private final Issued tsa;
    private java.net.URI crlDistributionPoint;
    private java.net.URI ocspResponder;

    /** A key pair with the certificate issued for it. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
        public SigningCredentials credentials(X509Certificate... chain) {
            return new SigningCredentials(keys.getPrivate(), certificate, List.of(chain));
        }
    }

    /** Root and intermediate valid 20 years around {@code now}, the TSA 10. */
    public TestPki(GostAlgorithm algorithm, Instant now) {
        this(algorithm, now, null);
    }

    /**
     * The same, every certificate below the root — the intermediate and the TSA too — naming
     * {@code ocspResponder} (null: none): a chain whose revocation needs no CRL at all.
     */
    public TestPki(GostAlgorithm algorithm, Instant now, java.net.URI ocspResponder) {
        this.algorithm = algorithm;
        this.ocspResponder = ocspResponder;
        Instant from = now.minusSeconds(86_400L * 365);
        KeyPair rootKeys = keyPair();
        var rootName = CertificateSubject.service("Тестовый корневой УЦ Журнал-Архив", TEST_ORGANIZATION).toX500Name();
        root = new Issued(rootKeys, build(new JcaX509v3CertificateBuilder(rootName, serial(), Date.from(from),
                Date.from(now.plusSeconds(86_400L * 365 * 20)), rootName, rootKeys.getPublic()), rootKeys.getPublic(), rootKeys,
                null, true, null));
        KeyPair intermediateKeys = keyPair();
        intermediate = new Issued(intermediateKeys, issue(root, CertificateSubject.service(
                "Тестовый УЦ Журнал-Архив", TEST_ORGANIZATION), intermediateKeys, from, now.plusSeconds(86_400L * 365 * 20),
                true, null));
        KeyPair tsaKeys = keyPair();
        tsa = new Issued(tsaKeys, issue(intermediate, CertificateSubject.service(
                "Тестовая служба штампов времени Журнал-Архив", TEST_ORGANIZATION), tsaKeys, from,
                now.plusSeconds(86_400L * 365 * 10), false, KeyPurposeId.id_kp_timeStamping));
    }

    /** A test PKI kept from before (the demo's, in files): its CAs and TSA with their keys, to issue certificates and CRLs again. */
    public TestPki(Issued root, Issued intermediate, Issued tsa) {
        this.algorithm = GostAlgorithm.of(root.keys().getPublic());
        this.root = root;
        this.intermediate = intermediate;
        this.tsa = tsa;
    }

    public GostAlgorithm algorithm() {
        return algorithm;
    }

    public Issued root() {
        return root;
    }

    public Issued intermediate() {
        return intermediate;
    }

    public Issued tsa() {
        return tsa;
    }

    /** Signer certificates issued from now on name this URL as their CRL distribution point. */
    public TestPki crlDistributionPoint(java.net.URI url) {
        this.crlDistributionPoint = url;
        return this;
    }

    /** Certificates issued from now on (signers, further TSAs) name this URL as their OCSP responder (AuthorityInfoAccess). */
    public TestPki ocspResponder(java.net.URI url) {
        this.ocspResponder = url;
        return this;
    }

    /**
     * A delegated OCSP responder of the intermediate CA (id-kp-OCSPSigning), marked id-pkix-ocsp-nocheck:
     * nobody asks about the responder's own revocation (RFC 6960 §4.2.2.2.1).
     */
    public Issued issueOcspResponder(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair();
        return new Issued(keys, issue(intermediate, CertificateSubject.service(commonName, TEST_ORGANIZATION), keys, notBefore,
                notAfter, false, KeyPurposeId.id_kp_OCSPSigning));
    }

    /** A signer's certificate from the intermediate CA, for signing documents (digitalSignature, nonRepudiation). */
    public Issued issueSigner(CertificateSubject subject, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair();
        return new Issued(keys, issue(intermediate, subject, keys, notBefore, notAfter, false, KeyPurposeId.id_kp_emailProtection));
    }

    /** A signer's certificate for a public key generated elsewhere (a token, OpenSSL): the private key never comes here. */
    public X509Certificate issueSigner(CertificateSubject subject, java.security.PublicKey key, Instant notBefore, Instant notAfter) {
        var builder = new JcaX509v3CertificateBuilder(intermediate.certificate(), serial(), Date.from(notBefore),
                Date.from(notAfter), subject.toX500Name(), key);
        return build(builder, key, intermediate.keys(), intermediate.certificate(), false, KeyPurposeId.id_kp_emailProtection);
    }

    /**
     * A further time-stamp authority under the intermediate CA with a validity of its own: one that
     * expires before a validation time, or an archive TSA that outlives the first one (renewals).
     */
    public Issued issueTimeStampAuthority(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair();
        return new Issued(keys, issue(intermediate, CertificateSubject.service(commonName, TEST_ORGANIZATION), keys, notBefore,
                notAfter, false, KeyPurposeId.id_kp_timeStamping));
    }

    /** The root CA's CRL, nobody revoked. */
    public X509CRL rootCrl(Instant thisUpdate, Instant nextUpdate) {
        return crl(root, thisUpdate, nextUpdate, Map.of());
    }

    /** The credentials of a signer with the chain up to the root. */
    public SigningCredentials credentials(Issued signer) {
        return signer.credentials(intermediate.certificate(), root.certificate());
    }

    /** A CRL of the intermediate CA listing these certificates as revoked at the given times. */
    public X509CRL crl(Instant thisUpdate, Instant nextUpdate, Map<X509Certificate, Instant> revoked) {
        return crl(intermediate, thisUpdate, nextUpdate, revoked);
    }

    /** The CRLs of both CAs, nobody revoked, valid for a year from {@code now}: what a clean chain needs. */
    public List<X509CRL> emptyCrls(Instant now) {
        return List.of(emptyCrl(now), crl(root, now.minusSeconds(60), now.plusSeconds(86_400L * 365), Map.of()));
    }

    /** The CRLs of both CAs (intermediate first) issued at {@code thisUpdate}, nobody revoked: what a CA's CRL server hands out. */
    public List<X509CRL> crlsIssuedAt(Instant thisUpdate) {
        Instant next = thisUpdate.plusSeconds(86_400);
        return List.of(crl(intermediate, thisUpdate, next, Map.of()), crl(root, thisUpdate, next, Map.of()));
    }

    private X509CRL crl(Issued issuer, Instant thisUpdate, Instant nextUpdate, Map<X509Certificate, Instant> revoked) {
        try {
            var builder = new JcaX509v2CRLBuilder(issuer.certificate(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            revoked.forEach((cert, at) -> builder.addCRLEntry(cert.getSerialNumber(), Date.from(at), CRLReason.keyCompromise));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
            builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(serial()));
            return new JcaX509CRLConverter().setProvider(GostProvider.get()).getCRL(
                    ((X509v2CRLBuilder) builder).build(signer(issuer.keys())));
        } catch (GeneralSecurityException | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot issue a CRL", e);
        }
    }

    /** An empty CRL of the intermediate CA valid for a year from {@code now}. */
    public X509CRL emptyCrl(Instant now) {
        return crl(now.minusSeconds(60), now.plusSeconds(86_400L * 365), Map.of());
    }

    private X509Certificate issue(Issued issuer, CertificateSubject subject, KeyPair keys, Instant from, Instant to,
                                  boolean ca, KeyPurposeId purpose) {
        var builder = new JcaX509v3CertificateBuilder(issuer.certificate(), serial(), Date.from(from), Date.from(to),
                subject.toX500Name(), keys.getPublic());
        return build(builder, keys.getPublic(), issuer.keys(), issuer.certificate(), ca, purpose);
    }

    private X509Certificate build(JcaX509v3CertificateBuilder builder, java.security.PublicKey subjectKey, KeyPair issuerKeys,
                                  X509Certificate issuerCert, boolean ca, KeyPurposeId purpose) {
        try {
            var utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            if (issuerCert != null)
                builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCert));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            if (purpose != null)
                builder.addExtension(Extension.extendedKeyUsage, purpose == KeyPurposeId.id_kp_timeStamping,
                        new ExtendedKeyUsage(purpose));
            if (!ca && crlDistributionPoint != null)
                builder.addExtension(Extension.cRLDistributionPoints, false, new org.bouncycastle.asn1.x509.CRLDistPoint(
                        new org.bouncycastle.asn1.x509.DistributionPoint[] {new org.bouncycastle.asn1.x509.DistributionPoint(
                                new org.bouncycastle.asn1.x509.DistributionPointName(new org.bouncycastle.asn1.x509.GeneralNames(
                                        new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier,
                                                crlDistributionPoint.toString()))), null, null)}));
            if (purpose == KeyPurposeId.id_kp_OCSPSigning)
                builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            else if (issuerCert != null && ocspResponder != null)
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, ocspResponder.toString())));
            builder.addExtension(SUBJECT_SIGN_TOOL, false, new DERUTF8String(SIGN_TOOL));
            builder.addExtension(ISSUER_SIGN_TOOL, false, new DERSequence(new DERUTF8String[] {
                    new DERUTF8String(SIGN_TOOL), new DERUTF8String("Журнал-Архив: тестовый УЦ"),
                    new DERUTF8String("нет сертификата соответствия"), new DERUTF8String("нет сертификата соответствия")}));
            return new JcaX509CertificateConverter().setProvider(GostProvider.get()).getCertificate(builder.build(signer(issuerKeys)));
        } catch (GeneralSecurityException | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate", e);
        }
    }

    private org.bouncycastle.operator.ContentSigner signer(KeyPair issuerKeys) {
        try {
            return new JcaContentSignerBuilder(GostAlgorithm.of(issuerKeys.getPublic()).signatureAlgorithm())
                    .setProvider(GostProvider.get()).build(issuerKeys.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyPair keyPair() {
        try {
            var generator = KeyPairGenerator.getInstance(GostAlgorithm.KEY_ALGORITHM, GostProvider.get());
            generator.initialize(new ECNamedCurveGenParameterSpec(algorithm.defaultParameterSet()));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key pair", e);
        }
    }

    private BigInteger serial() {
        return BigInteger.valueOf(serials.incrementAndGet());
    }
}
