package ru.journalarchive.app.signing;

import java.net.URI;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.journalarchive.signing.verify.CrlFetcher;

/** CRLs over HTTP: from the distribution points the certificates name, and from configured URLs. */
public final class DistributionPointCrls implements FreshRevocationData.CrlSource {

    private static final Logger log = LoggerFactory.getLogger(DistributionPointCrls.class);

    private final CrlFetcher fetcher;
    private final List<URI> configured;

    public DistributionPointCrls(CrlFetcher fetcher, List<URI> configured) {
        this.fetcher = fetcher;
        this.configured = List.copyOf(configured);
    }

    @Override
    public List<X509CRL> fetch(List<X509Certificate> certificates) {
        var urls = new LinkedHashSet<URI>();
        for (var c : certificates) urls.addAll(CrlFetcher.distributionPoints(c));
        urls.addAll(configured);
        var crls = new ArrayList<X509CRL>();
        for (URI url : urls) {
            try {
                crls.add(fetcher.fetch(url));
            } catch (Exception e) {
                log.warn("CRL at {} could not be fetched: {}", url, e.toString());
            }
        }
        return crls;
    }
}
