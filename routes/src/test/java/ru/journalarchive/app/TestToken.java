package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import ru.journalarchive.signing.keys.GostProvider;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.signing.testing.Signers;

/**
 * The director's token, played by OpenSSL with the gost engine: it makes the key, which never leaves
 * it, and the test CA certifies it; it signs what the service hands out as a detached CMS, as the
 * CryptoPro plug-in does.
 */
final class TestToken {

    final OpenSsl openssl;
    final X509Certificate certificate;

    TestToken() throws Exception {
        openssl = new OpenSsl(Files.createDirectories(TestKeys.DIR.resolve("token-" + System.nanoTime())));
        openssl.ok("genpkey", "-algorithm", "gost2012_256", "-pkeyopt", "paramset:A", "-out", "key.pem");
        openssl.ok("pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der");
        var key = KeyFactory.getInstance("ECGOST3410-2012", GostProvider.get())
                .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(openssl.dir().resolve("pub.der"))));
        certificate = TestKeys.PKI.issueSigner(Signers.director(), key, Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(86_400));
        openssl.pem("signer.pem", certificate);
        openssl.pem("chain.pem", TestKeys.PKI.intermediate().certificate());
    }

    /** The certificate as the page sends it to prepare: DER in base64. */
    String certificateBase64() throws Exception {
        return Base64.getEncoder().encodeToString(certificate.getEncoded());
    }

    /**
     * Signs each step of a prepare or complete answer, all at {@code stage}: the content comes from
     * {@code content} (the service's {@code …/external/{session}/content}, as tools that hash it
     * themselves read it) and is checked against the hash handed out.
     * @return the signatures, as {@code …/external/complete} takes them
     */
    List<Map<String, String>> signs(JsonNode steps, String stage, ContentOfSession content) throws Exception {
        var signatures = new ArrayList<Map<String, String>>();
        for (var step : steps) {
            assertThat(step.get("result").asText()).as(step.toString()).isEqualTo("NEXT_STEP");
            assertThat(step.at("/next/stage").asText()).isEqualTo(stage);
            String session = step.at("/next/sessionId").asText();
            byte[] bytes = content.of(session);
            assertThat(MessageDigest.getInstance("GOST3411-2012-256", GostProvider.get()).digest(bytes))
                    .isEqualTo(Base64.getDecoder().decode(step.at("/next/hash").asText()));
            signatures.add(Map.of("sessionId", session, "cms", signs(session, bytes)));
        }
        return signatures;
    }

    interface ContentOfSession {
        byte[] of(String sessionId) throws Exception;
    }

    /** The token's detached CMS (DER, base64) over {@code content}, which the session {@code name} handed out. */
    String signs(String name, byte[] content) throws Exception {
        Path in = openssl.write(name + ".bin", content);
        Path out = openssl.dir().resolve(name + ".p7s");
        openssl.ok("cms", "-sign", "-binary", "-in", in.toString(), "-signer", "signer.pem", "-inkey", "key.pem",
                "-certfile", "chain.pem", "-md", "md_gost12_256", "-outform", "DER", "-out", out.toString());
        return Base64.getEncoder().encodeToString(Files.readAllBytes(out));
    }
}
