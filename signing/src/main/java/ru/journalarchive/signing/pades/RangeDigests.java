package ru.journalarchive.signing.pades;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import ru.journalarchive.signing.keys.GostAlgorithm;

/**
 * Streebog of a signature's byte ranges and of the whole file it signs, from one pass over the bytes
 * before the signature's hole: those are most of the file (the document as it stood), and hashing
 * them twice cost as much as the rest of a long-term level.
 */
final class RangeDigests {

    private final MessageDigest ranges;
    private MessageDigest beforeHole;

    RangeDigests(GostAlgorithm algorithm) {
        ranges = algorithm.newDigest();
    }

    /** The digest of the signed ranges, as PDFBox hands them to a signature: everything but the hole. */
    byte[] ofRanges(InputStream content, int holeStart) throws IOException {
        ranges.update(content.readNBytes(holeStart));
        beforeHole = clone(ranges);
        ranges.update(content.readAllBytes());
        return ranges.digest();
    }

    /** The digest of the whole saved file, its signature's contents included; after {@link #ofRanges}. */
    byte[] ofFile(byte[] signed, int holeStart) {
        beforeHole.update(signed, holeStart, signed.length - holeStart);
        return beforeHole.digest();
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the GOST provider's digests can be cloned", e);
        }
    }
}
