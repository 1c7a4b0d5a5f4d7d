package ru.journalarchive.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.signing.cades.CadesBaselineB;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.Pkcs12KeySource;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.signing.verify.CmsSignatureVerifier;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.Verdict;

/** {@code keys} writes a test PKI that our signing, our verifier and OpenSSL all accept. */
class KeysCommandTest {

    @TempDir
    Path dir;

    @Test
    void theDirectorsKeySignsAndTheSignatureVerifiesAgainstTheWrittenRoot() throws Exception {
        var out = new ByteArrayOutputStream();
        int code = KeysCommand.write(dir, 512, "пароль-ключей", new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        var director = new Pkcs12KeySource(dir.resolve("director.p12"), "пароль-ключей".toCharArray()).credentials("director");
        assertThat(director.algorithm()).isEqualTo(GostAlgorithm.GOST_2012_512);
        assertThat(director.chain()).hasSize(2);

        byte[] content = "Журнал".getBytes(StandardCharsets.UTF_8);
        byte[] sig = new CadesBaselineB().sign(content, director, Instant.now(), List.of());
        var factory = CertificateFactory.getInstance("X.509");
        var root = (X509Certificate) factory.generateCertificate(Files.newInputStream(dir.resolve("root.pem")));
        var crls = List.of((X509CRL) factory.generateCRL(Files.newInputStream(dir.resolve("intermediate.crl.pem"))),
                (X509CRL) factory.generateCRL(Files.newInputStream(dir.resolve("root.crl.pem"))));
        var report = new CmsSignatureVerifier(new TrustAnchors(List.of(root), List.of(), crls)).verifyDetached(content, sig);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);

        var openssl = new OpenSsl(dir);
        var read = openssl.run("pkcs12", "-in", "tsa.p12", "-passin", "pass:пароль-ключей", "-nodes", "-out", "tsa.pem");
        assertThat(read.exitCode()).as(read.output()).isZero();
        assertThat(Files.readString(dir.resolve("tsa.pem"))).contains("BEGIN PRIVATE KEY", "BEGIN CERTIFICATE");
    }

    @Test
    void withoutAPasswordNothingIsWritten() throws Exception {
        assertThatThrownBy(() -> KeysCommand.write(dir.resolve("pki"), 256, null, System.out))
                .isInstanceOf(Cli.UsageException.class);
        assertThat(Files.exists(dir.resolve("pki"))).isFalse();
    }
}
