package ru.journalarchive.app.signing;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.Pkcs12KeySource;
import ru.journalarchive.signing.keys.SigningCredentials;
import ru.journalarchive.signing.pki.Pem;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;

/**
 * The test TSA (RFC 3161 over HTTP): {@code POST /api/v1/tsa} with a TimeStampReq, and its certificate
 * chain at {@code GET /api/v1/tsa/certificates}. On only when journal-archive.signing.test-tsa.enabled.
 */
@RestController
@ConditionalOnProperty("journal-archive.signing.test-tsa.enabled")
public class TestTsaController {

    static final MediaType QUERY = MediaType.parseMediaType("application/timestamp-query");
    static final MediaType REPLY = MediaType.parseMediaType("application/timestamp-reply");
    private static final Logger log = LoggerFactory.getLogger(TestTsaController.class);

    private final TimeStampAuthority authority;
    private final List<X509Certificate> chain = new ArrayList<>();

    public TestTsaController(JournalArchiveProperties properties) {
        var settings = properties.signing().testTsa();
        SigningCredentials credentials;
        if (settings.keystore() != null && !settings.keystore().isBlank()) {
            String password = System.getenv("TEST_TSA_PASSWORD");
            credentials = new Pkcs12KeySource(Path.of(settings.keystore()), password == null ? new char[0] : password.toCharArray())
                    .credentials(settings.alias());
        } else {
            log.warn("test TSA: no keystore configured, using a throw-away test PKI made now (its root is at /api/v1/tsa/certificates)");
            var pki = new TestPki(GostAlgorithm.GOST_2012_256, Instant.now());
            credentials = pki.tsa().credentials(pki.intermediate().certificate(), pki.root().certificate());
        }
        chain.add(credentials.certificate());
        chain.addAll(credentials.chain());
        authority = new TimeStampAuthority(credentials, Clock.systemUTC());
    }

    @PostMapping(path = "/api/v1/tsa", consumes = "application/timestamp-query", produces = "application/timestamp-reply")
    public byte[] stamp(@RequestBody byte[] request) {
        return authority.respond(request);
    }

    @GetMapping(path = "/api/v1/tsa/certificates", produces = "application/pem-certificate-chain")
    public String certificates() {
        return Pem.certificates(chain);
    }
}
