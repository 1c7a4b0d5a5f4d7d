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
import org.springframework.stereotype.Component;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.Pkcs12KeySource;
import ru.journalarchive.signing.keys.SigningCredentials;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;

/**
 * The service's own test TSA: its key from a PKCS#12 file (journal-archive.signing.test-tsa.keystore),
 * or, without one, from a throw-away test PKI made at start. Served over HTTP by {@link TestTsaController};
 * with test-tsa.stamps-own-signatures it also stamps the service's signatures in-process.
 */
@Component
@ConditionalOnProperty("journal-archive.signing.test-tsa.enabled")
public class TestTimeStampAuthority {

    private static final Logger log = LoggerFactory.getLogger(TestTimeStampAuthority.class);

    private final TimeStampAuthority authority;
    private final List<X509Certificate> chain = new ArrayList<>();

    public TestTimeStampAuthority(JournalArchiveProperties properties) {
        var settings = properties.signing().testTsa();
        SigningCredentials credentials;
        if (settings.keystore() != null && !settings.keystore().isBlank()) {
            var source = new Pkcs12KeySource(Path.of(settings.keystore()),
                    settings.password() == null ? new char[0] : settings.password().toCharArray());
            try {
                credentials = source.credentials(settings.alias());
            } finally {
                source.forget();
            }
        } else {
            log.warn("test TSA: no keystore configured, using a throw-away test PKI made now (its root is at /api/v1/tsa/certificates)");
            var pki = new TestPki(GostAlgorithm.GOST_2012_256, Instant.now());
            credentials = pki.tsa().credentials(pki.intermediate().certificate(), pki.root().certificate());
        }
        chain.add(credentials.certificate());
        chain.addAll(credentials.chain());
        authority = new TimeStampAuthority(credentials, Clock.systemUTC());
    }

    public TimeStampAuthority authority() {
        return authority;
    }

    /** The TSA's certificate first, then its CAs up to the root. */
    public List<X509Certificate> chain() {
        return List.copyOf(chain);
    }
}
