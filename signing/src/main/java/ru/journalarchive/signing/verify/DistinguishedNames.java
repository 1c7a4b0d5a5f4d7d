package ru.journalarchive.signing.verify;

import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Reading names out of certificates: single attributes, and a readable one-line form. */
final class DistinguishedNames {

    private DistinguishedNames() {}

    static String attribute(X500Principal principal, ASN1ObjectIdentifier oid) {
        RDN[] rdns = X500Name.getInstance(principal.getEncoded()).getRDNs(oid);
        if (rdns.length == 0) return null;
        var value = rdns[0].getFirst().getValue();
        return value instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(value);
    }

    /** «CN=…, O=…» with the values as written (Cyrillic kept, no escaping of non-ASCII). */
    static String readable(X500Principal principal) {
        var name = X500Name.getInstance(principal.getEncoded());
        var text = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            var first = rdn.getFirst();
            String key = BCStyle.INSTANCE.oidToDisplayName(first.getType());
            String value = first.getValue() instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(first.getValue());
            if (!text.isEmpty()) text.insert(0, ", ");
            text.insert(0, (key == null ? first.getType().getId() : key) + "=" + value);
        }
        return text.toString();
    }
}
