package ru.journalarchive.signing.verify;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.style.BCStyle;
import ru.journalarchive.signing.pki.CertificateSubject;

/** The signer as a qualified certificate names them (Приказ ФСБ № 795). */
public record SignerDetails(String commonName, String surname, String givenName, String title, String organization,
                            String snils, String inn, String innLe, String ogrn, String email) {

    public static SignerDetails of(X509Certificate c) {
        var s = c.getSubjectX500Principal();
        return new SignerDetails(DistinguishedNames.attribute(s, BCStyle.CN), DistinguishedNames.attribute(s, BCStyle.SURNAME),
                DistinguishedNames.attribute(s, BCStyle.GIVENNAME), DistinguishedNames.attribute(s, BCStyle.T),
                DistinguishedNames.attribute(s, BCStyle.O), DistinguishedNames.attribute(s, CertificateSubject.SNILS),
                DistinguishedNames.attribute(s, CertificateSubject.INN), DistinguishedNames.attribute(s, CertificateSubject.INN_LE),
                DistinguishedNames.attribute(s, CertificateSubject.OGRN), DistinguishedNames.attribute(s, BCStyle.EmailAddress));
    }
}
