package ru.journalarchive.signing.verify;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import ru.journalarchive.signing.cades.CmsOcspResponses;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.keys.GostProvider;

/**
 * Verifies CMS SignedData (CAdES) over given bytes: for every signer the integrity (message digest and
 * signature value), signing-certificate-v2, the time-stamp when there is one, and the certificate at
 * the signing time ({@link CertificateValidation}). Reasons are in Russian, for the inspector.
 */
public final class CmsSignatureVerifier {

    private final TrustAnchors trust;
    private final ValidationContext context;
    private final TimeStampCheck timestamps;

    public CmsSignatureVerifier(TrustAnchors trust) {
        this(trust, ValidationContext.now());
    }

    /** Judged at {@code context}'s validation time, with its external proofs of existence over the signed content. */
    public CmsSignatureVerifier(TrustAnchors trust, ValidationContext context) {
        this.trust = trust;
        this.context = context;
        this.timestamps = new TimeStampCheck(trust, new CertificateValidation.Revocation(context.fetcher(trust), false));
    }

    /** A detached signature ({@code .sig}) over a whole file. */
    public VerificationReport verifyDetached(byte[] content, byte[] signature) {
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(new CMSProcessableByteArray(content), signature);
        } catch (CMSException | RuntimeException e) {
            return VerificationReport.unreadable("Файл подписи не является подписью CMS (CAdES): " + e.getMessage());
        }
        return VerificationReport.of(verify(signed));
    }

    /** Every signer of a SignedData whose content is attached or supplied. */
    public List<SignatureReport> verify(CMSSignedData signed) {
        return verify(signed, null);
    }

    /** @param claimedTime the signing time claimed outside the CMS (a PDF's M entry), used when the CMS has none */
    public List<SignatureReport> verify(CMSSignedData signed, Instant claimedTime) {
        return verify(signed, claimedTime, List.of());
    }

    /** @param validationCrls CRLs the document carries beside the CMS (a PDF's DSS) */
    public List<SignatureReport> verify(CMSSignedData signed, Instant claimedTime, List<X509CRL> validationCrls) {
        return verify(signed, claimedTime, new DocumentData(RevocationData.crls(validationCrls), List.of(), List.of()));
    }

    /**
     * What the document carries beside the CMS: the DSS's CRLs, OCSP responses and certificates, and
     * the document time-stamps that cover this signature, checked, in order.
     */
    record DocumentData(RevocationData revocationData, List<X509Certificate> certificates, List<ProofChain.Proof> documentTimestamps) {}

    List<SignatureReport> verify(CMSSignedData signed, Instant claimedTime, DocumentData document) {
        var certificates = new ArrayList<X509Certificate>(document.certificates());
        var insideCrls = new ArrayList<X509CRL>();
        try {
            var converter = new JcaX509CertificateConverter().setProvider(GostProvider.get());
            for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) certificates.add(converter.getCertificate(holder));
            var crlConverter = new JcaX509CRLConverter().setProvider(GostProvider.get());
            for (X509CRLHolder holder : signed.getCRLs().getMatches(null)) insideCrls.add(crlConverter.getCRL(holder));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable certificates in the signature", e);
        }
        var inside = document.revocationData().plus(new RevocationData(insideCrls, CmsOcspResponses.of(signed)));
        var all = RevocationData.crls(trust.crls()).plus(inside);
        var reports = new ArrayList<SignatureReport>();
        for (SignerInformation signer : signed.getSignerInfos().getSigners())
            reports.add(verify(signer, certificates, all, inside, claimedTime, document.documentTimestamps()));
        return reports;
    }

    /**
     * @param all    the revocation data at hand: the trust store's and {@code inside}
     * @param inside what the document itself carries (CMS, DSS): what its level is judged by
     */
    private SignatureReport verify(SignerInformation signer, List<X509Certificate> certificates, RevocationData all,
                                   RevocationData inside, Instant claimedTime, List<ProofChain.Proof> documentTimestamps) {
        var reasons = new ArrayList<String>();
        X509Certificate certificate = certificates.stream().filter(c -> signer.getSID().match(holder(c))).findFirst().orElse(null);
        Instant signed = signingTime(signer);
        Instant signingTime = signed != null ? signed : claimedTime;
        if (certificate == null) {
            reasons.add("В подписи нет сертификата подписанта: проверить её нельзя");
            return new SignatureReport(Verdict.INDETERMINATE, false, ChainStatus.NOT_CHECKED, signingTime, null, reasons, null, null);
        }
        boolean integrity = integrity(signer, certificate, reasons);
        Verdict verdict = integrity ? Verdict.VALID : Verdict.INVALID;
        if (!signingCertificateMatches(signer, certificate, reasons)) verdict = Verdict.INVALID;
        TimeStampCheck.Checked stamp = timestamp(signer, all, reasons);
        Instant timestamp = stamp == null ? null : stamp.time();
        if (timestamp == null && signingTime != null)
            reasons.add("Время подписания " + CertificateValidation.MOSCOW.format(signingTime)
                    + " заявлено подписантом и не подтверждено штампом времени");
        if (timestamp == null && signingTime == null) reasons.add("В подписи не указано время подписания");

        var proofs = new ArrayList<ProofChain.Proof>();
        if (stamp != null) proofs.add(new ProofChain.Proof(ProofChain.Kind.SIGNATURE_TIMESTAMP, stamp, "штамп времени подписи"));
        proofs.addAll(documentTimestamps);
        var proofCertificates = new ArrayList<X509Certificate>(certificates);
        for (var p : proofs) proofCertificates.addAll(p.checked().tokenCertificates());
        boolean external = externalProofs(proofs, all, reasons);
        Instant validationTime = context.time();
        var chainOfProofs = ProofChain.judge(proofs, all, validationTime);
        reasons.addAll(chainOfProofs.reasons());
        if (!chainOfProofs.reachesValidationTime()) verdict = verdict.and(Verdict.INDETERMINATE);
        else if (context.inThePast() && !proofs.isEmpty())
            reasons.add("Существование подписи доказано до момента проверки " + CertificateValidation.MOSCOW.format(validationTime)
                    + ": " + String.join(" → ", proofs.stream().map(p -> p.label() + " " + CertificateValidation.MOSCOW.format(p.time())).toList()));

        // The signing time proven is the earliest trustworthy proof; the signer's certificate is judged then.
        Instant proven = proofs.isEmpty() ? null : proofs.get(0).time();
        if (proven != null && stamp == null)
            reasons.add("Существование подписи подтверждено на " + CertificateValidation.MOSCOW.format(proven) + " («"
                    + proofs.get(0).label() + "»)");
        Instant at = proven != null ? proven : signingTime != null ? signingTime : validationTime;
        var chain = CertificateValidation.check(certificate, certificates, all, trust, at, proven != null,
                new CertificateValidation.Revocation(context.fetcher(trust), context.inThePast() && proven != null));
        reasons.addAll(chain.reasons());
        verdict = verdict.and(chain.verdict());
        if (proven == null && context.inThePast() && certificate.getNotAfter().toInstant().isBefore(validationTime)) {
            reasons.add("Срок действия сертификата подписанта истёк " + CertificateValidation.DATE.format(certificate.getNotAfter().toInstant())
                    + ", а существование подписи до этого ничем не подтверждено (нет штампа времени или доказательства хранения)");
            verdict = verdict.and(Verdict.INDETERMINATE);
        }
        var level = LevelAssessment.assess(certificate, chain.path(), stamp, proofCertificates, inside,
                documentTimestamps.stream().anyMatch(p -> p.kind() == ProofChain.Kind.DOCUMENT_TIMESTAMP), external,
                chainOfProofs.last(), context.retainUntil());
        if (verdict == Verdict.VALID) reasons.add(0, "Подпись подтверждена");
        else if (verdict == Verdict.INVALID) reasons.add(0, "Подпись не подтверждена");
        else reasons.add(0, "Подлинность подписи не удалось установить");
        return new SignatureReport(verdict, integrity, chain.chain(), signingTime, timestamp, reasons,
                CertificateSummary.of(certificate), SignerDetails.of(certificate), level.level(), level.retentionNote());
    }

    /** Appends the context's external proofs that check out; stops at the first that does not (the chain breaks there). */
    private boolean externalProofs(List<ProofChain.Proof> proofs, RevocationData revocationData, List<String> reasons) {
        boolean any = false;
        for (ProofOfExistence proof : context.externalProofs()) {
            var own = new ArrayList<String>();
            var checked = timestamps.check(proof.token(), null, revocationData, own);
            if (checked == null) {
                reasons.add("Доказательство «" + proof.description() + "» не принято: " + String.join("; ", own));
                return any;
            }
            proofs.add(new ProofChain.Proof(ProofChain.Kind.ARCHIVE_TIMESTAMP, checked, proof.description()));
            any = true;
        }
        return any;
    }

    private static boolean integrity(SignerInformation signer, X509Certificate certificate, List<String> reasons) {
        try {
            if (signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(GostProvider.get()).build(certificate)))
                return true;
            reasons.add("Значение подписи не соответствует документу и сертификату");
        } catch (CMSSignerDigestMismatchException e) {
            reasons.add("Документ изменён после подписания: хеш документа не совпадает с подписанным");
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            reasons.add("Значение подписи неверно: " + e.getMessage());
        }
        return false;
    }

    private static boolean signingCertificateMatches(SignerInformation signer, X509Certificate certificate, List<String> reasons) {
        var attributes = signer.getSignedAttributes();
        var attribute = attributes == null ? null : attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null) return true; // optional for plain CMS (e.g. OpenSSL without -cades)
        try {
            var ids = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts();
            var id = ids[0];
            String digest = GostAlgorithm.digestName(id.getHashAlgorithm().getAlgorithm());
            byte[] hash = MessageDigest.getInstance(digest, GostProvider.get()).digest(certificate.getEncoded());
            if (Arrays.equals(hash, id.getCertHash())) return true;
            reasons.add("Сертификат подписанта не совпадает с указанным в подписи (signing-certificate-v2)");
        } catch (GeneralSecurityException | RuntimeException e) {
            reasons.add("Атрибут signing-certificate-v2 не читается: " + e.getMessage());
        }
        return false;
    }

    private static Instant signingTime(SignerInformation signer) {
        var attributes = signer.getSignedAttributes();
        var attribute = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        if (attribute == null) return null;
        var value = attribute.getAttrValues().getObjectAt(0);
        try {
            return value instanceof ASN1UTCTime utc ? utc.getAdjustedDate().toInstant() : Time.getInstance(value).getDate().toInstant();
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    /** The valid signature time-stamp over this signature value; null without one. */
    private TimeStampCheck.Checked timestamp(SignerInformation signer, RevocationData revocationData, List<String> reasons) {
        var attributes = signer.getUnsignedAttributes();
        var attribute = attributes == null ? null : attributes.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) return null;
        try {
            return timestamps.check(attribute.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded(),
                    signer.getSignature(), revocationData, reasons);
        } catch (java.io.IOException e) {
            reasons.add("Штамп времени недействителен: " + e.getMessage());
            return null;
        }
    }

    private static X509CertificateHolder holder(X509Certificate c) {
        try {
            return new X509CertificateHolder(c.getEncoded());
        } catch (java.io.IOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
