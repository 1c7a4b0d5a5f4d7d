package ru.journalarchive.signing.cades;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * Signatures leave the service DER-encoded (ISO 32000-1 §12.8.3.3.1 asks for DER in a PDF's
 * /Contents; BouncyCastle writes BER with indefinite lengths by default). One exception: a signer
 * whose signed attributes did not come DER-sorted (some CryptoPro versions, bc-java #469) signed
 * exactly those bytes, and DER would re-sort them and break its signature for every other verifier,
 * so such a CMS keeps the encoding it came in.
 */
public final class CmsEncoding {

    private CmsEncoding() {}

    public static byte[] der(CMSSignedData signed) {
        try {
            for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
                ASN1Set attributes = signer.toASN1Structure().getAuthenticatedAttributes();
                if (attributes != null && !Arrays.equals(attributes.getEncoded(ASN1Encoding.DL), attributes.getEncoded(ASN1Encoding.DER)))
                    return signed.getEncoded();
            }
            return signed.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
