package ru.journalarchive.signing.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.signing.testing.Signers;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;
import ru.journalarchive.signing.timestamp.TimeStampClient;
import ru.journalarchive.signing.verify.PdfSignatureVerifier;
import ru.journalarchive.signing.verify.TrustAnchors;
import ru.journalarchive.signing.verify.Verdict;

/**
 * PAdES-LT (the validation data in the PDF's DSS) and PAdES-LTA (a document time-stamp over it all),
 * each an incremental update that leaves the earlier signature's bytes as they were.
 */
class PadesLongTermTest {

    static final StampPlacement STAMP = new StampPlacement(227, 50, 340, 110);

    @TempDir
    Path dir;

    final Instant now = Instant.now();
    final TestPki pki = new TestPki(GostAlgorithm.GOST_2012_256, now);
    final TimeStampClient tsa = TimeStampClient.local(new TimeStampAuthority(
            pki.tsa().credentials(pki.intermediate().certificate(), pki.root().certificate()), Clock.systemUTC()));
    final TestPki.Issued director = pki.issueSigner(Signers.director(), now.minusSeconds(3600), now.plusSeconds(86_400 * 365));
    final TrustAnchors trust = TrustAnchors.of(pki.root().certificate());

    byte[] signedT() throws Exception {
        return new PadesBaselineB(tsa).sign(PadesTestDocuments.pdf(2), pki.credentials(director), now, STAMP, List.of(), "Утверждаю");
    }

    List<java.security.cert.X509Certificate> chain() {
        return List.of(director.certificate(), pki.intermediate().certificate(), pki.root().certificate(), pki.tsa().certificate());
    }

    @Test
    void theDssHoldsTheChainsAndFreshCrlsOnceAndTheSignatureKeepsItsBytes() throws Exception {
        byte[] t = signedT();
        Instant stamped = new PdfSignatureVerifier(trust).verify(t).signatures().get(0).timestamp();
        // Without CRLs the signature cannot be judged: the verifier does not know whether the certificate was revoked.
        assertThat(new PdfSignatureVerifier(trust).verify(t).verdict()).isNotEqualTo(Verdict.VALID);

        var fresh = pki.emptyCrls(stamped.plusSeconds(61)); // thisUpdate one second after the time-stamp
        byte[] lt = new PadesBaselineLT().extend(t, chain(), fresh, List.of(), stamped);
        byte[] again = new PadesBaselineLT().extend(lt, chain(), fresh, List.of(), stamped);

        assertThat(lt).startsWith(t); // an incremental update: the signed revision is untouched
        try (var document = Loader.loadPDF(again)) {
            var dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(PadesBaselineLT.DSS);
            assertThat(dss.getCOSArray(PadesBaselineLT.CERTS).size()).isEqualTo(4);
            assertThat(dss.getCOSArray(PadesBaselineLT.CRLS).size()).isEqualTo(2);
        }
        var report = new PdfSignatureVerifier(trust).verify(lt);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("не затрагивающие его содержимое"));
    }

    @Test
    void aCrlIssuedBeforeTheSignaturesTimeStampIsRefused() throws Exception {
        byte[] t = signedT();
        Instant stamped = new PdfSignatureVerifier(trust).verify(t).signatures().get(0).timestamp();
        assertThatThrownBy(() -> new PadesBaselineLT().extend(t, chain(), pki.emptyCrls(stamped), List.of(), stamped))
                .isInstanceOf(PadesBaselineLT.StaleRevocationData.class).hasMessageContaining("not after the signature's time-stamp");
    }

    @Test
    void aDocumentTimeStampOverTheLtPdfVerifiesHereAndInOpenSslAndProtectsTheValidationData() throws Exception {
        byte[] t = signedT();
        Instant stamped = new PdfSignatureVerifier(trust).verify(t).signatures().get(0).timestamp();
        byte[] lt = new PadesBaselineLT().extend(t, chain(), pki.emptyCrls(stamped.plusSeconds(61)), List.of(), stamped);
        var hashed = new PadesBaselineLTA(tsa, GostAlgorithm.GOST_2012_256).extendHashed(lt);
        byte[] lta = hashed.pdf();
        assertThat(lta).startsWith(lt);

        var report = new PdfSignatureVerifier(trust).verify(lta);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.documentTimestamps()).singleElement().satisfies(s -> {
            assertThat(s.verdict()).isEqualTo(Verdict.VALID);
            assertThat(s.time()).isAfterOrEqualTo(stamped);
        });

        var openssl = new OpenSsl(dir);
        try (var document = Loader.loadPDF(lta)) {
            PDSignature stamp = document.getLastSignatureDictionary();
            assertThat(stamp.getCOSObject().getCOSName(COSName.TYPE)).isEqualTo(COSName.DOC_TIME_STAMP);
            assertThat(stamp.getSubFilter()).isEqualTo("ETSI.RFC3161");
            openssl.write("ranges.bin", stamp.getSignedContent(lta));
            try (var in = new ASN1InputStream(stamp.getContents(lta))) {
                openssl.write("token.der", in.readObject().getEncoded());
            }
        }
        openssl.pem("root.pem", pki.root().certificate());
        openssl.pem("chain.pem", pki.intermediate().certificate());
        var verified = openssl.run("ts", "-verify", "-data", "ranges.bin", "-in", "token.der", "-token_in", "-CAfile", "root.pem",
                "-untrusted", "chain.pem");
        assertThat(verified.output()).as(verified.output()).contains("Verification: OK");
        // The digest that comes with the time-stamped file (for the detached signature over it) is the whole file's.
        openssl.write("lta.pdf", lta);
        assertThat(openssl.ok("dgst", "-md_gost12_256", "lta.pdf")).contains("= " + java.util.HexFormat.of().formatHex(hashed.digest()));

        // A byte changed in the validation data after the signature: the signature still verifies (no page changed),
        // but the document time-stamp no longer proves the file.
        byte[] tampered = lta.clone();
        int at = indexOf(tampered, "/CRLs".getBytes(), t.length);
        tampered[at + 2] = (byte) (tampered[at + 2] == 'R' ? 'X' : 'R');
        var broken = new PdfSignatureVerifier(trust).verify(tampered);
        assertThat(broken.documentTimestamps()).singleElement().satisfies(s -> assertThat(s.verdict()).isNotEqualTo(Verdict.VALID));
        assertThat(broken.verdict()).isNotEqualTo(Verdict.VALID);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
