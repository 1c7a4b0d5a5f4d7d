package ru.journalarchive.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.Pkcs12KeySource;
import ru.journalarchive.signing.keys.SigningCredentials;
import ru.journalarchive.signing.pki.CertificateSubject;
import ru.journalarchive.signing.pki.Pem;
import ru.journalarchive.signing.pki.Pkcs12Files;
import ru.journalarchive.signing.pki.TestPki;

/**
 * A test PKI in a folder, for trying the service out: root and intermediate CA (their keys kept in
 * {@code root-ca.p12}, {@code intermediate-ca.p12}), the demo school's seal and its director's key,
 * a TSA (PKCS#12), the CA certificates and their CRLs (PEM). Made once; opened again it keeps every
 * key, issues a signer again only when its certificate is about to expire, and issues fresh CRLs, so
 * that a demo left running for a year still verifies. Not for legally binding signatures: every
 * certificate says so.
 */
public final class DemoPki {

    public static final String ROOT = "root.pem";
    public static final String INTERMEDIATE = "intermediate.pem";
    public static final String ROOT_CRL = "root.crl.pem";
    public static final String INTERMEDIATE_CRL = "intermediate.crl.pem";
    public static final String SEAL = "seal.p12";
    public static final String DIRECTOR = "director.p12";
    public static final String TSA = "tsa.p12";
    private static final String ROOT_CA = "root-ca.p12";
    private static final String INTERMEDIATE_CA = "intermediate-ca.p12";
    /** A signer whose certificate has less than this left is issued again. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Duration SIGNER_VALIDITY = Duration.ofDays(365 * 2);

    static final CertificateSubject DIRECTOR_SUBJECT = new CertificateSubject("Директорова Демо Тестовна", "Директорова",
            "Демо Тестовна", "Директор", "Демо-школа (тестовый сертификат)", null, "г. Демоград", null, null, null,
            "00000000000", "000000000000", "0000000000", "0000000000000", null);
    static final CertificateSubject SEAL_SUBJECT = CertificateSubject.service("Демо-школа (тестовая печать)",
            "Демо-школа (тестовый сертификат)");

    private final Path dir;

    private DemoPki(Path dir) {
        this.dir = dir;
    }

    /**
     * The PKI in {@code dir}, made there first if it has none ({@code algorithm} then chooses the keys).
     * The PKCS#12 files are protected with {@code password}.
     */
    public static DemoPki open(Path dir, GostAlgorithm algorithm, char[] password, Instant now) {
        try {
            if (!Files.exists(dir.resolve(ROOT_CA))) create(dir, algorithm, password, now);
            var pki = new TestPki(issued(dir.resolve(ROOT_CA), password), issued(dir.resolve(INTERMEDIATE_CA), password),
                    issued(dir.resolve(TSA), password));
            renewIfExpiring(pki, dir.resolve(SEAL), "seal", SEAL_SUBJECT, password, now);
            renewIfExpiring(pki, dir.resolve(DIRECTOR), "director", DIRECTOR_SUBJECT, password, now);
            var crls = pki.emptyCrls(now);
            writeAtomically(dir.resolve(INTERMEDIATE_CRL), Pem.encode("X509 CRL", crls.get(0).getEncoded()).getBytes(StandardCharsets.US_ASCII));
            writeAtomically(dir.resolve(ROOT_CRL), Pem.encode("X509 CRL", crls.get(1).getEncoded()).getBytes(StandardCharsets.US_ASCII));
            return new DemoPki(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo PKI in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot keep the demo PKI in " + dir, e);
        }
    }

    /** The demo's CAs (and TSA) with their keys, to issue CRLs on request. */
    public static TestPki authorities(Path dir, char[] password) {
        return new TestPki(issued(dir.resolve(ROOT_CA), password), issued(dir.resolve(INTERMEDIATE_CA), password),
                issued(dir.resolve(TSA), password));
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Every file of the PKI, made in a folder beside {@code dir} and moved in whole: a crash never leaves half a PKI. */
    private static void create(Path dir, GostAlgorithm algorithm, char[] password, Instant now) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, dir.getFileName() + ".new-");
        var pki = new TestPki(algorithm, now);
        Files.writeString(staging.resolve(ROOT), Pem.certificates(List.of(pki.root().certificate())), StandardCharsets.US_ASCII);
        Files.writeString(staging.resolve(INTERMEDIATE), Pem.certificates(List.of(pki.intermediate().certificate())),
                StandardCharsets.US_ASCII);
        Pkcs12Files.write(staging.resolve(ROOT_CA), "root", pki.root().credentials(), password);
        Pkcs12Files.write(staging.resolve(INTERMEDIATE_CA), "intermediate",
                pki.intermediate().credentials(pki.root().certificate()), password);
        Pkcs12Files.write(staging.resolve(TSA), "tsa", pki.tsa().credentials(pki.intermediate().certificate(),
                pki.root().certificate()), password);
        Files.createDirectories(dir);
        try (var files = Files.list(staging)) {
            for (Path f : files.toList()) Files.move(f, dir.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.delete(staging);
    }

    private static void renewIfExpiring(TestPki pki, Path file, String alias, CertificateSubject subject, char[] password,
                                        Instant now) throws IOException {
        if (Files.exists(file) && !issued(file, password).certificate().getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE)))
            return;
        var signer = pki.issueSigner(subject, now.minusSeconds(60), now.plus(SIGNER_VALIDITY));
        Path staging = Files.createTempFile(file.toAbsolutePath().getParent(), alias, ".p12.new");
        Pkcs12Files.write(staging, alias, pki.credentials(signer), password);
        Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static TestPki.Issued issued(Path file, char[] password) {
        var source = new Pkcs12KeySource(file, password);
        try {
            SigningCredentials c = source.credentials(null);
            X509Certificate certificate = c.certificate();
            return new TestPki.Issued(new KeyPair(certificate.getPublicKey(), c.privateKey()), certificate);
        } finally {
            source.forget();
        }
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path staging = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".new");
        Files.write(staging, content);
        Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
