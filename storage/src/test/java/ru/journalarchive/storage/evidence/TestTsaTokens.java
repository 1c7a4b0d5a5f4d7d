package ru.journalarchive.storage.evidence;

import java.math.BigInteger;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.tsp.TimeStampRequestGenerator;

/** A real time-stamp token over a given hash, from a fresh test TSA (shared: a TSA costs a few key pairs). */
final class TestTsaTokens {

    private static final TestTsa TSA = TestTsa.fresh();

    private TestTsaTokens() {}

    static ContentInfo over(EvidenceDigest digest, byte[] hash) {
        var generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        return TSA.stamp(generator.generate(digest.algorithmIdentifier(), hash, BigInteger.ONE)).getTimeStampToken()
                .toCMSSignedData().toASN1Structure();
    }
}
