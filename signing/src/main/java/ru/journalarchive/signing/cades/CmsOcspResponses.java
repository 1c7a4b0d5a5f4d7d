package ru.journalarchive.signing.cades;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.OtherRevocationInfoFormat;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.cms.CMSSignedData;

/**
 * OCSP responses in a SignedData's revocation values (its crls field): RevocationInfoChoice
 * {@code other} with {@code id-ri-ocsp-response}, as RFC 5940 §2.2 defines them.
 */
public final class CmsOcspResponses {

    private CmsOcspResponses() {}

    /** The DER OCSPResponses the SignedData carries. */
    public static List<byte[]> of(CMSSignedData signed) {
        var responses = new ArrayList<byte[]>();
        try {
            for (Object held : signed.getOtherRevocationInfo(CMSObjectIdentifiers.id_ri_ocsp_response).getMatches(null))
                responses.add(OCSPResponse.getInstance(held).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException("an unreadable OCSP response in a signature", e);
        }
        return responses;
    }

    /** A DER OCSPResponse as an entry of the crls field. */
    static OtherRevocationInfoFormat entry(byte[] response) {
        ASN1Encodable ocsp = OCSPResponse.getInstance(response);
        return new OtherRevocationInfoFormat(CMSObjectIdentifiers.id_ri_ocsp_response, ocsp);
    }
}
