package ru.journalarchive.signing.cades;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pades.PadesBaselineB;
import ru.journalarchive.signing.pades.PadesTestDocuments;
import ru.journalarchive.signing.pades.StampPlacement;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.signing.testing.Signers;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;
import ru.journalarchive.signing.timestamp.TimeStampClient;

/**
 * Every signature and time-stamp that leaves the service is DER (ISO 32000-1 §12.8.3.3.1 for a PDF's
 * /Contents): DER is the one encoding that re-encodes to itself, and OpenSSL finds no indefinite length.
 */
class DerEncodingTest {

    static final byte[] DOCUMENT = "Сводная ведомость 9А".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    final Instant now = Instant.now();
    final TestPki pki = new TestPki(GostAlgorithm.GOST_2012_256, now);
    final TimeStampAuthority authority = new TimeStampAuthority(pki.tsa().credentials(pki.intermediate().certificate(),
            pki.root().certificate()), Clock.systemUTC());
    final TestPki.Issued director = pki.issueSigner(Signers.director(), now.minusSeconds(60), now.plusSeconds(86_400));

    @Test
    void detachedSignaturesWithAndWithoutATimeStampAreDer() throws Exception {
        byte[] b = new CadesBaselineB().sign(DOCUMENT, pki.credentials(director), now, pki.emptyCrls(now));
        assertStrictDer(b, "cades-b.sig");
        assertStrictDer(new CadesBaselineT(TimeStampClient.local(authority)).extend(b), "cades-t.sig");
    }

    @Test
    void theCmsInAPdfsContentsIsDer() throws Exception {
        byte[] signed = new PadesBaselineB(TimeStampClient.local(authority)).sign(PadesTestDocuments.pdf(1),
                pki.credentials(director), now, new StampPlacement(227, 50, 340, 110), pki.emptyCrls(now), "Утверждаю");
        byte[] contents;
        try (var document = Loader.loadPDF(signed)) {
            contents = document.getLastSignatureDictionary().getContents(signed);
        }
        // The reserved room after the CMS is zeros; the CMS itself is the first object.
        int length;
        try (var in = new ASN1InputStream(contents)) {
            length = in.readObject().getEncoded(ASN1Encoding.DER).length;
        }
        assertThat(Arrays.copyOfRange(contents, length, contents.length)).containsOnly((byte) 0);
        assertStrictDer(Arrays.copyOf(contents, length), "pades.p7s");
    }

    @Test
    void theTsasAnswerAndItsTokenAreDer() throws Exception {
        var request = new TimeStampRequestGenerator();
        request.setCertReq(true);
        byte[] reply = authority.respond(request.generate(GostAlgorithm.GOST_2012_256.digestOid(),
                GostAlgorithm.GOST_2012_256.digest(DOCUMENT)).getEncoded());
        assertStrictDer(reply, "reply.tsr");
        var token = TimeStampClient.local(authority).stamp(DOCUMENT, GostAlgorithm.GOST_2012_256);
        assertStrictDer(token.getEncoded(ASN1Encoding.DER), "token.der");
    }

    @Test
    void aSignatureThatCameAsBerIsWrittenAsDer() throws Exception {
        byte[] b = new CadesBaselineB().sign(DOCUMENT, pki.credentials(director), now, List.of());
        var parsed = new org.bouncycastle.cms.CMSSignedData(b);
        // BER with indefinite lengths, as BouncyCastle writes a SignedData it builds by default
        var info = parsed.toASN1Structure();
        byte[] ber = new org.bouncycastle.asn1.BERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {info.getContentType(),
                new org.bouncycastle.asn1.BERTaggedObject(true, 0, info.getContent())}).getEncoded();
        assertThat(ber).isNotEqualTo(b);
        assertThat(CmsEncoding.der(new org.bouncycastle.cms.CMSSignedData(ber))).isEqualTo(b);
    }

    private void assertStrictDer(byte[] encoded, String name) throws Exception {
        byte[] again;
        try (var in = new ASN1InputStream(encoded)) {
            again = in.readObject().getEncoded(ASN1Encoding.DER);
        }
        assertThat(again).as("%s re-encodes to itself as DER", name).isEqualTo(encoded);
        var openssl = new OpenSsl(dir);
        openssl.write(name, encoded);
        assertThat(openssl.ok("asn1parse", "-inform", "DER", "-in", name)).as(name).doesNotContain("l=inf").contains("SEQUENCE");
    }
}
