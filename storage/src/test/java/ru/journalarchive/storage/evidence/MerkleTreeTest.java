package ru.journalarchive.storage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import org.bouncycastle.asn1.tsp.ArchiveTimeStamp;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.ers.ERSArchiveTimeStampGenerator;
import org.bouncycastle.tsp.ers.ERSByteData;
import org.bouncycastle.tsp.ers.ERSData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our tree gives the root BouncyCastle's own generator computes, for every shape (odd counts, one leaf). */
class MerkleTreeTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33})
    void theRootIsBouncyCastlesAndEveryPathLeadsToIt(int n) throws Exception {
        var digest = EvidenceDigest.STREEBOG_256;
        var calculator = EvidenceDigest.calculators().get(digest.algorithmIdentifier());
        var generator = new ERSArchiveTimeStampGenerator(calculator);
        var leaves = new ArrayList<byte[]>();
        var data = new ArrayList<ERSData>();
        for (int i = 0; i < n; i++) {
            byte[] manifest = ("{\"documentId\":\"d" + i + "\"}").getBytes(StandardCharsets.UTF_8);
            data.add(new ERSByteData(manifest));
            leaves.add(digest.digest(manifest));
        }
        generator.addAllData(data);
        byte[] bcRoot = generator.generateTimeStampRequest(new TimeStampRequestGenerator()).getMessageImprintDigest();

        MerkleTree.sort(leaves);
        var tree = new MerkleTree(digest, leaves.toArray(new byte[0][]));
        assertThat(tree.root()).isEqualTo(bcRoot);

        // every path, checked by BC's own verification of an ArchiveTimeStamp's reduced hash tree
        var token = TestTsaTokens.over(digest, bcRoot);
        for (int i = 0; i < n; i++) {
            var ats = new org.bouncycastle.tsp.ers.ERSArchiveTimeStamp(new ArchiveTimeStamp(digest.algorithmIdentifier(), tree.path(i), token),
                    EvidenceDigest.calculators());
            ats.validatePresent(false, leaves.get(i), new Date());
        }
    }

    @Test
    void aPathStartsWithItsLeafAlone() {
        var digest = EvidenceDigest.STREEBOG_256;
        var leaves = new ArrayList<byte[]>();
        for (int i = 0; i < 4; i++) leaves.add(digest.digest(new byte[] {(byte) i}));
        MerkleTree.sort(leaves);
        var path = new MerkleTree(digest, leaves.toArray(new byte[0][])).path(1);
        assertThat(path).hasSize(3);
        assertThat(path[0].getValues()).isDeepEqualTo(new byte[][] {leaves.get(1)});
        assertThat(path[1].getValues()).isDeepEqualTo(new byte[][] {leaves.get(0)});
    }
}
