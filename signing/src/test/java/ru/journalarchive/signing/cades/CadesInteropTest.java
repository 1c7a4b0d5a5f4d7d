package ru.journalarchive.signing.cades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.signing.testing.Signers;
import ru.journalarchive.signing.verify.ChainStatus;
import ru.journalarchive.signing.verify.CmsSignatureVerifier;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.Verdict;

/** Our CAdES against OpenSSL's gost engine, both ways, 256 and 512 bit. */
class CadesInteropTest {

    static final byte[] DOCUMENT = "Сводная ведомость 9А, 2025/26 учебный год\n".repeat(500).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(GostAlgorithm.class)
    void ourSignatureVerifiesInOpenSslAndAFlippedByteFailsInBoth(GostAlgorithm algorithm) throws Exception {
        var now = Instant.now();
        var pki = new TestPki(algorithm, now);
        var signer = pki.issueSigner(Signers.director(), now.minusSeconds(86_400), now.plusSeconds(86_400 * 365));
        byte[] signature = new CadesBaselineB().sign(DOCUMENT, pki.credentials(signer), now, pki.emptyCrls(now));

        var openssl = new OpenSsl(dir);
        openssl.write("document.txt", DOCUMENT);
        openssl.write("document.sig", signature);
        openssl.pem("root.pem", pki.root().certificate());
        var verified = openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", "document.sig", "-content",
                "document.txt", "-CAfile", "root.pem", "-out", "verified.txt");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Verification successful");
        assertThat(Files.readAllBytes(dir.resolve("verified.txt"))).isEqualTo(DOCUMENT);

        var verifier = new CmsSignatureVerifier(TrustAnchors.of(pki.root().certificate()));
        var report = verifier.verifyDetached(DOCUMENT, signature);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures()).singleElement().satisfies(s -> {
            assertThat(s.integrity()).isTrue();
            assertThat(s.chain()).isEqualTo(ChainStatus.TRUSTED);
        });

        byte[] changed = DOCUMENT.clone();
        changed[1000] ^= 1;
        openssl.write("changed.txt", changed);
        var rejected = openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", "document.sig", "-content",
                "changed.txt", "-CAfile", "root.pem", "-out", "/dev/null");
        assertThat(rejected.exitCode()).isNotZero();
        assertThat(rejected.output()).contains("content verify error");
        var ours = verifier.verifyDetached(changed, signature);
        assertThat(ours.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(ours.signatures().get(0).integrity()).isFalse();
        assertThat(ours.signatures().get(0).reasons()).anyMatch(r -> r.contains("Документ изменён после подписания"));
    }

    @ParameterizedTest
    @EnumSource(GostAlgorithm.class)
    void openSslsSignatureVerifiesInOursWithTheSignersDetails(GostAlgorithm algorithm) throws Exception {
        var now = Instant.now();
        var pki = new TestPki(algorithm, now);
        var openssl = new OpenSsl(dir);
        // the key is made by OpenSSL and never leaves it, like a key on a token
        openssl.ok("genpkey", "-algorithm", algorithm == GostAlgorithm.GOST_2012_256 ? "gost2012_256" : "gost2012_512",
                "-pkeyopt", "paramset:A", "-out", "key.pem");
        openssl.ok("pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der");
        var publicKey = java.security.KeyFactory.getInstance("ECGOST3410-2012", ru.journalarchive.signing.keys.GostProvider.get())
                .generatePublic(new java.security.spec.X509EncodedKeySpec(Files.readAllBytes(dir.resolve("pub.der"))));
        X509Certificate certificate = pki.issueSigner(Signers.director(), publicKey, now.minusSeconds(86_400),
                now.plusSeconds(86_400 * 365));
        openssl.pem("signer.pem", certificate);
        openssl.pem("chain.pem", pki.intermediate().certificate());
        openssl.write("document.txt", DOCUMENT);
        openssl.ok("cms", "-sign", "-binary", "-in", "document.txt", "-signer", "signer.pem", "-inkey", "key.pem",
                "-certfile", "chain.pem", "-md", algorithm == GostAlgorithm.GOST_2012_256 ? "md_gost12_256" : "md_gost12_512",
                "-outform", "DER", "-out", "document.sig");
        byte[] signature = Files.readAllBytes(dir.resolve("document.sig"));

        var verifier = new CmsSignatureVerifier(new TrustAnchors(List.of(pki.root().certificate()), List.of(),
                pki.emptyCrls(now)));
        var report = verifier.verifyDetached(DOCUMENT, signature);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        var s = report.signatures().get(0);
        assertThat(s.signer().commonName()).isEqualTo("Лебедева Ирина Викторовна");
        assertThat(s.signer().surname()).isEqualTo("Лебедева");
        assertThat(s.signer().givenName()).isEqualTo("Ирина Викторовна");
        assertThat(s.signer().title()).isEqualTo("Директор");
        assertThat(s.signer().organization()).isEqualTo("МБОУ «СОШ № 18»");
        assertThat(s.signer().snils()).isEqualTo("12345678901");
        assertThat(s.signer().inn()).isEqualTo("910201234567");
        assertThat(s.signer().innLe()).isEqualTo("9102012345");
        assertThat(s.signer().ogrn()).isEqualTo("1149102012345");
        assertThat(s.signer().email()).isEqualTo("director@school18.example");
        assertThat(s.certificate().serial()).isEqualTo(certificate.getSerialNumber().toString(16).toUpperCase());
        assertThat(s.certificate().issuer()).contains("CN=Тестовый УЦ Журнал-Архив");

        byte[] changed = DOCUMENT.clone();
        changed[0] ^= 1;
        assertThat(verifier.verifyDetached(changed, signature).verdict()).isEqualTo(Verdict.INVALID);
        openssl.write("changed.txt", changed);
        openssl.pem("root.pem", pki.root().certificate());
        assertThat(openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", "document.sig", "-content",
                "changed.txt", "-CAfile", "root.pem", "-out", "/dev/null").exitCode()).isNotZero();
    }

    @ParameterizedTest
    @EnumSource(GostAlgorithm.class)
    void aSignatureOverAHashComputedBeforehandVerifiesInOpenSslAgainstTheContent(GostAlgorithm algorithm) throws Exception {
        var now = Instant.now();
        var pki = new TestPki(algorithm, now);
        var credentials = pki.credentials(pki.issueSigner(Signers.director(), now.minusSeconds(60), now.plusSeconds(86_400)));
        byte[] changed = DOCUMENT.clone();
        changed[7] ^= 1;
        var cades = new CadesBaselineB();
        var openssl = new OpenSsl(dir);
        openssl.pem("root.pem", pki.root().certificate());
        openssl.write("document.txt", DOCUMENT);
        openssl.write("document.sig", cades.signDigest(algorithm.digest(DOCUMENT), credentials, now, List.of()));
        openssl.write("of-changed.sig", cades.signDigest(algorithm.digest(changed), credentials, now, List.of()));

        var verified = openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", "document.sig", "-content",
                "document.txt", "-CAfile", "root.pem", "-out", "/dev/null");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", "of-changed.sig", "-content",
                "document.txt", "-CAfile", "root.pem", "-out", "/dev/null").output()).contains("content verify error");
    }

    @org.junit.jupiter.api.Test
    void aReusedSignerKeepsMakingSignaturesThatOpenSslAccepts() {
        var now = Instant.now();
        var pki = new TestPki(GostAlgorithm.GOST_2012_256, now);
        var credentials = pki.credentials(pki.issueSigner(Signers.director(), now.minusSeconds(60), now.plusSeconds(86_400)));
        var cades = new CadesBaselineB();
        var openssl = new OpenSsl(dir);
        openssl.pem("root.pem", pki.root().certificate());
        for (int i = 0; i < 3; i++) {
            byte[] content = ("Документ " + i).getBytes(StandardCharsets.UTF_8);
            openssl.write("d" + i, content);
            openssl.write("d" + i + ".sig", cades.sign(content, credentials, now, pki.emptyCrls(now)));
            var result = openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", "d" + i + ".sig", "-content",
                    "d" + i, "-CAfile", "root.pem", "-out", "/dev/null");
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
    }

    static X509Certificate certificate(byte[] pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(pem));
    }
}
