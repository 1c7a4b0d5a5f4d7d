package ru.journalarchive.app.verification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.signing.pki.CertificateFiles;
import ru.journalarchive.signing.verify.CmsSignatureVerifier;
import ru.journalarchive.signing.verify.PdfSignatureVerifier;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.VerificationReport;

/** Signature checks for inspectors, against the roots and CRLs the service is configured to trust. */
@org.springframework.stereotype.Component
public class Verifications {

    private final TrustAnchors trust;

    public Verifications(JournalArchiveProperties properties) {
        var settings = properties.verification();
        var roots = new ArrayList<java.security.cert.X509Certificate>();
        settings.trustedRoots().forEach(p -> roots.addAll(CertificateFiles.certificates(read(p))));
        var crls = new ArrayList<java.security.cert.X509CRL>();
        settings.crls().forEach(p -> crls.addAll(CertificateFiles.crls(read(p))));
        var offline = new TrustAnchors(roots, List.of(), crls);
        this.trust = settings.fetchCrls() ? offline.fetchingCrls(Duration.ofSeconds(10)) : offline;
    }

    public VerificationReport pdf(byte[] pdf) {
        return new PdfSignatureVerifier(trust).verify(pdf);
    }

    public VerificationReport detached(byte[] content, byte[] signature) {
        return new CmsSignatureVerifier(trust).verifyDetached(content, signature);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
