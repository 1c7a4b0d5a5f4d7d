package ru.journalarchive.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.CertificateSubject;
import ru.journalarchive.signing.pki.Pem;
import ru.journalarchive.signing.pki.Pkcs12Files;
import ru.journalarchive.signing.pki.TestPki;

/**
 * {@code keys --out DIR [--bits 256|512]}: a test PKI for trying the service out — root and
 * intermediate CA certificates and CRLs, a test TSA and a director's signing key as PKCS#12. The
 * PKCS#12 password is read from the environment variable JA_KEYS_PASSWORD. Not for legally binding
 * signatures: every certificate says so.
 */
final class KeysCommand {

    private KeysCommand() {}

    static int run(Map<String, String> options, PrintStream out) throws IOException {
        return run(options, out, System.getenv("JA_KEYS_PASSWORD"));
    }

    static int run(Map<String, String> options, PrintStream out, String password) throws IOException {
        if (!options.containsKey("out")) throw new Cli.UsageException("keys needs --out DIR");
        long bits = Cli.number(options, "bits", 256);
        if (bits != 256 && bits != 512) throw new Cli.UsageException("--bits is 256 or 512");
        if (password == null || password.isBlank()) throw new Cli.UsageException("set JA_KEYS_PASSWORD for the PKCS#12 files");
        Path dir = Files.createDirectories(Path.of(options.get("out")));
        var now = Instant.now();
        var pki = new TestPki(bits == 256 ? GostAlgorithm.GOST_2012_256 : GostAlgorithm.GOST_2012_512, now);
        var director = pki.issueSigner(new CertificateSubject("Директор Демо-школы", "Директорова", "Демо Тестовна",
                "Директор", "Демо-школа (тестовый сертификат)", null, null, null, null, null, "00000000000",
                "000000000000", "0000000000", "0000000000000", null), now.minusSeconds(60), now.plusSeconds(86_400L * 365 * 2));
        pem(dir.resolve("root.pem"), "CERTIFICATE", encoded(pki.root().certificate()));
        pem(dir.resolve("intermediate.pem"), "CERTIFICATE", encoded(pki.intermediate().certificate()));
        var crls = pki.emptyCrls(now);
        try {
            pem(dir.resolve("intermediate.crl.pem"), "X509 CRL", crls.get(0).getEncoded());
            pem(dir.resolve("root.crl.pem"), "X509 CRL", crls.get(1).getEncoded());
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException(e);
        }
        var seal = pki.issueSigner(CertificateSubject.service("Демо-школа (тестовая печать)", "Демо-школа (тестовый сертификат)"),
                now.minusSeconds(60), now.plusSeconds(86_400L * 365 * 2));
        Pkcs12Files.write(dir.resolve("director.p12"), "director", pki.credentials(director), password.toCharArray());
        Pkcs12Files.write(dir.resolve("seal.p12"), "seal", pki.credentials(seal), password.toCharArray());
        Pkcs12Files.write(dir.resolve("tsa.p12"), "tsa", pki.tsa().credentials(pki.intermediate().certificate(),
                pki.root().certificate()), password.toCharArray());
        out.println("test PKI (GOST R 34.10-2012, " + bits + " bit) written to " + dir.toAbsolutePath()
                + ": root.pem, intermediate.pem, root.crl.pem, intermediate.crl.pem, director.p12, seal.p12, tsa.p12");
        return 0;
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pem(Path file, String type, byte[] der) throws IOException {
        Files.writeString(file, Pem.encode(type, der), StandardCharsets.US_ASCII);
    }
}
