package ru.journalarchive.signing.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.signing.pki.Pem;
import ru.journalarchive.signing.testing.OpenSsl;

/**
 * The same past validation done independently by OpenSSL's gost engine, with only the certificates and
 * CRLs found in the PDF: the signature's chain at the time-stamp's time, revocation at the CRL's time,
 * and each time-stamp token over what it stamps.
 */
class PastValidationInteropTest {

    @TempDir
    Path dir;

    final PastValidationTest setup = new PastValidationTest();

    /** The parts of an LTA PDF that OpenSSL reads: signature CMS, its ranges, DSS contents, both tokens and what they stamp. */
    record Parts(byte[] signature, byte[] ranges, List<X509Certificate> certificates, List<X509CRL> crls, byte[] signatureToken,
                 byte[] signatureValue, byte[] documentToken, byte[] documentRanges) {}

    static Parts parts(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            PDSignature signature = null, stamp = null;
            for (PDSignature s : document.getSignatureDictionaries())
                if (PdfSignatureVerifier.ETSI_RFC3161.equals(s.getSubFilter())) stamp = s;
                else signature = s;
            byte[] cms = der(signature.getContents(pdf));
            var signed = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)), cms);
            var signer = signed.getSignerInfos().getSigners().iterator().next();
            byte[] token = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken).getAttrValues()
                    .getObjectAt(0).toASN1Primitive().getEncoded();
            return new Parts(cms, signature.getSignedContent(pdf), SecurityStore.certificates(document), SecurityStore.crls(document),
                    token, signer.getSignature(), der(stamp.getContents(pdf)), stamp.getSignedContent(pdf));
        }
    }

    static byte[] der(byte[] padded) throws Exception {
        try (var in = new ASN1InputStream(padded)) {
            return in.readObject().getEncoded();
        }
    }

    OpenSsl openSsl(Parts parts) throws Exception {
        var openssl = new OpenSsl(dir);
        openssl.write("signature.der", parts.signature());
        openssl.write("ranges.bin", parts.ranges());
        openssl.pem("root.pem", setup.pki.root().certificate());
        openssl.write("dss-certs.pem", Pem.certificates(parts.certificates()).getBytes());
        // A store file may hold CRLs beside the anchor: OpenSSL loads both.
        var store = new StringBuilder(Pem.certificates(List.of(setup.pki.root().certificate())));
        for (X509CRL crl : parts.crls()) store.append(Pem.encode("X509 CRL", crl.getEncoded()));
        openssl.write("root-and-crls.pem", store.toString().getBytes());
        openssl.write("signature-token.der", parts.signatureToken());
        openssl.write("signature-value.bin", parts.signatureValue());
        openssl.write("document-token.der", parts.documentToken());
        openssl.write("document-ranges.bin", parts.documentRanges());
        return openssl;
    }

    static String epoch(Instant t) {
        return Long.toString(t.getEpochSecond());
    }

    OpenSsl.Result cmsVerify(OpenSsl openssl, String store, Instant at, String... more) {
        var args = new ArrayList<>(List.of("cms", "-verify", "-binary", "-inform", "DER", "-in", "signature.der", "-content",
                "ranges.bin", "-CAfile", store, "-certfile", "dss-certs.pem", "-purpose", "any", "-attime", epoch(at),
                "-out", "/dev/null"));
        args.addAll(List.of(more));
        return openssl.run(args.toArray(String[]::new));
    }

    @Test
    void openSslAgreesFromTheDataInsideThePdfAtTheProvenTimes() throws Exception {
        byte[] t = setup.signedT(setup.pki.tsa());
        Instant stamped = PastValidationTest.stampOf(t, setup.trust);
        byte[] lta = setup.lta(t, setup.freshCrls(stamped, Map.of()), setup.pki.tsa(), setup.archiveTsa);
        var parts = parts(lta);
        var openssl = openSsl(parts);
        Instant documentStamped = new PdfSignatureVerifier(setup.trust).verify(lta).documentTimestamps().get(0).time();
        Instant crlIssued = parts.crls().get(0).getThisUpdate().toInstant();

        var atStamp = cmsVerify(openssl, "root.pem", stamped);
        assertThat(atStamp.output()).as(atStamp.output()).contains("Verification successful");
        // OpenSSL takes a CRL only once it is issued: revocation is checked at the CRL's time, still inside the signer's validity.
        var revocation = cmsVerify(openssl, "root-and-crls.pem", crlIssued.plusSeconds(1), "-crl_check_all");
        assertThat(revocation.output()).as(revocation.output()).contains("Verification successful");
        // Without a validation time OpenSSL judges in 2051 like anyone would without proofs: the certificate has expired.
        var in2051 = cmsVerify(openssl, "root.pem", PastValidationTest.IN_2051);
        assertThat(in2051.exitCode()).isNotZero();
        assertThat(in2051.output()).contains("certificate has expired");

        var signatureToken = openssl.run("ts", "-verify", "-data", "signature-value.bin", "-in", "signature-token.der", "-token_in",
                "-CAfile", "root.pem", "-untrusted", "dss-certs.pem", "-attime", epoch(stamped));
        assertThat(signatureToken.output()).as(signatureToken.output()).contains("Verification: OK");
        var documentToken = openssl.run("ts", "-verify", "-data", "document-ranges.bin", "-in", "document-token.der", "-token_in",
                "-CAfile", "root.pem", "-untrusted", "dss-certs.pem", "-attime", epoch(documentStamped));
        assertThat(documentToken.output()).as(documentToken.output()).contains("Verification: OK");
        var swapped = openssl.run("ts", "-verify", "-data", "ranges.bin", "-in", "document-token.der", "-token_in",
                "-CAfile", "root.pem", "-untrusted", "dss-certs.pem");
        assertThat(swapped.output()).doesNotContain("Verification: OK");
    }

    @Test
    void openSslAlsoRejectsASignerRevokedBeforeSigning() throws Exception {
        byte[] t = setup.signedT(setup.pki.tsa());
        Instant stamped = PastValidationTest.stampOf(t, setup.trust);
        byte[] lta = setup.lta(t, setup.freshCrls(stamped, Map.of(setup.director.certificate(), stamped.minusSeconds(600))),
                setup.pki.tsa(), setup.archiveTsa);
        var parts = parts(lta);
        var openssl = openSsl(parts);
        var revoked = cmsVerify(openssl, "root-and-crls.pem", parts.crls().get(0).getThisUpdate().toInstant().plusSeconds(1),
                "-crl_check_all");
        assertThat(revoked.exitCode()).isNotZero();
        assertThat(revoked.output()).contains("certificate revoked");
        assertThat(new PdfSignatureVerifier(setup.trust, ValidationContext.at(PastValidationTest.IN_2051).withoutFetching())
                .verify(lta).verdict()).isEqualTo(Verdict.INVALID);
    }
}
