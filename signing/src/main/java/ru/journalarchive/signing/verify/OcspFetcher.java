package ru.journalarchive.signing.verify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import ru.journalarchive.signing.keys.GostProvider;

/** Asks the OCSP responder a certificate names (AuthorityInfoAccess, http and https only) about it: RFC 6960 over HTTP POST. */
public final class OcspFetcher {

    private final HttpClient http;
    private final Duration timeout;

    public OcspFetcher(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The URLs of the certificate's OCSP responders; empty when it names none (its revocation is then a CRL's business). */
    public static List<URI> responders(X509Certificate certificate) {
        var urls = new ArrayList<URI>();
        byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (extension == null) return urls;
        var access = AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        for (AccessDescription description : access.getAccessDescriptions()) {
            GeneralName location = description.getAccessLocation();
            if (!description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                    || location.getTagNo() != GeneralName.uniformResourceIdentifier) continue;
            String url = location.getName().toString();
            if (url.startsWith("http://") || url.startsWith("https://")) urls.add(URI.create(url));
        }
        return urls;
    }

    /**
     * A DER OCSPRequest about {@code certificate}. Its CertID hashes the issuer with SHA-1, the one hash
     * RFC 5019 has every responder accept: it only names the certificate, it protects nothing.
     */
    public static byte[] request(X509Certificate certificate, X509Certificate issuer) {
        try {
            var sha1 = new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.get()).build().get(CertificateID.HASH_SHA1);
            var id = new CertificateID(sha1, new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
            return new OCSPReqBuilder().addRequest(id).build().getEncoded();
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException | IOException e) {
            throw new IllegalArgumentException("cannot ask about " + certificate.getSubjectX500Principal().getName(), e);
        }
    }

    /** The responder's DER OCSPResponse; an exception with the reason when it gave none or refused (not "successful"). */
    public byte[] fetch(URI responder, X509Certificate certificate, X509Certificate issuer) throws Exception {
        var post = HttpRequest.newBuilder(responder).timeout(timeout).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request(certificate, issuer))).build();
        var response = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) throw new IllegalStateException("HTTP " + response.statusCode());
        int status = new OCSPResp(response.body()).getStatus();
        if (status != OCSPResp.SUCCESSFUL) throw new IllegalStateException("OCSP response status " + status);
        return response.body();
    }
}
