package ru.journalarchive.signing.pades;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.signing.testing.Signers;
import ru.journalarchive.signing.verify.PdfSignatureVerifier;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.Verdict;

/** A PAdES signature in a PDF, checked by our verifier, by OpenSSL and by poppler's pdftotext. */
class PadesTest {

    static final StampPlacement STAMP = new StampPlacement(227, 50, 340, 110);

    @TempDir
    Path dir;

    final Instant now = Instant.now();
    final TestPki pki = new TestPki(GostAlgorithm.GOST_2012_256, now);
    final TestPki.Issued director = pki.issueSigner(Signers.director(), now.minusSeconds(86_400), now.plusSeconds(86_400 * 365));
    final TrustAnchors trust = new TrustAnchors(List.of(pki.root().certificate()), List.of(), pki.emptyCrls(now));

    @Test
    void aSignedPdfVerifiesInOursAndItsSignedRangesVerifyInOpenSsl() throws Exception {
        byte[] signed = sign(PadesTestDocuments.pdf(3));
        var report = new PdfSignatureVerifier(trust).verify(signed);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures()).singleElement().satisfies(s -> {
            assertThat(s.signingTime()).isEqualTo(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(s.signer().commonName()).isEqualTo("Лебедева Ирина Викторовна");
        });

        try (var document = Loader.loadPDF(signed)) {
            var signature = document.getSignatureDictionaries().get(0);
            assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
            var openssl = new OpenSsl(dir);
            openssl.write("signed-ranges.bin", signature.getSignedContent(signed));
            try (var in = new org.bouncycastle.asn1.ASN1InputStream(signature.getContents(signed))) {
                openssl.write("signature.der", in.readObject().getEncoded());
            }
            openssl.pem("root.pem", pki.root().certificate());
            var result = openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", "signature.der", "-content",
                    "signed-ranges.bin", "-CAfile", "root.pem", "-out", "/dev/null");
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
    }

    @Test
    void theVisibleMarkNamesTheCertificateOnTheLastPage() throws Exception {
        assertThat(lastPageText(sign(PadesTestDocuments.pdf(2)))).contains("ДОКУМЕНТ ПОДПИСАН", "ЭЛЕКТРОННОЙ ПОДПИСЬЮ",
                "Владелец: Лебедева Ирина Викторовна",
                "Сертификат: " + director.certificate().getSerialNumber().toString(16).toUpperCase());

        // The same page signed next by another key shows that key's mark, not the one made for the director.
        var seal = pki.issueSigner(ru.journalarchive.signing.pki.CertificateSubject.service("МБОУ «СОШ № 18»", "МБОУ «СОШ № 18»"),
                now.minusSeconds(60), now.plusSeconds(86_400));
        byte[] sealed = new PadesBaselineB().sign(PadesTestDocuments.pdf(2), pki.credentials(seal), now, STAMP, pki.emptyCrls(now),
                "Заверено печатью");
        assertThat(lastPageText(sealed)).contains("Владелец: МБОУ «СОШ № 18»",
                "Сертификат: " + seal.certificate().getSerialNumber().toString(16).toUpperCase()).doesNotContain("Лебедева");
    }

    private String lastPageText(byte[] pdf) throws Exception {
        Path file = Files.write(dir.resolve("signed-" + System.nanoTime() + ".pdf"), pdf);
        var process = new ProcessBuilder("pdftotext", "-f", "2", "-l", "2", "-enc", "UTF-8", file.toString(), "-").start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertThat(process.waitFor()).isZero();
        return text;
    }

    @Test
    void contentChangedAfterSigningIsInvalid() throws Exception {
        byte[] signed = sign(PadesTestDocuments.pdf(2));
        byte[] tampered;
        try (var document = Loader.loadPDF(signed)) {
            var page = document.getPage(0);
            try (var cs = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true)) {
                cs.addRect(100, 100, 50, 50);
                cs.fill();
            }
            page.getCOSObject().setNeedToBeUpdated(true);
            var out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            tampered = out.toByteArray();
        }
        var report = new PdfSignatureVerifier(trust).verify(tampered);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).integrity()).as("the signed revision itself is intact").isTrue();
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("Документ изменён после подписания"));
    }

    @Test
    void aFontSwappedAfterSigningIsAChangeOfContentToo() throws Exception {
        byte[] signed = sign(PadesTestDocuments.pdf(2));
        byte[] tampered;
        try (var document = Loader.loadPDF(signed)) {
            var resources = document.getPage(0).getResources();
            var name = resources.getFontNames().iterator().next();
            // the same content stream, drawn with another font: the page now shows something else
            resources.put(name, new org.apache.pdfbox.pdmodel.font.PDType1Font(
                    org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.COURIER));
            resources.getCOSObject().setNeedToBeUpdated(true);
            document.getPage(0).getCOSObject().setNeedToBeUpdated(true);
            var out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            tampered = out.toByteArray();
        }
        var report = new PdfSignatureVerifier(trust).verify(tampered);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("изменено содержимое страницы 1"));
    }

    @Test
    void anInnocentUpdateAfterSigningKeepsTheSignatureValidWithANote() throws Exception {
        byte[] signed = sign(PadesTestDocuments.pdf(2));
        byte[] updated;
        try (var document = Loader.loadPDF(signed)) {
            document.getDocumentInformation().setKeywords("архив");
            document.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
            var out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            updated = out.toByteArray();
        }
        assertThat(updated.length).isGreaterThan(signed.length);
        var report = new PdfSignatureVerifier(trust).verify(updated);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("не затрагивающие его содержимое"));
    }

    @Test
    void aPdfWithoutSignaturesIsInvalid() throws Exception {
        var report = new PdfSignatureVerifier(trust).verify(PadesTestDocuments.pdf(1));
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).containsExactly("В документе нет электронной подписи");
    }

    @Test
    void theRoomForTheSignatureIsSizedToTheSignersChainNotAFixed32Kilobytes() throws Exception {
        byte[] signed = sign(PadesTestDocuments.pdf(1));
        try (var document = Loader.loadPDF(signed)) {
            var signature = document.getSignatureDictionaries().get(0);
            int[] ranges = signature.getByteRange();
            int room = (ranges[2] - ranges[1] - 2) / 2; // the hex string between < and >
            assertThat(room).isGreaterThanOrEqualTo(signature.getContents(signed).length)
                    .isLessThan(PadesBaselineB.SIGNATURE_SIZE / 4);
        }
    }

    @Test
    void aCmsThatOutgrowsItsRoomIsMadeAgainWithRoomForIt() throws Exception {
        var hashed = new PadesBaselineB().sign(PadesTestDocuments.pdf(2), pki.credentials(director), now, STAMP,
                pki.emptyCrls(now), "Утверждение классного журнала", 256);
        var report = new PdfSignatureVerifier(trust).verify(hashed.pdf());
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(hashed.digest()).isEqualTo(GostAlgorithm.GOST_2012_256.digest(hashed.pdf())); // of the second attempt's file
    }

    /** The file's Streebog comes with the signing, from the part hashed for the signed ranges on: OpenSSL's agrees. */
    @Test
    void theSignedFilesStreebogComesWithItAndOpenSslAgrees() throws Exception {
        for (var algorithm : GostAlgorithm.values()) {
            var otherPki = new TestPki(algorithm, now);
            var signer = otherPki.issueSigner(Signers.director(), now.minusSeconds(60), now.plusSeconds(86_400));
            var hashed = new PadesBaselineB().signHashed(PadesTestDocuments.pdf(3), otherPki.credentials(signer), now, STAMP,
                    otherPki.emptyCrls(now), "Утверждение классного журнала");
            var openssl = new OpenSsl(Files.createDirectories(dir.resolve(algorithm.name())));
            openssl.write("signed.pdf", hashed.pdf());
            String bits = algorithm == GostAlgorithm.GOST_2012_256 ? "256" : "512";
            assertThat(openssl.ok("dgst", "-md_gost12_" + bits, "signed.pdf"))
                    .contains("= " + java.util.HexFormat.of().formatHex(hashed.digest()));
            assertThat(new PdfSignatureVerifier(new TrustAnchors(List.of(otherPki.root().certificate()), List.of(),
                    otherPki.emptyCrls(now))).verify(hashed.pdf()).verdict()).isEqualTo(Verdict.VALID);
        }
    }

    private byte[] sign(byte[] pdf) {
        return new PadesBaselineB().sign(pdf, pki.credentials(director), now, STAMP, pki.emptyCrls(now),
                "Утверждение классного журнала");
    }
}
