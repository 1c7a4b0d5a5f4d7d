package ru.journalarchive.storage.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.GOST3411_2012_256Digest;

/** SHA-256 and Streebog-256 (GOST R 34.11-2012) in hex: the two hashes every archived object carries. */
public final class ObjectHashes {

    private ObjectHashes() {}

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String streebog256(byte[] bytes) {
        var digest = new GOST3411_2012_256Digest();
        digest.update(bytes, 0, bytes.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
