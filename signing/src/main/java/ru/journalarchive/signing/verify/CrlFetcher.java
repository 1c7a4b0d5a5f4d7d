package ru.journalarchive.signing.verify;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.ASN1OctetString;

/** Fetches the CRLs a certificate names in its CRL distribution points (http and https only). */
public final class CrlFetcher {

    private final HttpClient http;
    private final Duration timeout;

    public CrlFetcher(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The URLs of the certificate's CRL distribution points. */
    public static List<URI> distributionPoints(X509Certificate certificate) {
        var urls = new ArrayList<URI>();
        byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (extension == null) return urls;
        var points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        for (var point : points.getDistributionPoints()) {
            var name = point.getDistributionPoint();
            if (name == null || name.getType() != DistributionPointName.FULL_NAME) continue;
            for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                if (g.getTagNo() != GeneralName.uniformResourceIdentifier) continue;
                String url = g.getName().toString();
                if (url.startsWith("http://") || url.startsWith("https://")) urls.add(URI.create(url));
            }
        }
        return urls;
    }

    /** The CRL at {@code url}; an exception with the reason when it cannot be had. */
    public X509CRL fetch(URI url) throws Exception {
        var response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) throw new IllegalStateException("HTTP " + response.statusCode());
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
    }
}
