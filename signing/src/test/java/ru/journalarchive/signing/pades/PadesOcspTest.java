package ru.journalarchive.signing.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.pki.OcspResponder;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.signing.testing.Signers;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;
import ru.journalarchive.signing.timestamp.TimeStampClient;
import ru.journalarchive.signing.verify.OcspFetcher;
import ru.journalarchive.signing.verify.OcspStatus;
import ru.journalarchive.signing.verify.PdfSignatureVerifier;
import ru.journalarchive.signing.verify.SignatureLevel;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.ValidationContext;
import ru.journalarchive.signing.verify.Verdict;

/**
 * PAdES-LT/LTA whose revocation data are OCSP responses in the DSS's /OCSPs instead of CRLs: answered
 * by the CAs themselves or by a delegated responder, checked by our verifier (now and in the past)
 * and, independently, by OpenSSL's gost engine.
 */
class PadesOcspTest {

    @TempDir
    Path dir;

    final Instant now = Instant.now();
    final TestPki pki = new TestPki(GostAlgorithm.GOST_2012_256, now);
    final TestPki.Issued director = pki.issueSigner(Signers.director(), now.minusSeconds(3600), now.plusSeconds(86_400 * 365));
    final TestPki.Issued delegate = pki.issueOcspResponder("Тестовая служба OCSP Журнал-Архив", now.minusSeconds(3600),
            now.plusSeconds(86_400 * 365));
    final TimeStampClient tsa = TimeStampClient.local(new TimeStampAuthority(
            pki.tsa().credentials(pki.intermediate().certificate(), pki.root().certificate()), Clock.systemUTC()));
    final TrustAnchors trust = TrustAnchors.of(pki.root().certificate()); // no CRLs anywhere

    byte[] signedT() throws Exception {
        return new PadesBaselineB(tsa).sign(PadesTestDocuments.pdf(1), pki.credentials(director), now, PadesLongTermTest.STAMP,
                List.of(), "Утверждаю");
    }

    Instant stampOf(byte[] pdf) {
        return new PdfSignatureVerifier(trust).verify(pdf).signatures().get(0).timestamp();
    }

    List<X509Certificate> chain() {
        return List.of(director.certificate(), pki.intermediate().certificate(), pki.root().certificate(), pki.tsa().certificate());
    }

    /** The answers about every certificate below the root, given at {@code at}: the signer's, the TSA's, the intermediate's. */
    static List<byte[]> answers(OcspResponder responder, TestPki pki, X509Certificate signer, Instant at) {
        var intermediate = pki.intermediate().certificate();
        return List.of(responder.respond(OcspFetcher.request(signer, intermediate), at),
                responder.respond(OcspFetcher.request(pki.tsa().certificate(), intermediate), at),
                responder.respond(OcspFetcher.request(intermediate, pki.root().certificate()), at));
    }

    byte[] lta(byte[] t, List<byte[]> ocsps, Instant provenAt) {
        byte[] lt = new PadesBaselineLT().extend(t, chain(), List.of(), ocsps, provenAt);
        return new PadesBaselineLTA(tsa, GostAlgorithm.GOST_2012_256).extend(lt);
    }

    @Test
    void anLtaPdfWithOcspResponsesInItsDssIsValidWithoutAnyCrlNowAndInThePast() throws Exception {
        byte[] t = signedT();
        Instant stamped = stampOf(t);
        // A quarter of a second after the time-stamp: OCSP times keep milliseconds, a CRL's could not say this.
        var ocsps = answers(new OcspResponder(pki, delegate), pki, director.certificate(), stamped.plusMillis(250));
        byte[] lta = lta(t, ocsps, stamped);

        try (var document = Loader.loadPDF(lta)) {
            var dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(PadesBaselineLT.DSS);
            assertThat(dss.getCOSArray(PadesBaselineLT.OCSPS).size()).isEqualTo(3);
            assertThat(dss.getCOSArray(PadesBaselineLT.CRLS)).isNull();
        }
        var status = OcspStatus.of(ocsps.get(0), director.certificate(), pki.intermediate().certificate());
        assertThat(status).isNotNull();
        assertThat(status.revoked()).isFalse();
        assertThat(status.thisUpdate()).isEqualTo(stamped.plusMillis(250));

        var report = new PdfSignatureVerifier(trust).verify(lta);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures().get(0).level()).isEqualTo(SignatureLevel.LTA);
        var past = new PdfSignatureVerifier(trust, ValidationContext.at(now.plusSeconds(86_400)).withoutFetching()).verify(lta);
        assertThat(past.verdict()).as(past.toString()).isEqualTo(Verdict.VALID);
        // Without them the same signature has nothing to say it was not revoked.
        assertThat(new PdfSignatureVerifier(trust).verify(t).verdict()).isEqualTo(Verdict.INDETERMINATE);
    }

    @Test
    void aSignerTheResponderReportsRevokedBeforeSigningIsInvalidAndAfterSigningValid() throws Exception {
        byte[] t = signedT();
        Instant stamped = stampOf(t);
        var before = new OcspResponder(pki).revoke(director.certificate(), stamped.minusSeconds(600));
        var invalid = new PdfSignatureVerifier(trust, ValidationContext.at(now.plusSeconds(86_400)).withoutFetching())
                .verify(lta(t, answers(before, pki, director.certificate(), stamped.plusMillis(100)), stamped));
        assertThat(invalid.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(invalid.signatures().get(0).reasons()).anyMatch(r -> r.contains("отозван") && r.contains("до момента подписания"));

        var after = new OcspResponder(pki).revoke(director.certificate(), stamped.plusSeconds(1));
        var valid = new PdfSignatureVerifier(trust).verify(lta(t, answers(after, pki, director.certificate(), stamped.plusSeconds(2)), stamped));
        assertThat(valid.verdict()).as(valid.toString()).isEqualTo(Verdict.VALID);
        assertThat(valid.signatures().get(0).reasons()).anyMatch(r -> r.contains("после момента подписания"));
    }

    @Test
    void anOcspResponseFromBeforeTheTimeStampIsRefusedAndProvesNothingInThePast() throws Exception {
        byte[] t = signedT();
        Instant stamped = stampOf(t);
        var stale = answers(new OcspResponder(pki), pki, director.certificate(), stamped.minusMillis(1));
        assertThatThrownBy(() -> new PadesBaselineLT().extend(t, chain(), List.of(), stale, stamped))
                .isInstanceOf(PadesBaselineLT.StaleRevocationData.class).hasMessageContaining("not after the signature's time-stamp");

        // Bypassing LT's own refusal (no proven time given): the verifier in the past does not count them either.
        byte[] lt = new PadesBaselineLT().extend(t, chain(), List.of(), stale, null);
        var report = new PdfSignatureVerifier(trust, ValidationContext.at(now.plusSeconds(86_400)).withoutFetching()).verify(lt);
        assertThat(report.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.startsWith("Ответ OCSP") && r.contains("выпущен до момента подписания"));
        assertThat(report.signatures().get(0).level()).isEqualTo(SignatureLevel.T);
    }

    @Test
    void onlyTheIssuerOrItsDelegatedResponderCanAnswerForACertificate() throws Exception {
        var id = new OCSPReq(OcspFetcher.request(director.certificate(), pki.intermediate().certificate())).getRequestList()[0]
                .getCertID();
        var intermediate = pki.intermediate().certificate();
        assertThat(OcspStatus.of(answerSignedBy(delegate, id), director.certificate(), intermediate)).isNotNull();
        assertThat(OcspStatus.of(answerSignedBy(pki.intermediate(), id), director.certificate(), intermediate)).isNotNull();
        // Issued by the same CA, but not for OCSP signing (no id-kp-OCSPSigning).
        assertThat(OcspStatus.of(answerSignedBy(pki.tsa(), id), director.certificate(), intermediate)).isNull();
        // A delegated responder of another PKI.
        var other = new TestPki(GostAlgorithm.GOST_2012_256, now);
        var foreign = other.issueOcspResponder("Чужая служба OCSP", now.minusSeconds(3600), now.plusSeconds(86_400));
        assertThat(OcspStatus.of(answerSignedBy(foreign, id), director.certificate(), intermediate)).isNull();
        // Good answers about another certificate of the same CA say nothing about this one.
        assertThat(OcspStatus.of(answerSignedBy(delegate, id), pki.tsa().certificate(), intermediate)).isNull();
    }

    /** A "good" answer about {@code id} signed by {@code signer}, its certificate included: what a responder, honest or not, sends. */
    private byte[] answerSignedBy(TestPki.Issued signer, CertificateID id) throws Exception {
        var sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
        var builder = new JcaBasicOCSPRespBuilder(signer.certificate().getPublicKey(), sha1);
        builder.addResponse(id, CertificateStatus.GOOD, Date.from(now), Date.from(now.plusSeconds(3600)));
        var contentSigner = new JcaContentSignerBuilder(GostAlgorithm.of(signer.keys().getPublic()).signatureAlgorithm())
                .setProvider(GostProvider.get()).build(signer.keys().getPrivate());
        var basic = builder.build(contentSigner, new X509CertificateHolder[] {new JcaX509CertificateHolder(signer.certificate())},
                Date.from(now));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    @Test
    void openSslVerifiesTheResponsesOfTheDelegatedResponderAndOfTheCas() throws Exception {
        var openssl = new OpenSsl(dir);
        openssl.pem("root.pem", pki.root().certificate());
        openssl.pem("intermediate.pem", pki.intermediate().certificate());
        Instant at = Instant.now();
        var delegated = answers(new OcspResponder(pki, delegate), pki, director.certificate(), at);
        var bySelf = answers(new OcspResponder(pki), pki, director.certificate(), at);
        openssl.write("delegated.der", delegated.get(0));
        openssl.write("by-intermediate.der", bySelf.get(0));
        openssl.write("by-root.der", bySelf.get(2));
        for (String response : List.of("delegated.der", "by-intermediate.der", "by-root.der")) {
            var verified = openssl.run("ocsp", "-respin", response, "-verify_other", "intermediate.pem", "-CAfile", "root.pem");
            assertThat(verified.output()).as(response + ": " + verified.output()).contains("Response verify OK");
        }
        // With the certificate asked about, OpenSSL also matches the CertID and reads the status.
        openssl.pem("director.pem", director.certificate());
        var status = openssl.run("ocsp", "-respin", "delegated.der", "-verify_other", "intermediate.pem", "-CAfile", "root.pem",
                "-issuer", "intermediate.pem", "-cert", "director.pem", "-no_nonce");
        assertThat(status.output()).as(status.output()).contains("Response verify OK").contains("director.pem: good");

        // A response signed by a responder of another PKI does not verify against ours.
        var other = new TestPki(GostAlgorithm.GOST_2012_256, now);
        var stranger = other.issueSigner(Signers.director(), now.minusSeconds(3600), now.plusSeconds(86_400));
        openssl.write("foreign.der", new OcspResponder(other).respond(OcspFetcher.request(stranger.certificate(),
                other.intermediate().certificate()), at));
        var foreign = openssl.run("ocsp", "-respin", "foreign.der", "-verify_other", "intermediate.pem", "-CAfile", "root.pem");
        assertThat(foreign.output()).doesNotContain("Response verify OK");
    }
}
