package ru.journalarchive.app.run;

import java.security.cert.X509Certificate;
import ru.journalarchive.app.RejectedRequest;

/** The certificate a director's token announces, as the API and the signing page receive it: PEM, or DER in base64. */
public final class TokenCertificates {

    private TokenCertificates() {}

    public static X509Certificate parse(String text) {
        String body = text.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").replaceAll("\\s", "");
        try {
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(body)));
        } catch (java.security.cert.CertificateException | IllegalArgumentException e) {
            throw new RejectedRequest("certificate", "Сертификат не читается: ожидается PEM или DER в base64");
        }
    }
}
