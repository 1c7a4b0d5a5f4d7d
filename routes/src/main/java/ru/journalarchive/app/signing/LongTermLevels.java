package ru.journalarchive.app.signing;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.bouncycastle.tsp.TimeStampToken;
import ru.journalarchive.signing.cades.CadesBaselineLT;
import ru.journalarchive.signing.cades.EmbeddedCertificates;
import ru.journalarchive.signing.cades.SignatureTimeStamps;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pades.PadesBaselineB;
import ru.journalarchive.signing.pades.PadesBaselineLT;
import ru.journalarchive.signing.pades.PadesBaselineLTA;
import ru.journalarchive.signing.timestamp.TimeStampClient;

/**
 * Raises a time-stamped signature to the long-term levels before it is locked in the archive: a PDF
 * to PAdES-LTA (validation data in the DSS, then a document time-stamp over everything), a detached
 * signature to CAdES-LT (the same kind of data in its SignedData). The validation data is the
 * signer's chain, the chains of the TSAs that stamped, and revocation data issued after the signature
 * time-stamp: an OCSP response for a certificate that names a responder, its issuer's CRL otherwise.
 * {@link #none()} leaves signatures at T (no TSA, or switched off).
 */
public final class LongTermLevels {

    private final FreshRevocationData revocationData;
    private final PadesBaselineLT padesLT = new PadesBaselineLT();
    private final CadesBaselineLT cadesLT = new CadesBaselineLT();
    private final TimeStampClient tsa;

    public LongTermLevels(FreshRevocationData revocationData, TimeStampClient tsa) {
        this.revocationData = revocationData;
        this.tsa = tsa;
    }

    private static final LongTermLevels NONE = new LongTermLevels(null, null);

    /** Signatures stay at T. */
    public static LongTermLevels none() {
        return NONE;
    }

    public boolean raises() {
        return tsa != null;
    }

    /**
     * A PAdES-T PDF as PAdES-LTA (incremental updates only: every earlier signature keeps its bytes);
     * as it was when the levels are off.
     *
     * @param chain certificates of the signer's chain the signature itself may not carry
     */
    public byte[] pdf(byte[] signedPdf, List<X509Certificate> chain, GostAlgorithm algorithm) {
        return raises() ? pdfHashed(signedPdf, chain, algorithm).pdf() : signedPdf;
    }

    /** {@link #pdf} with the final file's Streebog, for the detached signature over it. */
    public PadesBaselineB.Hashed pdfHashed(byte[] signedPdf, List<X509Certificate> chain, GostAlgorithm algorithm) {
        if (!raises()) return new PadesBaselineB.Hashed(signedPdf, algorithm.digest(signedPdf));
        var signatures = SignatureTimeStamps.signaturesOf(signedPdf); // parsed once for the time-stamps and the certificates
        var data = validationData(signatures.stream().flatMap(s -> SignatureTimeStamps.of(s).stream()).toList(),
                signatures.stream().flatMap(s -> EmbeddedCertificates.of(s).stream()).toList(), chain);
        byte[] lt = padesLT.extend(signedPdf, data.certificates(), data.revocation().crls(), data.revocation().ocsps(),
                data.provenAt());
        return new PadesBaselineLTA(tsa, algorithm).extendHashed(lt);
    }

    /** A CAdES-T detached signature as CAdES-LT; as it was when the levels are off. */
    public byte[] detached(byte[] signature, List<X509Certificate> chain) {
        if (!raises()) return signature;
        var data = validationData(SignatureTimeStamps.ofCms(signature), EmbeddedCertificates.ofCms(signature), chain);
        return cadesLT.extend(signature, data.certificates(), data.revocation().crls(), data.revocation().ocsps(), data.provenAt());
    }

    private record ValidationData(List<X509Certificate> certificates, FreshRevocationData.Values revocation, Instant provenAt) {}

    private ValidationData validationData(List<TimeStampToken> stamps, List<X509Certificate> carried, List<X509Certificate> chain) {
        if (stamps.isEmpty()) throw new IllegalArgumentException("a signature without a time-stamp cannot be raised to LT");
        var certificates = new LinkedHashSet<X509Certificate>(carried);
        certificates.addAll(chain);
        Instant provenAt = Instant.MIN;
        for (var stamp : stamps) {
            Instant time = stamp.getTimeStampInfo().getGenTime().toInstant();
            if (time.isAfter(provenAt)) provenAt = time;
            certificates.addAll(EmbeddedCertificates.of(stamp.toCMSSignedData()));
        }
        var all = new ArrayList<>(certificates);
        return new ValidationData(all, revocationData.issuedAfter(provenAt, all), provenAt);
    }
}
