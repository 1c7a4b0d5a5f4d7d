package ru.journalarchive.signing.pades;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.apache.pdfbox.pdmodel.PDPage;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import ru.journalarchive.signing.cades.CadesBaselineB;
import ru.journalarchive.signing.cades.CadesBaselineT;
import ru.journalarchive.signing.keys.SigningCredentials;

/**
 * PAdES baseline B: a CAdES signature (SubFilter ETSI.CAdES.detached) over the PDF's byte ranges,
 * added as an incremental update so that the signed revision stays exactly as it was (and stays
 * PDF/A), with the visible mark of the signature on the last page.
 */
public final class PadesBaselineB {

    public static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");
    /** Room reserved for a CMS made elsewhere (a token's), whose size is not known in advance. */
    public static final int SIGNATURE_SIZE = 32_768;
    /** The SignedData around the certificates: signed attributes, the signature value, the structure. */
    static final int CMS_ROOM = 2_048;
    /** A TSA's token with its certificate (the test PKI's is under 2 kB; a qualified TSA's chain is larger). */
    static final int TIME_STAMP_ROOM = 8_192;

    private final CadesBaselineB cades = new CadesBaselineB();
    private final CadesBaselineT timestamps;

    /** Baseline B: the signing time is the signer's claim. */
    public PadesBaselineB() {
        this.timestamps = null;
    }

    /** PAdES-T: the CMS also carries a signature time-stamp from this TSA. */
    public PadesBaselineB(ru.journalarchive.signing.timestamp.TimeStampClient tsa) {
        this.timestamps = new CadesBaselineT(tsa);
    }

    /** A signed PDF and the signer's Streebog of all its bytes, for a detached signature over the whole file. */
    public record Hashed(byte[] pdf, byte[] digest) {}

    public byte[] sign(byte[] pdf, SigningCredentials credentials, Instant signingTime, StampPlacement stamp,
                       List<X509CRL> crls, String reason) {
        return signHashed(pdf, credentials, signingTime, stamp, crls, reason).pdf();
    }

    /**
     * Signs and hashes the signed file as well. The signed ranges begin with everything before the
     * signature's hole, which is most of the file: that part is hashed once for both digests.
     */
    public Hashed signHashed(byte[] pdf, SigningCredentials credentials, Instant signingTime, StampPlacement stamp,
                             List<X509CRL> crls, String reason) {
        return sign(pdf, credentials, signingTime, stamp, crls, reason, room(credentials, crls));
    }

    /** Signs with {@code room} bytes reserved for the CMS, or, should the CMS outgrow them, once more with room for it. */
    Hashed sign(byte[] pdf, SigningCredentials credentials, Instant signingTime, StampPlacement stamp, List<X509CRL> crls,
                String reason, int room) {
        try {
            return attempt(pdf, credentials, signingTime, stamp, crls, reason, room);
        } catch (CmsOutgrewRoom e) {
            return attempt(pdf, credentials, signingTime, stamp, crls, reason, e.size + CMS_ROOM);
        }
    }

    /**
     * The room the CMS will need: a fixed 32 kB, written as 64 kB of hex, was 30 % of a year journal,
     * and every byte of it is hashed and stored with the file.
     */
    int room(SigningCredentials credentials, List<X509CRL> crls) {
        try {
            int room = CMS_ROOM + credentials.certificate().getEncoded().length + (timestamps == null ? 0 : TIME_STAMP_ROOM);
            for (X509Certificate c : credentials.chain()) room += c.getEncoded().length;
            for (X509CRL crl : crls) room += crl.getEncoded().length;
            return room;
        } catch (java.security.cert.CertificateEncodingException | java.security.cert.CRLException e) {
            throw new IllegalStateException("cannot encode the signer's chain", e);
        }
    }

    private Hashed attempt(byte[] pdf, SigningCredentials credentials, Instant signingTime, StampPlacement stamp,
                           List<X509CRL> crls, String reason, int room) {
        try (var document = Loader.loadPDF(pdf); var options = new SignatureOptions()) {
            var signature = dictionary(credentials.certificate(), signingTime, reason);
            int lastPage = document.getNumberOfPages() - 1;
            options.setPreferredSignatureSize(room);
            options.setPage(lastPage);
            options.setVisualSignature(mark(document.getPage(lastPage), stamp, credentials.certificate()));
            var digests = new RangeDigests(credentials.algorithm());
            document.addSignature(signature, content -> {
                byte[] cms = cades.signForPdf(digests.ofRanges(content, signature.getByteRange()[1]), credentials, crls);
                if (timestamps != null) cms = timestamps.extend(cms);
                if (cms.length > room) throw new CmsOutgrewRoom(cms.length);
                return cms;
            }, options);
            var out = new ByteArrayOutputStream(pdf.length + room * 2 + 65_536);
            document.saveIncremental(out);
            byte[] signed = out.toByteArray();
            return new Hashed(signed, digests.ofFile(signed, signature.getByteRange()[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sign the PDF", e);
        }
    }

    /** The CMS came out larger than the room reserved for it in the PDF. */
    private static final class CmsOutgrewRoom extends RuntimeException {
        final int size;

        CmsOutgrewRoom(int size) {
            super("the CMS needs " + size + " bytes", null, false, false);
            this.size = size;
        }
    }

    /** The signature dictionary: ETSI.CAdES.detached, the signer's name, reason and claimed time (M). */
    public static PDSignature dictionary(X509Certificate certificate, Instant signingTime, String reason) {
        var signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(ETSI_CADES_DETACHED);
        signature.setName(VisibleSignatureMark.lines(certificate).get(3).substring("Владелец: ".length()));
        signature.setReason(reason);
        var calendar = Calendar.getInstance(TimeZone.getTimeZone("Europe/Moscow"));
        calendar.setTimeInMillis(signingTime.toEpochMilli());
        signature.setSignDate(calendar);
        return signature;
    }

    /** The one-page template PDFBox merges in as the signature's widget with the visible mark. */
    public static ByteArrayInputStream mark(PDPage page, StampPlacement stamp, X509Certificate certificate) throws IOException {
        return new ByteArrayInputStream(VisibleSignatureMark.template(page, stamp, certificate));
    }
}
