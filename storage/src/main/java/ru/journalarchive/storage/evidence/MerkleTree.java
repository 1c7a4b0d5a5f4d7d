package ru.journalarchive.storage.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.tsp.PartialHashtree;

/**
 * The binary hash tree of RFC 4998 §4.2 as BouncyCastle's {@code BinaryTreeRootCalculator} builds
 * and verifies it: leaves sorted in ascending unsigned byte order, each parent the digest of its two
 * children concatenated smaller first, an odd last node carried up unchanged. Built here rather than
 * by {@code ERSArchiveTimeStampGenerator} because BC 1.86 sorts leaves by insertion into a linked list
 * indexed by position (cubic in the number of leaves): 100 000 manifests would never finish.
 */
final class MerkleTree {

    private final EvidenceDigest digest;
    private final List<byte[][]> levels = new ArrayList<>();

    /** {@code sortedLeaves} must be in {@link #compare} order, as {@link #sort} leaves them. */
    MerkleTree(EvidenceDigest digest, byte[][] sortedLeaves) {
        if (sortedLeaves.length == 0) throw new IllegalArgumentException("a hash tree needs a leaf");
        this.digest = digest;
        byte[][] level = sortedLeaves;
        levels.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int i = 0; i + 1 < level.length; i += 2) up[i / 2] = branch(digest, level[i], level[i + 1]);
            if (level.length % 2 == 1) up[up.length - 1] = level[level.length - 1];
            levels.add(level = up);
        }
    }

    byte[] root() {
        return levels.get(levels.size() - 1)[0];
    }

    /**
     * The reduced hash tree of leaf {@code index} (RFC 4998 §4.2), laid out as BouncyCastle does: the first
     * node holds the leaf alone (so the record proves this document and not its sibling too), each further
     * node the sibling one level up; levels where the node was carried up unchanged are skipped.
     */
    PartialHashtree[] path(int index) {
        var nodes = new ArrayList<PartialHashtree>();
        nodes.add(new PartialHashtree(levels.get(0)[index]));
        for (int row = 0; row < levels.size() - 1; row++) {
            byte[][] level = levels.get(row);
            int sibling = index ^ 1;
            if (sibling < level.length) nodes.add(new PartialHashtree(level[sibling]));
            index /= 2;
        }
        return nodes.toArray(new PartialHashtree[0]);
    }

    static byte[] branch(EvidenceDigest digest, byte[] a, byte[] b) {
        return compare(a, b) <= 0 ? digest.digest(a, b) : digest.digest(b, a);
    }

    /** Unsigned lexicographic order, as RFC 4998 and BouncyCastle sort hash values. */
    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    static void sort(List<byte[]> leaves) {
        leaves.sort(MerkleTree::compare);
    }
}
