package ru.journalarchive.storage.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.tsp.ArchiveTimeStamp;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * One locked object of an evidence record, DER-encoded:
 * <pre>
 * EvidenceObject ::= SEQUENCE {
 *   version   INTEGER (1),
 *   recordId  UTF8String,
 *   seq       INTEGER,                 -- 0 the first chain, then each renewal in order
 *   content   CHOICE {
 *     chain   [0] EXPLICIT SEQUENCE {  -- first chain, or a hash-tree renewal (RFC 4998 §5.3)
 *               digestAlgorithm AlgorithmIdentifier,
 *               timeStamp       ContentInfo,          -- RFC 3161 token over the tree's root
 *               leaves          SEQUENCE OF SEQUENCE { documentId UTF8String, leaf OCTET STRING } },
 *     renewal [1] EXPLICIT ArchiveTimeStamp } }   -- a time-stamp renewal (§5.2), the same for every document
 * </pre>
 * A chain keeps the leaves, not each document's reduced hash tree: with the tree's rule
 * ({@link MerkleTree}) the leaves give every path, and 100 000 paths of ~17 nodes would be ~65 MB
 * against ~6 MB. A document's leaf is the Streebog of its manifest.json; after a hash-tree renewal it
 * is H(H(manifest) || H(ArchiveTimeStampSequence so far)), as RFC 4998 §5.3 and BouncyCastle compute it.
 */
sealed interface EvidenceObject {

    String recordId();

    int seq();

    record Leaf(String documentId, byte[] hash) {}

    record Chain(String recordId, int seq, EvidenceDigest digest, ContentInfo timeStamp, List<Leaf> leaves) implements EvidenceObject {}

    record Renewal(String recordId, int seq, ArchiveTimeStamp archiveTimeStamp) implements EvidenceObject {}

    default byte[] encoded() {
        ASN1Encodable content;
        if (this instanceof Chain c) {
            var leaves = new ASN1EncodableVector(c.leaves().size());
            for (Leaf l : c.leaves()) leaves.add(new DERSequence(new ASN1Encodable[] {new DERUTF8String(l.documentId()), new DEROctetString(l.hash())}));
            content = new DERTaggedObject(true, 0, new DERSequence(new ASN1Encodable[] {c.digest().algorithmIdentifier(), c.timeStamp(),
                    new DERSequence(leaves)}));
        } else {
            content = new DERTaggedObject(true, 1, ((Renewal) this).archiveTimeStamp());
        }
        try {
            return new DERSequence(new ASN1Encodable[] {new ASN1Integer(1), new DERUTF8String(recordId()), new ASN1Integer(seq()), content})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EvidenceObject parse(byte[] der) {
        var s = ASN1Sequence.getInstance(der);
        if (!ASN1Integer.getInstance(s.getObjectAt(0)).hasValue(1)) throw new IllegalArgumentException("unknown evidence object version");
        String recordId = ASN1UTF8String.getInstance(s.getObjectAt(1)).getString();
        int seq = ASN1Integer.getInstance(s.getObjectAt(2)).intValueExact();
        var tagged = ASN1TaggedObject.getInstance(s.getObjectAt(3));
        if (tagged.getTagNo() == 1) return new Renewal(recordId, seq, ArchiveTimeStamp.getInstance(tagged.getExplicitBaseObject()));
        var chain = ASN1Sequence.getInstance(tagged.getExplicitBaseObject());
        var digest = EvidenceDigest.of(AlgorithmIdentifier.getInstance(chain.getObjectAt(0)).getAlgorithm());
        var token = ContentInfo.getInstance(chain.getObjectAt(1));
        var leaves = new ArrayList<Leaf>();
        for (var item : ASN1Sequence.getInstance(chain.getObjectAt(2))) {
            var leaf = ASN1Sequence.getInstance(item);
            leaves.add(new Leaf(ASN1UTF8String.getInstance(leaf.getObjectAt(0)).getString(),
                    ASN1OctetString.getInstance(leaf.getObjectAt(1)).getOctets()));
        }
        return new Chain(recordId, seq, digest, token, leaves);
    }
}
