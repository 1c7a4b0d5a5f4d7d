package ru.journalarchive.signing.keys;

import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;

/**
 * The two GOST R 34.10-2012 key lengths with their Streebog digests, as BouncyCastle names them
 * (STACK.md) and with the OIDs that OpenSSL and CryptoPro write.
 */
public enum GostAlgorithm {
    GOST_2012_256("Tc26-Gost-3410-12-256-paramSetA", "GOST3411-2012-256WITHECGOST3410-2012-256", "GOST3411-2012-256",
            RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256, RosstandartObjectIdentifiers.id_tc26_gost_3410_12_256),
    GOST_2012_512("Tc26-Gost-3410-12-512-paramSetA", "GOST3411-2012-512WITHECGOST3410-2012-512", "GOST3411-2012-512",
            RosstandartObjectIdentifiers.id_tc26_gost_3411_12_512, RosstandartObjectIdentifiers.id_tc26_gost_3410_12_512);

    /** The key pair generator's algorithm name in BouncyCastle. */
    public static final String KEY_ALGORITHM = "ECGOST3410-2012";

    private final String defaultParameterSet;
    private final String signatureAlgorithm;
    private final String digestAlgorithm;
    private final ASN1ObjectIdentifier digestOid;
    private final ASN1ObjectIdentifier keyOid;

    GostAlgorithm(String defaultParameterSet, String signatureAlgorithm, String digestAlgorithm,
                  ASN1ObjectIdentifier digestOid, ASN1ObjectIdentifier keyOid) {
        this.defaultParameterSet = defaultParameterSet;
        this.signatureAlgorithm = signatureAlgorithm;
        this.digestAlgorithm = digestAlgorithm;
        this.digestOid = digestOid;
        this.keyOid = keyOid;
    }

    public String defaultParameterSet() {
        return defaultParameterSet;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    public ASN1ObjectIdentifier digestOid() {
        return digestOid;
    }

    public ASN1ObjectIdentifier keyOid() {
        return keyOid;
    }

    /** The Streebog hash of {@code content} that signatures with this algorithm carry. */
    public byte[] digest(byte[] content) {
        return newDigest().digest(content);
    }

    /** A fresh Streebog of this algorithm's size, to feed in parts (it can be cloned midway). */
    public java.security.MessageDigest newDigest() {
        try {
            return java.security.MessageDigest.getInstance(digestAlgorithm, GostProvider.get());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The algorithm whose Streebog digest has this OID; empty for any other digest. */
    public static java.util.Optional<GostAlgorithm> byDigest(ASN1ObjectIdentifier digestOid) {
        for (GostAlgorithm a : values()) if (a.digestOid.equals(digestOid)) return java.util.Optional.of(a);
        return java.util.Optional.empty();
    }

    /** The JCA name of the digest with this OID: Streebog by its BouncyCastle name, anything else by its OID. */
    public static String digestName(ASN1ObjectIdentifier digestOid) {
        return byDigest(digestOid).map(GostAlgorithm::digestAlgorithm).orElse(digestOid.getId());
    }

    /** The algorithm of a GOST public key: 512-bit keys have 128-byte points, 256-bit ones 64. */
    public static GostAlgorithm of(PublicKey key) {
        var info = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getEncoded());
        var oid = info.getAlgorithm().getAlgorithm();
        if (oid.equals(GOST_2012_256.keyOid)) return GOST_2012_256;
        if (oid.equals(GOST_2012_512.keyOid)) return GOST_2012_512;
        throw new IllegalArgumentException("not a GOST R 34.10-2012 key: " + oid);
    }
}
