package ru.journalarchive.app.signing;

import java.net.URI;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.journalarchive.signing.verify.OcspFetcher;

/** OCSP over HTTP: the responders a certificate names in its AuthorityInfoAccess, each asked in turn until one answers. */
public final class OcspResponders implements FreshRevocationData.OcspSource {

    private static final Logger log = LoggerFactory.getLogger(OcspResponders.class);

    private final OcspFetcher fetcher;

    public OcspResponders(OcspFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public byte[] fetch(X509Certificate certificate, X509Certificate issuer) {
        for (URI url : OcspFetcher.responders(certificate)) {
            try {
                return fetcher.fetch(url, certificate, issuer);
            } catch (Exception e) {
                log.warn("OCSP responder {} gave no answer about {}: {}", url, certificate.getSerialNumber(), e.toString());
            }
        }
        return null;
    }
}
