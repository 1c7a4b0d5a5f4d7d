package ru.journalarchive.app.signing;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import ru.journalarchive.signing.pki.Pem;

/**
 * The test TSA (RFC 3161 over HTTP): {@code POST /api/v1/tsa} with a TimeStampReq, and its certificate
 * chain at {@code GET /api/v1/tsa/certificates}. On only when journal-archive.signing.test-tsa.enabled.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Тестовые службы")
@RestController
@ConditionalOnProperty("journal-archive.signing.test-tsa.enabled")
public class TestTsaController {

    private final TestTimeStampAuthority tsa;

    public TestTsaController(TestTimeStampAuthority tsa) {
        this.tsa = tsa;
    }

    @PostMapping(path = "/api/v1/tsa", consumes = "application/timestamp-query", produces = "application/timestamp-reply")
    public byte[] stamp(@RequestBody byte[] request) {
        return tsa.authority().respond(request);
    }

    @GetMapping(path = "/api/v1/tsa/certificates", produces = "application/pem-certificate-chain")
    public String certificates() {
        return Pem.certificates(tsa.chain());
    }
}
