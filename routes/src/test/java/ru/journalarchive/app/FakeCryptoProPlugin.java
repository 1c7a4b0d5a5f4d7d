package ru.journalarchive.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.GostProvider;

/**
 * The CryptoPro plug-in played by a fake at the boundary (fake-cadesplugin.js, injected before each page
 * loads, so that cadesplugin_api.js would return early): its store holds the given certificates, and each
 * SignHash is answered here with a real GOST CMS SignedData (CAdES-BES: content type, signing time,
 * message digest = the given hash, signing-certificate-v2) made with BouncyCastle and the test's key,
 * base64 with CRLF line breaks as the plug-in returns it.
 */
final class FakeCryptoProPlugin {

    record Token(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {}

    private final List<Token> tokens;
    private final Map<String, Object> config = new LinkedHashMap<>();
    private int signed;

    FakeCryptoProPlugin(List<Token> tokens) {
        this.tokens = tokens;
        var certificates = new ArrayList<Map<String, Object>>();
        for (var t : tokens) {
            var c = t.certificate();
            certificates.add(Map.of("subject", subjectName(c),
                    "issuer", c.getIssuerX500Principal().getName(), "validFrom", c.getNotBefore().toInstant().toString(),
                    "validTo", c.getNotAfter().toInstant().toString(), "serial", c.getSerialNumber().toString(16),
                    "thumbprint", HexFormat.of().formatHex(sha1(encoded(c))), "der", Base64.getEncoder().encodeToString(encoded(c)),
                    "keyBits", GostAlgorithm.of(c.getPublicKey()) == GostAlgorithm.GOST_2012_512 ? 512 : 256));
        }
        config.put("certificates", certificates);
        config.put("pin", "ok");
        config.put("token", "present");
    }

    FakeCryptoProPlugin cancelPin() {
        config.put("pin", "cancel");
        return this;
    }

    FakeCryptoProPlugin tokenRemoved() {
        config.put("token", "removed");
        return this;
    }

    void install(Browser browser) throws Exception {
        String fake;
        try (var in = FakeCryptoProPlugin.class.getResourceAsStream("/fake-cadesplugin.js")) {
            fake = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        browser.beforeEveryPage("window.__fakeCadesConfig = " + new ObjectMapper().writeValueAsString(config) + ";\n" + fake);
    }

    /** Answers the page's SignHash calls until {@code done} holds; returns how many it signed so far in all. */
    @SuppressWarnings("unchecked")
    int serve(Browser browser, java.time.Duration timeout, java.util.function.BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the page did not get there in " + timeout);
            var requests = (List<Map<String, Object>>) browser.script("return window.__cades ? window.__cades.take() : [];");
            for (var r : requests) {
                var token = tokens.stream().filter(t -> Base64.getEncoder().encodeToString(encoded(t.certificate())).equals(r.get("certificate")))
                        .findFirst().orElseThrow();
                byte[] cms = signHash(HexFormat.of().parseHex((String) r.get("hash")), token);
                browser.script("window.__cades.answer(arguments[0], arguments[1]);", r.get("id"), mime(cms));
                signed++;
            }
            Thread.sleep(50);
        }
        return signed;
    }

    int signed() {
        return signed;
    }

    /** The plug-in's base64: lines of 64 characters with CRLF, which the service must accept. */
    private static String mime(byte[] cms) {
        return Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cms) + "\r\n";
    }

    static byte[] signHash(byte[] hash, Token token) throws Exception {
        var algorithm = GostAlgorithm.of(token.certificate().getPublicKey());
        var provider = GostProvider.get();
        var digests = new JcaDigestCalculatorProviderBuilder().setProvider(provider).build();
        byte[] certificateHash = algorithm.digest(token.certificate().getEncoded());
        CMSAttributeTableGenerator attributes = parameters -> {
            var v = new ASN1EncodableVector();
            v.add(new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data)));
            v.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(Instant.now())))));
            v.add(new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(hash))));
            v.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(new SigningCertificateV2(
                    new ESSCertIDv2(new AlgorithmIdentifier(algorithm.digestOid()), certificateHash)))));
            return new AttributeTable(v);
        };
        var signer = new JcaSignerInfoGeneratorBuilder(digests).setSignedAttributeGenerator(attributes)
                .build(new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).setProvider(provider).build(token.key()),
                        token.certificate());
        var generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(signer);
        var chain = new ArrayList<X509Certificate>();
        chain.add(token.certificate());
        chain.addAll(token.chain());
        generator.addCertificates(new JcaCertStore(chain));
        return generator.generate(new CMSAbsentContent(), false).getEncoded();
    }

    /** The subject as the plug-in's SubjectName writes it: "CN=…, SN=…, G=…, T=…, O=…", a value with a comma in quotes. */
    private static String subjectName(X509Certificate c) {
        var d = ru.journalarchive.signing.verify.SignerDetails.of(c);
        var parts = new ArrayList<String>();
        for (var e : new String[][] {{"CN", d.commonName()}, {"SN", d.surname()}, {"G", d.givenName()}, {"T", d.title()},
                {"O", d.organization()}}) {
            if (e[1] != null) parts.add(e[0] + "=" + (e[1].contains(",") ? "\"" + e[1].replace("\"", "\"\"") + "\"" : e[1]));
        }
        return String.join(", ", parts);
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
