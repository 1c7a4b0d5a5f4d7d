package ru.journalarchive.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.CertificateSubject;
import ru.journalarchive.signing.pki.Pem;
import ru.journalarchive.signing.pki.Pkcs12Files;
import ru.journalarchive.signing.pki.TestPki;

@Command(name = "keys", description = {"Writes a test PKI for trying the service out: root and intermediate CA certificates "
        + "and CRLs (PEM), a test TSA, the school's seal and the director's signing key (PKCS#12, password from JA_KEYS_PASSWORD).",
        "Not for legally binding signatures: every certificate says so."})
final class KeysCommand extends CliCommand {

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the files (created if missing).")
    Path dir;

    @Option(names = "--bits", paramLabel = "256|512", description = "GOST R 34.10-2012 key size.")
    int bits = 256;

    @Override
    public Integer call() throws IOException {
        return write(dir, bits, System.getenv("JA_KEYS_PASSWORD"), out());
    }

    static int write(Path dir, int bits, String password, PrintStream out) throws IOException {
        if (bits != 256 && bits != 512) throw new Cli.UsageException("--bits is 256 or 512");
        if (password == null || password.isBlank()) throw new Cli.UsageException("set JA_KEYS_PASSWORD for the PKCS#12 files");
        Files.createDirectories(dir);
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
