package ru.journalarchive.signing.pki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNumericString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The subject of a qualified certificate with the fields of Приказ ФСБ России № 795: СНИЛС, ИНН,
 * ИНН ЮЛ, ОГРН, ОГРНИП as numeric strings under their Russian OIDs; names, position and address
 * as UTF-8 strings. Blank fields are left out.
 */
public record CertificateSubject(String commonName, String surname, String givenName, String title,
                                 String organization, String organizationalUnit, String locality, String state,
                                 String street, String email, String snils, String inn, String innLe, String ogrn,
                                 String ogrnip) {

    public static final ASN1ObjectIdentifier OGRN = new ASN1ObjectIdentifier("1.2.643.100.1");
    public static final ASN1ObjectIdentifier SNILS = new ASN1ObjectIdentifier("1.2.643.100.3");
    public static final ASN1ObjectIdentifier INN_LE = new ASN1ObjectIdentifier("1.2.643.100.4");
    public static final ASN1ObjectIdentifier OGRNIP = new ASN1ObjectIdentifier("1.2.643.100.5");
    public static final ASN1ObjectIdentifier INN = new ASN1ObjectIdentifier("1.2.643.3.131.1.1");

    /** An organisation or a service (CA, TSA): only a common name and the organisation. */
    public static CertificateSubject service(String commonName, String organization) {
        return new CertificateSubject(commonName, null, null, null, organization, null, null, null, null, null, null,
                null, null, null, null);
    }

    public X500Name toX500Name() {
        var b = new X500NameBuilder(BCStyle.INSTANCE);
        utf8(b, BCStyle.C, "RU");
        utf8(b, BCStyle.ST, state);
        utf8(b, BCStyle.L, locality);
        utf8(b, BCStyle.STREET, street);
        utf8(b, BCStyle.O, organization);
        utf8(b, BCStyle.OU, organizationalUnit);
        utf8(b, BCStyle.T, title);
        utf8(b, BCStyle.SURNAME, surname);
        utf8(b, BCStyle.GIVENNAME, givenName);
        utf8(b, BCStyle.CN, commonName);
        if (email != null && !email.isBlank()) b.addRDN(BCStyle.EmailAddress, email);
        numeric(b, SNILS, snils);
        numeric(b, INN, inn);
        numeric(b, INN_LE, innLe);
        numeric(b, OGRN, ogrn);
        numeric(b, OGRNIP, ogrnip);
        return b.build();
    }

    private static void utf8(X500NameBuilder b, ASN1ObjectIdentifier oid, String value) {
        if (value != null && !value.isBlank()) b.addRDN(oid, new DERUTF8String(value));
    }

    private static void numeric(X500NameBuilder b, ASN1ObjectIdentifier oid, String value) {
        if (value != null && !value.isBlank()) b.addRDN(oid, new DERNumericString(value));
    }
}
