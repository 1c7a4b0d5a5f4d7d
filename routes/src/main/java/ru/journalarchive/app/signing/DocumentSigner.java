package ru.journalarchive.app.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import ru.journalarchive.reports.engine.SignatureStampArea;
import ru.journalarchive.signing.cades.CadesBaselineB;
import ru.journalarchive.signing.cades.CadesBaselineT;
import ru.journalarchive.signing.timestamp.TimeStampClient;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.SigningCredentials;
import ru.journalarchive.signing.pades.PadesBaselineB;
import ru.journalarchive.signing.pades.StampPlacement;
import ru.journalarchive.signing.verify.SignerDetails;

/**
 * Signs a rendered PDF with a server-held key the way the archive keeps it: PAdES in the PDF (the
 * mark in the template's frame) and a detached CAdES over the final PDF bytes, both time-stamped
 * when a TSA is configured, and then raised to the long-term levels (PAdES-LTA, CAdES-LT) when
 * those are on.
 */
public final class DocumentSigner {

    /**
     * The signed PDF, its detached signature, who signed (name, title) and when, and the PDF's
     * Streebog-256 in hex when the detached signature is over that hash (a 256-bit key), else null.
     */
    public record Signed(byte[] pdf, byte[] signature, String signer, Instant signedAt, String pdfStreebog256) {}

    private final PadesBaselineB pades;
    private final CadesBaselineB cades = new CadesBaselineB();
    private final CadesBaselineT timestamps;
    private final LongTermLevels longTerm;
    private final Clock clock;

    /**
     * @param tsa      the time-stamp authority, or null for signatures without a time-stamp
     * @param longTerm the long-term levels ({@link LongTermLevels#none()} to stay at T; they need a TSA)
     */
    public DocumentSigner(Clock clock, TimeStampClient tsa, LongTermLevels longTerm) {
        if (longTerm.raises() && tsa == null) throw new IllegalArgumentException("the long-term levels need a time-stamp authority");
        this.clock = clock;
        this.longTerm = longTerm;
        this.pades = tsa == null ? new PadesBaselineB() : new PadesBaselineB(tsa);
        this.timestamps = tsa == null ? null : new CadesBaselineT(tsa);
    }

    public Signed sign(byte[] pdf, SigningCredentials credentials, SignatureStampArea area, String reason) {
        Instant now = clock.instant();
        var signed = pades.signHashed(pdf, credentials, now, new StampPlacement(area.x(), area.y(), area.width(), area.height()),
                List.of(), reason);
        if (!longTerm.raises()) return detached(signed.pdf(), signed.digest(), credentials, now);
        var lta = longTerm.pdfHashed(signed.pdf(), credentials.chain(), credentials.algorithm());
        return detached(lta.pdf(), lta.digest(), credentials, now);
    }

    /** The detached signature alone, over a PDF signed before (one whose .sig was lost on the way to the archive). */
    public Signed detached(byte[] signedPdf, SigningCredentials credentials, Instant at) {
        return detached(signedPdf, credentials.algorithm().digest(signedPdf), credentials, at);
    }

    /** {@code digest}: the PDF's Streebog, used for the detached signature and, with a 256-bit key, by the archive's manifest. */
    private Signed detached(byte[] signedPdf, byte[] digest, SigningCredentials credentials, Instant at) {
        byte[] detached = cades.signDigest(digest, credentials, at, List.of());
        if (timestamps != null) detached = timestamps.extend(detached);
        detached = longTerm.detached(detached, credentials.chain());
        return new Signed(signedPdf, detached, signer(credentials), at,
                credentials.algorithm() == GostAlgorithm.GOST_2012_256 ? HexFormat.of().formatHex(digest) : null);
    }

    /** "Лебедева Ирина Викторовна, Директор" as the certificate names the signer. */
    public static String signer(SigningCredentials credentials) {
        return signer(credentials.certificate());
    }

    public static String signer(java.security.cert.X509Certificate certificate) {
        var details = SignerDetails.of(certificate);
        return details.title() == null ? details.commonName() : details.commonName() + ", " + details.title();
    }
}
