package ru.journalarchive.app.signing;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.tsp.TimeStampToken;
import ru.journalarchive.signing.cades.CadesBaselineLT;
import ru.journalarchive.signing.cades.SignatureTimeStamps;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.pades.PadesBaselineLT;
import ru.journalarchive.signing.pades.PadesBaselineLTA;
import ru.journalarchive.signing.timestamp.TimeStampClient;

/**
 * Raises a time-stamped signature to the long-term levels before it is locked in the archive: a PDF
 * to PAdES-LTA (validation data in the DSS, then a document time-stamp over everything), a detached
 * signature to CAdES-LT (the same kind of data in its SignedData). The validation data is the
 * signer's chain, the chains of the TSAs that stamped, and CRLs issued after the signature time-stamp.
 */
public final class LongTermLevels {

    private final FreshCrls crls;
    private final PadesBaselineLT padesLT = new PadesBaselineLT();
    private final CadesBaselineLT cadesLT = new CadesBaselineLT();
    private final TimeStampClient tsa;

    public LongTermLevels(FreshCrls crls, TimeStampClient tsa) {
        this.crls = crls;
        this.tsa = tsa;
    }

    /** A PAdES-T PDF as PAdES-LTA (incremental updates only: every earlier signature keeps its bytes). */
    public byte[] pdf(byte[] signedPdf, X509Certificate signer, List<X509Certificate> chain, GostAlgorithm algorithm) {
        var data = validationData(SignatureTimeStamps.ofPdf(signedPdf), signer, chain);
        byte[] lt = padesLT.extend(signedPdf, data.certificates(), data.crls(), List.of(), data.provenAt());
        return new PadesBaselineLTA(tsa, algorithm).extend(lt);
    }

    /** A CAdES-T detached signature as CAdES-LT. */
    public byte[] detached(byte[] signature, X509Certificate signer, List<X509Certificate> chain) {
        var data = validationData(SignatureTimeStamps.ofCms(signature), signer, chain);
        return cadesLT.extend(signature, data.certificates(), data.crls(), data.provenAt());
    }

    private record ValidationData(List<X509Certificate> certificates, List<X509CRL> crls, Instant provenAt) {}

    private ValidationData validationData(List<TimeStampToken> stamps, X509Certificate signer, List<X509Certificate> chain) {
        if (stamps.isEmpty()) throw new IllegalArgumentException("a signature without a time-stamp cannot be raised to LT");
        var certificates = new LinkedHashSet<X509Certificate>();
        certificates.add(signer);
        certificates.addAll(chain);
        Instant provenAt = Instant.MIN;
        var converter = new JcaX509CertificateConverter().setProvider(GostProvider.get());
        for (var stamp : stamps) {
            Instant time = stamp.getTimeStampInfo().getGenTime().toInstant();
            if (time.isAfter(provenAt)) provenAt = time;
            for (X509CertificateHolder held : stamp.getCertificates().getMatches(null)) {
                try {
                    certificates.add(converter.getCertificate(held));
                } catch (java.security.cert.CertificateException e) {
                    throw new IllegalArgumentException("an unreadable TSA certificate: " + e.getMessage(), e);
                }
            }
        }
        var all = new ArrayList<>(certificates);
        return new ValidationData(all, crls.issuedAfter(provenAt, all), provenAt);
    }
}
