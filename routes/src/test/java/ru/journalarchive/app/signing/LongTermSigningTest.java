package ru.journalarchive.app.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.reports.engine.SignatureStampArea;
import ru.journalarchive.reports.journal.ClassJournalReport;
import ru.journalarchive.signing.cades.CmsOcspResponses;
import ru.journalarchive.signing.cades.SignatureTimeStamps;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.pades.PadesBaselineLT;
import ru.journalarchive.signing.pki.CertificateFiles;
import ru.journalarchive.signing.pki.CrlServer;
import ru.journalarchive.signing.pki.OcspResponder;
import ru.journalarchive.signing.pki.OcspServer;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.signing.testing.Signers;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;
import ru.journalarchive.signing.timestamp.TimeStampClient;
import ru.journalarchive.signing.verify.CmsSignatureVerifier;
import ru.journalarchive.signing.verify.CrlFetcher;
import ru.journalarchive.signing.verify.OcspFetcher;
import ru.journalarchive.signing.verify.OcspStatus;
import ru.journalarchive.signing.verify.PdfSignatureVerifier;
import ru.journalarchive.signing.verify.SignatureLevel;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.ValidationContext;
import ru.journalarchive.signing.verify.Verdict;

/**
 * A journal signed with a server key the way the archive locks it, at the long-term levels: the PDF
 * as PAdES-LTA (DSS with CRLs issued after the signature time-stamp, then a document time-stamp),
 * the .sig as CAdES-LT; the CRLs come over HTTP from a CA's CRL server, the OCSP answers from the
 * responder a certificate names (JDK HTTP servers here).
 */
class LongTermSigningTest {

    final Instant now = Instant.now();
    final TestPki pki = new TestPki(GostAlgorithm.GOST_2012_256, now);
    CrlServer crlServer;
    OcspServer ocspServer;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (crlServer != null) crlServer.close();
        if (ocspServer != null) ocspServer.close();
    }

    @Test
    void aSignedJournalIsLtaEveryRevisionPdfA2bAndOpenSslVerifiesItFromWhatItCarries() throws Exception {
        var urls = serveCrls(() -> pki.crlsIssuedAt(Instant.now()));
        var tsa = TimeStampClient.local(new TimeStampAuthority(pki.tsa().credentials(pki.intermediate().certificate(),
                pki.root().certificate()), Clock.systemUTC()));
        var levels = new LongTermLevels(new FreshRevocationData(List.of(new DistributionPointCrls(new CrlFetcher(Duration.ofSeconds(5)),
                urls)), List.of(), Duration.ofSeconds(20), Duration.ofMillis(200), Clock.systemUTC()), tsa);
        var director = pki.issueSigner(Signers.director(), now.minusSeconds(86_400), now.plusSeconds(86_400 * 365));
        byte[] rendered = new ClassJournalReport(new ReportEngine()).render(SignedJournalTest.journal(), "journal/test").pdf();

        var signed = new DocumentSigner(Clock.systemUTC(), tsa, levels).sign(rendered, pki.credentials(director),
                SignatureStampArea.LANDSCAPE, "Классный журнал заверен директором");
        byte[] pdf = signed.pdf();

        // Three revisions — the signature, the validation data, the document time-stamp — each PDF/A-2b.
        assertThat(pdf).startsWith(rendered);
        var revisions = revisions(pdf, rendered.length);
        assertThat(revisions).hasSize(3);
        for (int end : revisions)
            assertThat(SignedJournalTest.pdfA2bFailures(java.util.Arrays.copyOf(pdf, end))).as("revision ending at " + end).isEmpty();

        Instant stamped = SignatureTimeStamps.ofPdf(pdf).get(0).getTimeStampInfo().getGenTime().toInstant();
        var dssCrls = dssCrls(pdf);
        assertThat(dssCrls).hasSize(2).allSatisfy(crl -> assertThat(crl.getThisUpdate().toInstant()).isAfter(stamped));

        var openssl = new OpenSsl(dir);
        openssl.pem("root.pem", pki.root().certificate());
        openssl.pem("chain.pem", pki.intermediate().certificate());
        try (var document = Loader.loadPDF(pdf)) {
            var stamp = document.getLastSignatureDictionary();
            assertThat(stamp.getCOSObject().getCOSName(COSName.TYPE)).isEqualTo(COSName.DOC_TIME_STAMP);
            openssl.write("ranges.bin", stamp.getSignedContent(pdf));
            try (var in = new ASN1InputStream(stamp.getContents(pdf))) {
                openssl.write("doc-ts.der", in.readObject().getEncoded());
            }
        }
        assertThat(openssl.run("ts", "-verify", "-data", "ranges.bin", "-in", "doc-ts.der", "-token_in", "-CAfile", "root.pem",
                "-untrusted", "chain.pem").output()).contains("Verification: OK");

        // The .sig carries its own CRLs, newer than its time-stamp; OpenSSL checks the signature with
        // revocation from those CRLs only (the root is the one thing from outside), at the time the
        // newest of them was issued: OpenSSL calls a CRL issued after -attime "not yet valid".
        var sig = new CMSSignedData(signed.signature());
        Instant sigStamped = SignatureTimeStamps.ofCms(signed.signature()).get(0).getTimeStampInfo().getGenTime().toInstant();
        var sigCrls = new ArrayList<X509CRL>();
        for (var held : sig.getCRLs().getMatches(null))
            sigCrls.add(new JcaX509CRLConverter().setProvider(GostProvider.get()).getCRL((org.bouncycastle.cert.X509CRLHolder) held));
        assertThat(sigCrls).hasSize(2).allSatisfy(crl -> assertThat(crl.getThisUpdate().toInstant()).isAfter(sigStamped));
        openssl.write("document.pdf", pdf);
        openssl.write("document.pdf.sig", signed.signature());
        var verified = openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", "document.pdf.sig", "-content", "document.pdf",
                "-CAfile", "root.pem", "-crl_check_all", "-attime",
                Long.toString(sigCrls.stream().mapToLong(c -> c.getThisUpdate().toInstant().getEpochSecond()).max().orElseThrow()),
                "-purpose", "any", "-out", "/dev/null");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Verification successful");

        var report = new PdfSignatureVerifier(new TrustAnchors(List.of(pki.root().certificate()), List.of(), List.of())).verify(pdf);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.documentTimestamps()).singleElement().satisfies(s -> assertThat(s.verdict()).isEqualTo(Verdict.VALID));
        Files.createDirectories(Path.of("target/documents"));
        Files.write(Path.of("target/documents/class-journal-lta.pdf"), pdf);
    }

    @Test
    void aCrlIssuedBeforeTheTimeStampIsNotUsedTheSignerAsksAgainAndGivesUpAfterTheGrace() throws Exception {
        Instant stamped = Instant.now();
        var issued = new java.util.concurrent.atomic.AtomicReference<Instant>(stamped.minusSeconds(3600));
        var urls = serveCrls(() -> pki.crlsIssuedAt(issued.get()));
        var crls = new FreshRevocationData(List.of(new DistributionPointCrls(new CrlFetcher(Duration.ofSeconds(5)), urls)), List.of(),
                Duration.ofSeconds(2), Duration.ofMillis(100), Clock.systemUTC());
        var chain = List.of(pki.tsa().certificate(), pki.intermediate().certificate());

        assertThatThrownBy(() -> crls.issuedAfter(stamped, chain)).isInstanceOf(PadesBaselineLT.StaleRevocationData.class)
                .hasMessageContaining("no CRL issued after " + stamped);
        int asked = crlServer.requests();
        assertThat(asked).as("asked again while waiting").isGreaterThan(4);

        // The CA publishes a new CRL while the signer waits: it is taken, and serves the next signature without asking.
        issued.set(stamped.plusSeconds(1));
        var fresh = crls.issuedAfter(stamped, chain).crls();
        assertThat(fresh).hasSize(2).allSatisfy(crl -> assertThat(crl.getThisUpdate().toInstant()).isAfter(stamped));
        int afterFresh = crlServer.requests();
        assertThat(crls.issuedAfter(stamped.minusMillis(1), chain).crls()).isEqualTo(fresh);
        assertThat(crlServer.requests()).isEqualTo(afterFresh);
    }

    @Test
    void aChainThatNamesAnOcspResponderCarriesItsAnswersInTheSigAndTheDssInsteadOfTheIntermediatesCrl() throws Exception {
        var urls = serveCrls(() -> pki.crlsIssuedAt(Instant.now()));
        var responder = new OcspResponder(pki);
        ocspServer = new OcspServer(request -> responder.respond(request, Instant.now()));
        // The signer and the TSA name the responder; the intermediate CA does not, so the root's CRL speaks for it.
        pki.ocspResponder(ocspServer.url());
        var director = pki.issueSigner(Signers.director(), now.minusSeconds(86_400), now.plusSeconds(86_400 * 365));
        var stamping = pki.issueTimeStampAuthority("Служба штампов времени с OCSP", now.minusSeconds(86_400), now.plusSeconds(86_400 * 365));
        var tsa = TimeStampClient.local(new TimeStampAuthority(stamping.credentials(pki.intermediate().certificate(),
                pki.root().certificate()), Clock.systemUTC()));
        var levels = new LongTermLevels(new FreshRevocationData(List.of(new DistributionPointCrls(new CrlFetcher(Duration.ofSeconds(5)),
                urls)), List.of(new OcspResponders(new OcspFetcher(Duration.ofSeconds(5)))), Duration.ofSeconds(20),
                Duration.ofMillis(200), Clock.systemUTC()), tsa);
        byte[] rendered = new ClassJournalReport(new ReportEngine()).render(SignedJournalTest.journal(), "journal/test").pdf();

        var signed = new DocumentSigner(Clock.systemUTC(), tsa, levels).sign(rendered, pki.credentials(director),
                SignatureStampArea.LANDSCAPE, "Классный журнал заверен директором");

        var intermediate = pki.intermediate().certificate();
        var sig = new CMSSignedData(signed.signature());
        Instant sigStamped = SignatureTimeStamps.ofCms(signed.signature()).get(0).getTimeStampInfo().getGenTime().toInstant();
        var sigOcsps = CmsOcspResponses.of(sig);
        assertThat(sigOcsps).hasSize(2);
        for (var certificate : List.of(director.certificate(), stamping.certificate())) {
            var status = sigOcsps.stream().map(r -> OcspStatus.of(r, certificate, intermediate)).filter(java.util.Objects::nonNull)
                    .findFirst().orElseThrow();
            assertThat(status.revoked()).isFalse();
            assertThat(status.thisUpdate()).isAfter(sigStamped);
        }
        assertThat(sig.getCRLs().getMatches(null)).singleElement()
                .satisfies(crl -> assertThat(crl.getIssuer())
                        .isEqualTo(new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(pki.root().certificate()).getSubject()));
        assertThat(ocspServer.requests()).isGreaterThanOrEqualTo(2);
        // OpenSSL reads a SignedData whose crls field holds OCSP responses (RFC 5940) and verifies the signature.
        var openssl = new OpenSsl(dir);
        openssl.pem("root.pem", pki.root().certificate());
        openssl.write("document.pdf", signed.pdf());
        openssl.write("document.pdf.sig", signed.signature());
        var verified = openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", "document.pdf.sig", "-content", "document.pdf",
                "-CAfile", "root.pem", "-purpose", "any", "-out", "/dev/null");
        assertThat(verified.output()).as(verified.output()).contains("Verification successful");

        byte[] pdf = signed.pdf();
        try (var document = Loader.loadPDF(pdf)) {
            var dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            assertThat(dss.getCOSArray(COSName.getPDFName("OCSPs")).size()).isEqualTo(2);
        }
        assertThat(dssCrls(pdf)).singleElement().satisfies(crl -> assertThat(crl.getIssuerX500Principal())
                .isEqualTo(pki.root().certificate().getSubjectX500Principal()));

        // Both verify from what they carry, also judged in the past where only data issued after the time-stamp counts.
        var trust = new TrustAnchors(List.of(pki.root().certificate()), List.of(), List.of());
        var past = ValidationContext.at(Instant.now().plusSeconds(86_400)).withoutFetching();
        var report = new PdfSignatureVerifier(trust, past).verify(pdf);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures().get(0).level()).isEqualTo(SignatureLevel.LTA);
        var detached = new CmsSignatureVerifier(trust, past).verifyDetached(pdf, signed.signature());
        assertThat(detached.verdict()).as(detached.toString()).isEqualTo(Verdict.VALID);
        assertThat(detached.signatures().get(0).level()).isEqualTo(SignatureLevel.LT);

        // A revocation the responder reports reaches the next signature (a signer with nothing cached asks again).
        responder.revoke(director.certificate(), Instant.now().minusSeconds(1));
        var afterRevocation = new LongTermLevels(new FreshRevocationData(List.of(new DistributionPointCrls(
                new CrlFetcher(Duration.ofSeconds(5)), urls)), List.of(new OcspResponders(new OcspFetcher(Duration.ofSeconds(5)))),
                Duration.ofSeconds(20), Duration.ofMillis(200), Clock.systemUTC()), tsa);
        var revoked = new DocumentSigner(Clock.systemUTC(), tsa, afterRevocation).sign(rendered, pki.credentials(director),
                SignatureStampArea.LANDSCAPE, "Классный журнал заверен директором");
        assertThat(new CmsSignatureVerifier(trust).verifyDetached(revoked.pdf(), revoked.signature()).verdict())
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void anOcspAnswerFromBeforeTheTimeStampIsAskedForAgainUntilTheGraceRunsOutAndAFreshOneIsTakenAtOnce() {
        Instant stamped = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as precise as an OCSP time
        var responder = new OcspResponder(pki);
        var answeredAt = new java.util.concurrent.atomic.AtomicReference<Supplier<Instant>>(() -> stamped.minusSeconds(1));
        ocspServer = new OcspServer(request -> responder.respond(request, answeredAt.get().get()));
        var director = pki.ocspResponder(ocspServer.url()).issueSigner(Signers.director(), now.minusSeconds(86_400),
                now.plusSeconds(86_400 * 365));
        var urls = serveCrls(() -> pki.crlsIssuedAt(Instant.now()));
        var fresh = new FreshRevocationData(List.of(new DistributionPointCrls(new CrlFetcher(Duration.ofSeconds(5)), urls)),
                List.of(new OcspResponders(new OcspFetcher(Duration.ofSeconds(5)))), Duration.ofSeconds(2), Duration.ofMillis(100),
                Clock.systemUTC());
        var chain = List.of(director.certificate(), pki.intermediate().certificate(), pki.root().certificate());

        assertThatThrownBy(() -> fresh.issuedAfter(stamped, chain)).isInstanceOf(PadesBaselineLT.StaleRevocationData.class)
                .hasMessageContaining("no OCSP response issued after " + stamped);
        assertThat(ocspServer.requests()).as("asked again while waiting").isGreaterThan(4);
        int crlRequests = crlServer.requests();

        // The responder answers as of a millisecond after the time-stamp: taken as it comes, the root's CRL (for the
        // intermediate, which names no responder) from before, not asked for again.
        answeredAt.set(() -> stamped.plusMillis(1));
        var values = fresh.issuedAfter(stamped, chain);
        assertThat(values.ocsps()).singleElement().satisfies(r -> assertThat(
                OcspStatus.of(r, director.certificate(), pki.intermediate().certificate()).thisUpdate()).isEqualTo(stamped.plusMillis(1)));
        assertThat(values.crls()).singleElement().satisfies(crl -> assertThat(crl.getIssuerX500Principal())
                .isEqualTo(pki.root().certificate().getSubjectX500Principal()));
        assertThat(crlServer.requests()).isEqualTo(crlRequests);

        // A responder that writes whole seconds has nothing newer than a time-stamp until the next second: asked again then.
        answeredAt.set(() -> Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Instant later = Instant.now();
        var wholeSeconds = fresh.issuedAfter(later, chain);
        assertThat(OcspStatus.of(wholeSeconds.ocsps().get(0), director.certificate(), pki.intermediate().certificate()).thisUpdate())
                .isAfter(later);
    }

    @Test
    void aChainThatNamesTheResponderThroughoutNeedsNoCrlAtAll() {
        var responder = new java.util.concurrent.atomic.AtomicReference<OcspResponder>();
        ocspServer = new OcspServer(request -> responder.get().respond(request, Instant.now()));
        var throughout = new TestPki(GostAlgorithm.GOST_2012_256, now, ocspServer.url());
        responder.set(new OcspResponder(throughout));
        var director = throughout.issueSigner(Signers.director(), now.minusSeconds(86_400), now.plusSeconds(86_400 * 365));
        var intermediate = throughout.intermediate().certificate();
        var root = throughout.root().certificate();
        var fresh = new FreshRevocationData(List.of(), List.of(new OcspResponders(new OcspFetcher(Duration.ofSeconds(5)))),
                Duration.ofSeconds(5), Duration.ofMillis(100), Clock.systemUTC());
        Instant stamped = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        var values = fresh.issuedAfter(stamped, List.of(director.certificate(), throughout.tsa().certificate(), intermediate, root));
        assertThat(values.crls()).isEmpty();
        assertThat(values.ocsps()).hasSize(3);
        assertThat(OcspStatus.of(values.ocsps().get(0), director.certificate(), intermediate).thisUpdate()).isAfter(stamped);
        assertThat(OcspStatus.of(values.ocsps().get(1), throughout.tsa().certificate(), intermediate).thisUpdate()).isAfter(stamped);
        assertThat(OcspStatus.of(values.ocsps().get(2), intermediate, root).thisUpdate()).isAfter(stamped);
    }

    private List<URI> serveCrls(Supplier<List<X509CRL>> issue) {
        crlServer = new CrlServer(issue);
        return crlServer.urls();
    }

    /** The offsets just after each %%EOF from {@code from} on: where each revision added to the file ends. */
    private static List<Integer> revisions(byte[] pdf, int from) {
        var ends = new ArrayList<Integer>();
        byte[] eof = "%%EOF".getBytes(StandardCharsets.US_ASCII);
        for (int i = from; i + eof.length <= pdf.length; i++) {
            if (!java.util.Arrays.equals(pdf, i, i + eof.length, eof, 0, eof.length)) continue;
            int end = i + eof.length;
            if (end < pdf.length && pdf[end] == '\r') end++;
            if (end < pdf.length && pdf[end] == '\n') end++;
            ends.add(end);
        }
        return ends;
    }

    private static List<X509CRL> dssCrls(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            var dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            var crls = new ArrayList<X509CRL>();
            for (var entry : dss.getCOSArray(COSName.getPDFName("CRLs"))) {
                var stream = (COSStream) (entry instanceof COSObject o ? o.getObject() : entry);
                try (var in = stream.createInputStream()) {
                    crls.addAll(CertificateFiles.crls(in.readAllBytes()));
                }
            }
            return crls;
        }
    }
}
