package ru.journalarchive.signing.cades;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.timestamp.TimeStampClient;

/**
 * CAdES-T (ETSI baseline T): a signature time-stamp over each signer's signature value, added as an
 * unsigned attribute, so that the signing time is proven by a third party and not only claimed.
 */
public final class CadesBaselineT {

    private final TimeStampClient tsa;

    public CadesBaselineT(TimeStampClient tsa) {
        this.tsa = tsa;
    }

    /** The same SignedData with a signature time-stamp on every signer. */
    public byte[] extend(byte[] cms) {
        try {
            var signed = new CMSSignedData(cms);
            var stamped = new ArrayList<SignerInformation>();
            for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
                var algorithm = algorithmOf(signer);
                var token = tsa.stamp(signer.getSignature(), algorithm);
                AttributeTable unsigned = signer.getUnsignedAttributes() == null ? new AttributeTable(new org.bouncycastle.asn1.ASN1EncodableVector())
                        : signer.getUnsignedAttributes();
                unsigned = unsigned.add(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                        ASN1Primitive.fromByteArray(token.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER)));
                stamped.add(SignerInformation.replaceUnsignedAttributes(signer, unsigned));
            }
            return CmsEncoding.der(CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped)));
        } catch (CMSException e) {
            throw new IllegalArgumentException("not a CMS signature: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The time-stamp hashes with the signer's own Streebog; 256 for a signer that used anything else. */
    private static GostAlgorithm algorithmOf(SignerInformation signer) {
        return GostAlgorithm.byDigest(new org.bouncycastle.asn1.ASN1ObjectIdentifier(signer.getDigestAlgOID()))
                .orElse(GostAlgorithm.GOST_2012_256);
    }

}
