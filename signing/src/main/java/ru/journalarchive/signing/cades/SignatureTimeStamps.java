package ru.journalarchive.signing.cades;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The signature time-stamps a signature carries: what the validation data added for LT must be
 * newer than, and whose TSA chain it must hold too.
 */
public final class SignatureTimeStamps {

    private SignatureTimeStamps() {}

    /** The signature time-stamp tokens of every signer of a CMS SignedData. */
    public static List<TimeStampToken> ofCms(byte[] cms) {
        try {
            return of(new CMSSignedData(cms));
        } catch (CMSException e) {
            throw new IllegalArgumentException("not a CMS signature: " + e.getMessage(), e);
        }
    }

    /** The signature time-stamps of every signature of a PDF (document time-stamps are not signature time-stamps). */
    public static List<TimeStampToken> ofPdf(byte[] pdf) {
        var tokens = new ArrayList<TimeStampToken>();
        for (var signed : signaturesOf(pdf)) tokens.addAll(of(signed));
        return tokens;
    }

    /** The CMS of every signature of a PDF but its document time-stamps. */
    public static List<CMSSignedData> signaturesOf(byte[] pdf) {
        try (var document = Loader.loadPDF(pdf)) {
            var signatures = new ArrayList<CMSSignedData>();
            for (PDSignature signature : document.getSignatureDictionaries()) {
                if ("ETSI.RFC3161".equals(signature.getSubFilter())) continue;
                try (var in = new ASN1InputStream(signature.getContents(pdf))) {
                    signatures.add(new CMSSignedData(in.readObject().getEncoded()));
                }
            }
            return signatures;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable PDF", e);
        } catch (CMSException e) {
            throw new IllegalArgumentException("a PDF signature that is not CMS: " + e.getMessage(), e);
        }
    }

    /** The signature time-stamp tokens of every signer of a SignedData. */
    public static List<TimeStampToken> of(CMSSignedData signed) {
        var tokens = new ArrayList<TimeStampToken>();
        for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
            var unsigned = signer.getUnsignedAttributes();
            var attribute = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            if (attribute == null) continue;
            for (var value : attribute.getAttrValues()) {
                try {
                    tokens.add(new TimeStampToken(new CMSSignedData(value.toASN1Primitive().getEncoded())));
                } catch (IOException | CMSException | TSPException e) {
                    throw new IllegalArgumentException("an unreadable signature time-stamp: " + e.getMessage(), e);
                }
            }
        }
        return tokens;
    }
}
