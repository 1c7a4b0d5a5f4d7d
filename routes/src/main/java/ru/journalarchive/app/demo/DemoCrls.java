package ru.journalarchive.app.demo;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import ru.journalarchive.app.signing.FreshRevocationData;
import ru.journalarchive.signing.pki.TestPki;

/**
 * The demo PKI's CAs issue their CRLs on request, as a CA's CRL server would: so the demo's own
 * signatures reach the long-term levels without a CRL server to run.
 */
@org.springframework.stereotype.Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(DemoEnvironment.DEMO_CRLS)
public class DemoCrls implements FreshRevocationData.CrlSource {

    private final TestPki pki;
    private final Clock clock = Clock.systemUTC();

    public DemoCrls(ru.journalarchive.app.config.JournalArchiveProperties properties, org.springframework.core.env.Environment env) {
        this.pki = DemoPki.authorities(properties.demo().pkiDirectory(),
                env.getProperty("JA_KEYS_PASSWORD", DemoEnvironment.DEFAULT_PASSWORD).toCharArray());
    }

    @Override
    public List<X509CRL> fetch(List<X509Certificate> certificates) {
        return pki.crlsIssuedAt(clock.instant());
    }
}
