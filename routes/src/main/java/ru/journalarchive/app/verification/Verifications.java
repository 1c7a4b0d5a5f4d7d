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
import ru.journalarchive.signing.verify.ValidationContext;
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
        return pdf(pdf, ValidationContext.now());
    }

    public VerificationReport detached(byte[] content, byte[] signature) {
        return detached(content, signature, ValidationContext.now());
    }

    public VerificationReport pdf(byte[] pdf, ValidationContext context) {
        return new PdfSignatureVerifier(trust, context).verify(pdf);
    }

    public VerificationReport detached(byte[] content, byte[] signature, ValidationContext context) {
        return new CmsSignatureVerifier(trust, context).verifyDetached(content, signature);
    }

    /**
     * The context of an inspector's check: now, or as of {@code at} (ISO 8601, e.g. 2051-09-01T00:00:00Z)
     * from the data the files carry alone, never fetching CRLs (a CRL of today says nothing about then).
     */
    public static ValidationContext context(String at) {
        if (at == null || at.isBlank()) return ValidationContext.now();
        try {
            return ValidationContext.at(java.time.Instant.parse(at)).withoutFetching();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ru.journalarchive.app.RejectedRequest("at", "Время проверки указывается в формате 2051-09-01T00:00:00Z");
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
