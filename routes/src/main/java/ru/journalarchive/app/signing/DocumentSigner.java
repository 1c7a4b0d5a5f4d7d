package ru.journalarchive.app.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import ru.journalarchive.reports.engine.SignatureStampArea;
import ru.journalarchive.signing.cades.CadesBaselineB;
import ru.journalarchive.signing.cades.CadesBaselineT;
import ru.journalarchive.signing.timestamp.TimeStampClient;
import ru.journalarchive.signing.keys.SigningCredentials;
import ru.journalarchive.signing.pades.PadesBaselineB;
import ru.journalarchive.signing.pades.StampPlacement;
import ru.journalarchive.signing.verify.SignerDetails;

/**
 * Signs a rendered PDF with a server-held key the way the archive keeps it: PAdES in the PDF (the
 * mark in the template's frame) and a detached CAdES over the final PDF bytes, both time-stamped
 * when a TSA is configured.
 */
public final class DocumentSigner {

    /** The signed PDF, its detached signature, who signed (name, title) and when. */
    public record Signed(byte[] pdf, byte[] signature, String signer, Instant signedAt) {}

    private final PadesBaselineB pades;
    private final CadesBaselineB cades = new CadesBaselineB();
    private final CadesBaselineT timestamps;
    private final Clock clock;

    /** @param tsa the time-stamp authority, or null for signatures without a time-stamp */
    public DocumentSigner(Clock clock, TimeStampClient tsa) {
        this.clock = clock;
        this.pades = tsa == null ? new PadesBaselineB() : new PadesBaselineB(tsa);
        this.timestamps = tsa == null ? null : new CadesBaselineT(tsa);
    }

    public Signed sign(byte[] pdf, SigningCredentials credentials, SignatureStampArea area, String reason) {
        Instant now = clock.instant();
        byte[] signed = pades.sign(pdf, credentials, now, new StampPlacement(area.x(), area.y(), area.width(), area.height()),
                List.of(), reason);
        byte[] detached = cades.sign(signed, credentials, now, List.of());
        return new Signed(signed, timestamps == null ? detached : timestamps.extend(detached), signer(credentials), now);
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
