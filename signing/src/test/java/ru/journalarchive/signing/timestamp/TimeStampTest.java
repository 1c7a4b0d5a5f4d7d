package ru.journalarchive.signing.timestamp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.signing.cades.CadesBaselineB;
import ru.journalarchive.signing.cades.CadesBaselineT;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pades.PadesBaselineB;
import ru.journalarchive.signing.pades.PadesTestDocuments;
import ru.journalarchive.signing.pades.StampPlacement;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.signing.testing.Signers;
import ru.journalarchive.signing.verify.CmsSignatureVerifier;
import ru.journalarchive.signing.verify.PdfSignatureVerifier;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.Verdict;

/** Our test TSA answers OpenSSL's requests, and its tokens prove the signing time in CAdES-T and PAdES-T. */
class TimeStampTest {

    static final byte[] DOCUMENT = "Классный журнал 11А, литература".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    final Instant now = Instant.now();
    final TestPki pki = new TestPki(GostAlgorithm.GOST_2012_256, now);
    final TimeStampAuthority authority = new TimeStampAuthority(pki.tsa().credentials(pki.intermediate().certificate(),
            pki.root().certificate()), Clock.systemUTC());
    final TestPki.Issued director = pki.issueSigner(Signers.director(), now.minusSeconds(86_400), now.plusSeconds(86_400 * 365));

    @Test
    void openSslVerifiesOurTsasAnswerToItsOwnRequest() throws Exception {
        var openssl = new OpenSsl(dir);
        openssl.write("data.txt", DOCUMENT);
        openssl.ok("ts", "-query", "-data", "data.txt", "-md_gost12_256", "-cert", "-out", "request.tsq");
        openssl.write("reply.tsr", authority.respond(Files.readAllBytes(dir.resolve("request.tsq"))));
        openssl.pem("root.pem", pki.root().certificate());
        openssl.pem("chain.pem", pki.intermediate().certificate());
        var result = openssl.run("ts", "-verify", "-in", "reply.tsr", "-queryfile", "request.tsq", "-CAfile", "root.pem",
                "-untrusted", "chain.pem");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Verification: OK");
        assertThat(openssl.ok("ts", "-reply", "-in", "reply.tsr", "-text")).contains("Status: Granted", TimeStampAuthority.TEST_POLICY.getId());
    }

    @Test
    void aTimeStampProvesTheSigningTimeSoALaterRevocationDoesNotMatter() {
        byte[] b = new CadesBaselineB().sign(DOCUMENT, pki.credentials(director), now, List.of());
        byte[] t = new CadesBaselineT(TimeStampClient.local(authority)).extend(b);
        var crls = new ArrayList<>(pki.emptyCrls(now));
        crls.set(0, pki.crl(now, now.plus(Duration.ofDays(1)), Map.of(director.certificate(), now.plus(Duration.ofHours(1)))));
        var trust = new TrustAnchors(List.of(pki.root().certificate()), List.of(), crls);

        var withStamp = new CmsSignatureVerifier(trust).verifyDetached(DOCUMENT, t);
        assertThat(withStamp.verdict()).as(withStamp.toString()).isEqualTo(Verdict.VALID);
        assertThat(withStamp.signatures().get(0).timestamp()).isBetween(now.minusSeconds(5), Instant.now().plusSeconds(5));
        assertThat(withStamp.signatures().get(0).reasons()).noneMatch(r -> r.contains("не подтверждено штампом времени"));
        // the same signature without the stamp cannot tell whether it was made before the revocation
        assertThat(new CmsSignatureVerifier(trust).verifyDetached(DOCUMENT, b).verdict()).isEqualTo(Verdict.INDETERMINATE);
    }

    @Test
    void aStampFromAnUntrustedTsaProvesNothing() {
        var other = new TestPki(GostAlgorithm.GOST_2012_256, now);
        var foreign = new TimeStampAuthority(other.tsa().credentials(other.intermediate().certificate()), Clock.systemUTC());
        byte[] t = new CadesBaselineT(TimeStampClient.local(foreign))
                .extend(new CadesBaselineB().sign(DOCUMENT, pki.credentials(director), now, pki.emptyCrls(now)));
        var report = new CmsSignatureVerifier(TrustAnchors.of(pki.root().certificate())).verifyDetached(DOCUMENT, t);
        assertThat(report.signatures().get(0).timestamp()).isNull();
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("службой, которой нет доверия"));
    }

    @Test
    void tokensAskedForAtTheSameTimeAreEachSignedOverTheirOwnContent() throws Exception {
        var client = TimeStampClient.local(authority);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var tasks = new ArrayList<java.util.concurrent.Callable<org.bouncycastle.tsp.TimeStampToken>>();
            for (int i = 0; i < 64; i++) {
                byte[] data = ("Журнал " + i).getBytes(StandardCharsets.UTF_8);
                tasks.add(() -> client.stamp(data, GostAlgorithm.GOST_2012_256));
            }
            var tsa = new org.bouncycastle.cert.X509CertificateHolder(pki.tsa().certificate().getEncoded());
            var verifier = new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(ru.journalarchive.signing.keys.GostProvider.get()).build(tsa);
            for (var token : pool.invokeAll(tasks)) token.get().validate(verifier); // throws on a token not matching its content
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void padesWithATimeStampIsPadesT() throws Exception {
        byte[] signed = new PadesBaselineB(TimeStampClient.local(authority)).sign(PadesTestDocuments.pdf(1),
                pki.credentials(director), now, new StampPlacement(227, 50, 340, 110), pki.emptyCrls(now), "Утверждаю");
        var report = new PdfSignatureVerifier(new TrustAnchors(List.of(pki.root().certificate()), List.of(), pki.emptyCrls(now)))
                .verify(signed);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures().get(0).timestamp()).isNotNull();
    }
}
