package ru.journalarchive.storage.evidence;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.GOST3411_2012_256Digest;
import org.bouncycastle.crypto.digests.GOST3411_2012_512Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** The digests an evidence record's hash tree may use: Streebog (GOST R 34.11-2012), 256 and 512 bits. */
public enum EvidenceDigest {
    STREEBOG_256(RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256),
    STREEBOG_512(RosstandartObjectIdentifiers.id_tc26_gost_3411_12_512);

    private final ASN1ObjectIdentifier oid;

    EvidenceDigest(ASN1ObjectIdentifier oid) {
        this.oid = oid;
    }

    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** Parameters absent, as RFC 4998 and the TC 26 recommendations write Streebog. */
    public AlgorithmIdentifier algorithmIdentifier() {
        return new AlgorithmIdentifier(oid);
    }

    /** The digest of the parts concatenated (BouncyCastle's lightweight engine: no JCA lookup per node). */
    public byte[] digest(byte[]... parts) {
        Digest d = this == STREEBOG_256 ? new GOST3411_2012_256Digest() : new GOST3411_2012_512Digest();
        for (byte[] part : parts) d.update(part, 0, part.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    public static EvidenceDigest of(ASN1ObjectIdentifier oid) {
        for (EvidenceDigest d : values()) if (d.oid.equals(oid)) return d;
        throw new IllegalArgumentException("not an evidence record digest: " + oid);
    }

    /** BouncyCastle's digest calculators (Streebog included) for its ERS classes. */
    public static DigestCalculatorProvider calculators() {
        try {
            return new JcaDigestCalculatorProviderBuilder().setProvider(provider()).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The BC provider, registered once as the signing module does, so both share one instance. */
    static synchronized Provider provider() {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (installed == null) {
            installed = new BouncyCastleProvider();
            Security.addProvider(installed);
        }
        return installed;
    }
}
