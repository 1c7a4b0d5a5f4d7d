package ru.journalarchive.signing.pades;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encoding;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.timestamp.TimeStampClient;

/**
 * PAdES baseline LTA: a document time-stamp (/Type /DocTimeStamp, SubFilter ETSI.RFC3161) over the
 * whole file as it stands — signatures and their validation data (LT) included — with a Streebog
 * imprint, as an incremental update. It proves that all of it existed at that time, so the
 * signatures can be judged then, after their certificates have expired.
 */
public final class PadesBaselineLTA {

    public static final COSName ETSI_RFC3161 = COSName.getPDFName("ETSI.RFC3161");
    /** A token with its TSA's chain; a qualified TSA's chain is larger than the test one. */
    static final int TOKEN_ROOM = 12_288;

    private final TimeStampClient tsa;
    private final GostAlgorithm algorithm;

    public PadesBaselineLTA(TimeStampClient tsa, GostAlgorithm algorithm) {
        this.tsa = tsa;
        this.algorithm = algorithm;
    }

    public byte[] extend(byte[] pdf) {
        return extendHashed(pdf).pdf();
    }

    /** Time-stamps the document and hashes the time-stamped file too (for a detached signature over it). */
    public PadesBaselineB.Hashed extendHashed(byte[] pdf) {
        try (var document = Loader.loadPDF(pdf); var options = new SignatureOptions()) {
            var stamp = new PDSignature();
            stamp.setType(COSName.DOC_TIME_STAMP);
            stamp.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            stamp.setSubFilter(ETSI_RFC3161);
            options.setPreferredSignatureSize(TOKEN_ROOM);
            var digests = new RangeDigests(algorithm);
            document.addSignature(stamp, content -> tsa.stampDigest(digests.ofRanges(content, stamp.getByteRange()[1]), algorithm)
                    .getEncoded(ASN1Encoding.DER), options);
            var out = new ByteArrayOutputStream(pdf.length + TOKEN_ROOM * 2 + 16_384);
            document.saveIncremental(out);
            byte[] stamped = out.toByteArray();
            return new PadesBaselineB.Hashed(stamped, digests.ofFile(stamped, stamp.getByteRange()[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot time-stamp the document", e);
        }
    }
}
