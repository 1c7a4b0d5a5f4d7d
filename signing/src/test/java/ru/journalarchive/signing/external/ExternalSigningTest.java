package ru.journalarchive.signing.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.pades.PadesTestDocuments;
import ru.journalarchive.signing.pades.StampPlacement;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;
import ru.journalarchive.signing.timestamp.TimeStampClient;
import ru.journalarchive.signing.timestamp.TimeStampUnavailable;
import ru.journalarchive.signing.testing.Signers;
import ru.journalarchive.signing.verify.CmsSignatureVerifier;
import ru.journalarchive.signing.verify.PdfSignatureVerifier;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.Verdict;

/** The director's token is played by OpenSSL with the gost engine: its key is made there and never leaves it. */
class ExternalSigningTest {

    @TempDir
    Path dir;

    final Instant now = Instant.now();
    final TestPki pki = new TestPki(GostAlgorithm.GOST_2012_256, now);
    final ExternalSigning signing = new ExternalSigning(Duration.ofMinutes(15), Clock.systemUTC());
    OpenSsl token;
    X509Certificate certificate;
    TrustAnchors trust;

    @BeforeEach
    void tokenWithItsCertificate() throws Exception {
        token = new OpenSsl(dir);
        token.ok("genpkey", "-algorithm", "gost2012_256", "-pkeyopt", "paramset:A", "-out", "key.pem");
        token.ok("pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der");
        var key = KeyFactory.getInstance("ECGOST3410-2012", GostProvider.get())
                .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(dir.resolve("pub.der"))));
        certificate = pki.issueSigner(Signers.director(), key, now.minusSeconds(86_400), now.plusSeconds(86_400 * 365));
        token.pem("signer.pem", certificate);
        token.pem("chain.pem", pki.intermediate().certificate());
        trust = new TrustAnchors(List.of(pki.root().certificate()), List.of(), pki.emptyCrls(now));
    }

    @Test
    void prepareTheTokenSignsCompleteAndThePdfVerifies() throws Exception {
        byte[] pdf = PadesTestDocuments.pdf(2);
        var prepared = signing.preparePdf(pdf, certificate, now, new StampPlacement(227, 50, 340, 110), "Утверждаю");
        byte[] content = signing.contentToSign(prepared.sessionId());
        assertThat(prepared.hash()).isEqualTo(MessageDigest.getInstance("GOST3411-2012-256", GostProvider.get()).digest(content));
        assertThat(prepared.hash()).hasSize(32);

        byte[] cms = tokenSigns(content);
        byte[] signed = signing.complete(prepared.sessionId(), cms);
        var report = new PdfSignatureVerifier(trust).verify(signed);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures().get(0).signer().commonName()).isEqualTo("Лебедева Ирина Викторовна");
    }

    @Test
    void aCmsOverAnotherHashIsRefusedAtComplete() {
        var prepared = signing.prepareDetached("Журнал 5А".getBytes(StandardCharsets.UTF_8), certificate);
        byte[] other = tokenSigns("Журнал 5Б".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> signing.complete(prepared.sessionId(), other))
                .isInstanceOf(ExternalSignatureRejected.class).hasMessageContaining("над другим хешем");
    }

    @Test
    void aSessionCompletesOnlyOnce() {
        byte[] file = "Журнал 5А".getBytes(StandardCharsets.UTF_8);
        var prepared = signing.prepareDetached(file, certificate);
        byte[] cms = tokenSigns(file);
        signing.complete(prepared.sessionId(), cms);
        assertThatThrownBy(() -> signing.complete(prepared.sessionId(), cms))
                .isInstanceOf(ExternalSignatureRejected.class).hasMessageContaining("не найден");
    }

    @Test
    void aDetachedSignatureOfAWholeFileRoundTrips() {
        byte[] file = "Сводная ведомость 9А\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        var prepared = signing.prepareDetached(file, certificate);
        byte[] sig = signing.complete(prepared.sessionId(), tokenSigns(signing.contentToSign(prepared.sessionId())));
        var report = new CmsSignatureVerifier(trust).verifyDetached(file, sig);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
    }

    @Test
    void withATimeStampAuthorityTheTokensSignaturesAreTimeStampedSoALaterRevocationDoesNotMatter() throws Exception {
        var tsa = TimeStampClient.local(new TimeStampAuthority(pki.tsa().credentials(pki.intermediate().certificate(),
                pki.root().certificate()), Clock.systemUTC()));
        var stamping = new ExternalSigning(Duration.ofMinutes(15), Clock.systemUTC(), tsa);
        var pdf = stamping.preparePdf(PadesTestDocuments.pdf(2), certificate, now, new StampPlacement(227, 50, 340, 110), "Утверждаю");
        byte[] signedPdf = stamping.complete(pdf.sessionId(), tokenSigns(stamping.contentToSign(pdf.sessionId())));
        var detached = stamping.prepareDetached(signedPdf, certificate);
        byte[] sig = stamping.complete(detached.sessionId(), tokenSigns(signedPdf));

        // the director's certificate is revoked an hour after signing: only a time-stamp shows the signature came first
        var crls = new ArrayList<>(pki.emptyCrls(now));
        crls.set(0, pki.crl(now, now.plus(Duration.ofDays(1)), Map.of(certificate, now.plus(Duration.ofHours(1)))));
        var revoked = new TrustAnchors(List.of(pki.root().certificate()), List.of(), crls);
        for (var report : List.of(new PdfSignatureVerifier(revoked).verify(signedPdf),
                new CmsSignatureVerifier(revoked).verifyDetached(signedPdf, sig))) {
            assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
            assertThat(report.signatures().get(0).timestamp()).isBetween(now.minusSeconds(5), Instant.now().plusSeconds(5));
        }
        // without the authority the same revocation leaves the token's signature undecided
        var plain = signing.prepareDetached(signedPdf, certificate);
        byte[] unstamped = signing.complete(plain.sessionId(), tokenSigns(signedPdf));
        assertThat(new CmsSignatureVerifier(revoked).verifyDetached(signedPdf, unstamped).verdict()).isEqualTo(Verdict.INDETERMINATE);
    }

    @Test
    void whenTheTsaDoesNotAnswerTheSessionStaysOpenAndTheSameCmsCompletesOnceItDoes() {
        var authority = new TimeStampAuthority(pki.tsa().credentials(pki.intermediate().certificate(), pki.root().certificate()),
                Clock.systemUTC());
        var down = new java.util.concurrent.atomic.AtomicBoolean(true);
        var stamping = new ExternalSigning(Duration.ofMinutes(15), Clock.systemUTC(), new TimeStampClient(request -> {
            if (down.get()) throw new java.io.IOException("Connection refused");
            return authority.respond(request);
        }));
        byte[] file = "Сводная ведомость 9А\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        var prepared = stamping.prepareDetached(file, certificate);
        byte[] cms = tokenSigns(file);

        assertThatThrownBy(() -> stamping.complete(prepared.sessionId(), cms)).isInstanceOf(TimeStampUnavailable.class);
        down.set(false);
        byte[] sig = stamping.complete(prepared.sessionId(), cms);
        var report = new CmsSignatureVerifier(trust).verifyDetached(file, sig);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures().get(0).timestamp()).isNotNull();
        assertThatThrownBy(() -> stamping.complete(prepared.sessionId(), cms))
                .isInstanceOf(ExternalSignatureRejected.class).hasMessageContaining("не найден");
    }

    @Test
    void aSessionLivesInItsStoreSoAnotherInstanceOnTheSameStoreCompletesItAndListsItForItsOwner() throws Exception {
        var store = SigningSessions.inMemory();
        var before = new ExternalSigning(Duration.ofMinutes(15), Clock.systemUTC(), null, store);
        byte[] pdf = PadesTestDocuments.pdf(1);
        var prepared = before.preparePdf(pdf, certificate, now, new StampPlacement(227, 50, 340, 110), "Утверждаю", "school-1", "doc-1");
        before.prepareDetached("другой".getBytes(StandardCharsets.UTF_8), certificate, now, "school-2", "doc-2");

        var after = new ExternalSigning(Duration.ofMinutes(15), Clock.systemUTC(), null, store); // "restarted": nothing in memory
        var open = after.openSessions("school-1");
        assertThat(open).singleElement().satisfies(o -> {
            assertThat(o.reference()).isEqualTo("doc-1");
            assertThat(o.pdf()).isTrue();
            assertThat(o.prepared().sessionId()).isEqualTo(prepared.sessionId());
            assertThat(o.prepared().hash()).isEqualTo(prepared.hash());
            assertThat(o.prepared().digestAlgorithm()).isEqualTo("GOST3411-2012-256");
        });
        var session = after.session(prepared.sessionId()).orElseThrow();
        assertThat(session.signingTime()).isEqualTo(now);
        assertThat(session.certificate()).isEqualTo(certificate);
        byte[] signed = after.complete(prepared.sessionId(), tokenSigns(after.contentToSign(prepared.sessionId())));
        assertThat(new PdfSignatureVerifier(trust).verify(signed).verdict()).isEqualTo(Verdict.VALID);
        assertThat(after.openSessions("school-1")).isEmpty();
        assertThat(after.openSessions("school-2")).hasSize(1);
    }

    @Test
    void anExpiredSessionIsRefusedAndForgotten() {
        var store = SigningSessions.inMemory();
        var preparing = new ExternalSigning(Duration.ofMinutes(15), Clock.systemUTC(), null, store);
        byte[] file = "Журнал 5А".getBytes(StandardCharsets.UTF_8);
        var prepared = preparing.prepareDetached(file, certificate);
        byte[] cms = tokenSigns(file);

        var later = new ExternalSigning(Duration.ofMinutes(15), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16)), null, store);
        assertThat(later.session(prepared.sessionId())).isEmpty();
        assertThatThrownBy(() -> later.complete(prepared.sessionId(), cms))
                .isInstanceOf(ExternalSignatureRejected.class).hasMessageContaining("истёк");
        later.prepareDetached(file, certificate); // preparing sweeps the expired sessions away
        assertThat(preparing.session(prepared.sessionId())).isEmpty();
    }

    private byte[] tokenSigns(byte[] content) {
        try {
            Path in = token.write("to-sign-" + System.nanoTime() + ".bin", content);
            Path out = dir.resolve(in.getFileName() + ".p7s");
            token.ok("cms", "-sign", "-binary", "-in", in.toString(), "-signer", "signer.pem", "-inkey", "key.pem",
                    "-certfile", "chain.pem", "-md", "md_gost12_256", "-outform", "DER", "-out", out.toString());
            return Files.readAllBytes(out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
