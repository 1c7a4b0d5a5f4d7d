package ru.journalarchive.storage.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.tsp.ArchiveTimeStamp;
import org.bouncycastle.asn1.tsp.EvidenceRecord;

/**
 * The standalone RFC 4998 EvidenceRecord of each document of one record, derived from the record's
 * locked objects: each chain object gives the document its reduced hash tree and the shared time-stamp
 * (a new ArchiveTimeStampChain), each time-stamp renewal appends its ArchiveTimeStamp to the last chain.
 * Trees are built once per chain, so deriving many documents' records costs one tree each.
 */
final class DocumentEvidence {

    private record IndexedChain(EvidenceObject.Chain chain, MerkleTree tree, Map<String, Integer> index) {}

    private final List<EvidenceObject> objects;
    private final Map<Integer, IndexedChain> chains = new HashMap<>();

    DocumentEvidence(List<EvidenceObject> objects) {
        this.objects = List.copyOf(objects);
        for (var o : this.objects) {
            if (o instanceof EvidenceObject.Chain c) {
                var leaves = new byte[c.leaves().size()][];
                var index = new HashMap<String, Integer>(c.leaves().size() * 2);
                for (int i = 0; i < leaves.length; i++) {
                    leaves[i] = c.leaves().get(i).hash();
                    index.put(c.leaves().get(i).documentId(), i);
                }
                chains.put(c.seq(), new IndexedChain(c, new MerkleTree(c.digest(), leaves), index));
            }
        }
    }

    /** Empty when the objects do not cover the document. */
    Optional<EvidenceRecord> of(String documentId) {
        EvidenceRecord record = null;
        for (var o : objects) {
            if (o instanceof EvidenceObject.Chain c) {
                var indexed = chains.get(c.seq());
                Integer i = indexed.index().get(documentId);
                if (i == null) return Optional.empty();
                var ats = new ArchiveTimeStamp(c.digest().algorithmIdentifier(), indexed.tree().path(i), c.timeStamp());
                record = record == null ? new EvidenceRecord(null, null, ats) : record.addArchiveTimeStamp(ats, true);
            } else if (record != null) {
                record = record.addArchiveTimeStamp(((EvidenceObject.Renewal) o).archiveTimeStamp(), false);
            }
        }
        return Optional.ofNullable(record);
    }

    /** The leaves of a chain sorted as the tree wants them (the stored order). */
    static List<EvidenceObject.Leaf> sorted(List<EvidenceObject.Leaf> leaves) {
        var copy = new ArrayList<>(leaves);
        copy.sort((a, b) -> MerkleTree.compare(a.hash(), b.hash()));
        return copy;
    }
}
