package ru.journalarchive.signing.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pades.PadesBaselineB;
import ru.journalarchive.signing.pades.PadesBaselineLT;
import ru.journalarchive.signing.pades.PadesBaselineLTA;
import ru.journalarchive.signing.pades.PadesTestDocuments;
import ru.journalarchive.signing.pades.StampPlacement;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.Signers;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;
import ru.journalarchive.signing.timestamp.TimeStampClient;

/**
 * Validation in the past (EN 319 102-1): a PDF judged decades on, offline, from what it carries, with
 * the chain signature time-stamp → document time-stamp → evidence record's archive time-stamps.
 */
class PastValidationTest {

    static final Instant IN_2051 = Instant.parse("2051-09-01T00:00:00Z");
    static final Instant IN_2035 = Instant.parse("2035-09-01T00:00:00Z");
    static final Instant LEDGER_KEPT_UNTIL = Instant.parse("2052-01-01T00:00:00Z");
    static final StampPlacement STAMP = new StampPlacement(227, 50, 340, 110);

    final Instant now = Instant.now();
    final TestPki pki = new TestPki(GostAlgorithm.GOST_2012_256, now); // its TSA expires in ten years, the CAs in twenty
    final TestPki.Issued director = pki.issueSigner(Signers.director(), now.minusSeconds(3600), now.plusSeconds(86_400 * 365));
    final TestPki.Issued archiveTsa = pki.issueTimeStampAuthority("Архивная служба штампов времени",
            now.minusSeconds(86_400), Instant.parse("2060-01-01T00:00:00Z"));
    final TrustAnchors trust = TrustAnchors.of(pki.root().certificate()); // no CRLs: only what the PDF carries counts

    static TimeStampAuthority authority(TestPki pki, TestPki.Issued tsa, Clock clock) {
        return new TimeStampAuthority(tsa.credentials(pki.intermediate().certificate(), pki.root().certificate()), clock);
    }

    TimeStampClient client(TestPki.Issued tsa) {
        return TimeStampClient.local(authority(pki, tsa, Clock.systemUTC()));
    }

    byte[] signedT(TestPki.Issued tsa) throws Exception {
        return new PadesBaselineB(client(tsa)).sign(PadesTestDocuments.pdf(1), pki.credentials(director), now, STAMP, List.of(),
                "Утверждаю");
    }

    static Instant stampOf(byte[] pdf, TrustAnchors trust) {
        return new PdfSignatureVerifier(trust).verify(pdf).signatures().get(0).timestamp();
    }

    List<X509Certificate> chain(TestPki.Issued... tsas) {
        var chain = new ArrayList<>(List.of(director.certificate(), pki.intermediate().certificate(), pki.root().certificate()));
        for (var tsa : tsas) chain.add(tsa.certificate());
        return chain;
    }

    /** LT then LTA: the CRLs (issued after the signature time-stamp) in the DSS, then a document time-stamp from {@code archive}. */
    byte[] lta(byte[] t, List<X509CRL> crls, TestPki.Issued signatureTsa, TestPki.Issued archive) {
        return lta(t, crls, signatureTsa, archive, Clock.systemUTC());
    }

    byte[] lta(byte[] t, List<X509CRL> crls, TestPki.Issued signatureTsa, TestPki.Issued archive, Clock archiveClock) {
        byte[] lt = new PadesBaselineLT().extend(t, chain(signatureTsa, archive), crls, List.of(), stampOf(t, trust));
        return new PadesBaselineLTA(TimeStampClient.local(authority(pki, archive, archiveClock)), GostAlgorithm.GOST_2012_256).extend(lt);
    }

    List<X509CRL> freshCrls(Instant stamped, Map<X509Certificate, Instant> revoked) {
        Instant issued = stamped.plusSeconds(5);
        return List.of(pki.crl(issued, issued.plusSeconds(86_400L * 365), revoked), pki.rootCrl(issued, issued.plusSeconds(86_400L * 365)));
    }

    static PdfSignatureVerifier offlineAt(TrustAnchors trust, Instant at) {
        return new PdfSignatureVerifier(trust, ValidationContext.at(at).withoutFetching().retainUntil(LEDGER_KEPT_UNTIL));
    }

    @Test
    void anLtaPdfIsValidIn2051OfflineFromItsOwnDataWhileTheSameSignatureAtLevelTIsIndeterminate() throws Exception {
        byte[] t = signedT(pki.tsa());
        Instant stamped = stampOf(t, trust);
        byte[] lta = lta(t, freshCrls(stamped, Map.of()), pki.tsa(), archiveTsa);

        var report = offlineAt(trust, IN_2051).verify(lta);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        var signature = report.signatures().get(0);
        assertThat(signature.level()).isEqualTo(SignatureLevel.LTA);
        assertThat(signature.retentionNote()).as("the archive TSA outlives the retention").isNull();
        assertThat(signature.reasons()).anyMatch(r -> r.startsWith("Существование подписи доказано до момента проверки 01.09.2051")
                && r.contains("штамп времени подписи") && r.contains("→ штамп времени документа"));
        assertThat(director.certificate().getNotAfter().toInstant()).isBefore(IN_2051);
        assertThat(pki.tsa().certificate().getNotAfter().toInstant()).isBefore(IN_2051);

        var onlyT = offlineAt(trust, IN_2051).verify(t);
        assertThat(onlyT.verdict()).isEqualTo(Verdict.INDETERMINATE);
        var s = onlyT.signatures().get(0);
        assertThat(s.level()).isEqualTo(SignatureLevel.T);
        String expiry = CertificateValidation.DATE.format(pki.tsa().certificate().getNotAfter().toInstant());
        assertThat(s.reasons()).anyMatch(r -> r.contains("Срок действия сертификата службы штампов времени")
                && r.contains("истёк " + expiry) && r.contains("не защищена более поздним штампом времени (уровень LTA)"));
        assertThat(s.retentionNote()).startsWith("Уровень T недостаточен для хранения до 01.01.2052")
                .contains("действует до " + expiry);
    }

    @Test
    void aSignerRevokedBeforeSigningIsInvalidIn2051AndOneRevokedAfterStaysValid() throws Exception {
        byte[] t = signedT(pki.tsa());
        Instant stamped = stampOf(t, trust);
        byte[] before = lta(t, freshCrls(stamped, Map.of(director.certificate(), stamped.minusSeconds(600))), pki.tsa(), archiveTsa);
        var invalid = offlineAt(trust, IN_2051).verify(before);
        assertThat(invalid.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(invalid.signatures().get(0).reasons()).anyMatch(r -> r.contains("отозван") && r.contains("до момента подписания"));

        byte[] after = lta(t, freshCrls(stamped, Map.of(director.certificate(), stamped.plusSeconds(1))), pki.tsa(), archiveTsa);
        var valid = offlineAt(trust, IN_2051).verify(after);
        assertThat(valid.verdict()).as(valid.toString()).isEqualTo(Verdict.VALID);
        assertThat(valid.signatures().get(0).reasons()).anyMatch(r -> r.contains("после момента подписания"));
    }

    @Test
    void aSignatureTsaRevokedBeforeTheDocumentTimeStampBreaksTheChain() throws Exception {
        byte[] t = signedT(pki.tsa());
        Instant stamped = stampOf(t, trust);
        // The document time-stamp comes an hour later, after the signature TSA's revocation a second after its stamp.
        byte[] lta = lta(t, freshCrls(stamped, Map.of(pki.tsa().certificate(), stamped.plusSeconds(1))), pki.tsa(), archiveTsa,
                Clock.fixed(stamped.plusSeconds(3600), ZoneOffset.UTC));
        var report = offlineAt(trust, IN_2051).verify(lta);
        assertThat(report.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("Сертификат службы штампов времени («штамп времени подписи») отозван")
                && r.contains("цепочка доказательств прервана"));
    }

    @Test
    void aCrlIssuedBeforeTheSignatureTimeStampProvesNothingInThePast() throws Exception {
        byte[] t = signedT(pki.tsa());
        Instant stamped = stampOf(t, trust);
        // Bypassing LT's own refusal: the stale CRLs come in the trust store instead of the DSS.
        var stale = new TrustAnchors(List.of(pki.root().certificate()), List.of(), pki.emptyCrls(stamped.minusSeconds(10)));
        var report = new PdfSignatureVerifier(stale, ValidationContext.at(now.plusSeconds(3600)).withoutFetching()).verify(t);
        assertThat(report.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("выпущен до момента подписания"));
        // Judged now as before, the same stale CRL still counts (the verifier's behaviour without a validation time).
        assertThat(new PdfSignatureVerifier(stale).verify(t).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aStampFromAnExpiredTsaNeedsARenewedEvidenceRecordFromAnotherTsa() throws Exception {
        var tsaA = pki.issueTimeStampAuthority("Служба штампов времени А", now.minusSeconds(86_400), Instant.parse("2030-02-01T00:00:00Z"));
        byte[] t = signedT(tsaA);
        byte[] lta = lta(t, freshCrls(stampOf(t, trust), Map.of()), tsaA, tsaA);

        var alone = offlineAt(trust, IN_2035).verify(lta);
        assertThat(alone.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(alone.signatures().get(0).reasons()).anyMatch(r -> r.contains("истёк 01.02.2030"));
        assertThat(alone.signatures().get(0).level()).isEqualTo(SignatureLevel.LTA);
        assertThat(alone.signatures().get(0).retentionNote()).contains("только при продлении").contains("01.02.2030");

        // The package's manifest names the PDF by its Streebog hash; routes checks that entry, we take the record over the manifest.
        String hash = HexFormat.of().formatHex(GostAlgorithm.GOST_2012_256.digest(lta));
        byte[] manifest = ("{\"files\":[{\"name\":\"ledger.pdf\",\"streebog256\":\"" + hash + "\"}]}").getBytes(StandardCharsets.UTF_8);
        byte[] record = EvidenceRecords.over(manifest, authority(pki, tsaA, Clock.systemUTC()));
        var tsaB = authority(pki, archiveTsa, Clock.fixed(Instant.parse("2029-06-01T00:00:00Z"), ZoneOffset.UTC));
        byte[] renewed = EvidenceRecords.renewed(record, tsaB);

        var once = EvidenceRecordCheck.check(record, manifest);
        assertThat(once.covers()).isTrue();
        assertThat(new PdfSignatureVerifier(trust, ValidationContext.at(IN_2035).withoutFetching().withProofs(once.proofs()))
                .verify(lta).verdict()).as("A's archive stamp alone lapses with A").isEqualTo(Verdict.INDETERMINATE);

        var check = EvidenceRecordCheck.check(renewed, manifest);
        assertThat(check.covers()).as(check.reasons().toString()).isTrue();
        assertThat(check.proofs()).hasSize(2);
        assertThat(check.proofs().get(1).time()).isEqualTo(Instant.parse("2029-06-01T00:00:00Z"));
        var report = new PdfSignatureVerifier(trust, ValidationContext.at(IN_2035).withoutFetching().withProofs(check.proofs())
                .retainUntil(LEDGER_KEPT_UNTIL)).verify(lta);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures().get(0).level()).isEqualTo(SignatureLevel.LTA_ER);
        assertThat(report.signatures().get(0).retentionNote()).isNull();

        // A renewal made after A's certificate expired comes too late: the chain breaks at A.
        var late = authority(pki, archiveTsa, Clock.fixed(Instant.parse("2031-06-01T00:00:00Z"), ZoneOffset.UTC));
        var tooLate = EvidenceRecordCheck.check(EvidenceRecords.renewed(record, late), manifest);
        var broken = new PdfSignatureVerifier(trust, ValidationContext.at(IN_2035).withoutFetching().withProofs(tooLate.proofs()))
                .verify(lta);
        assertThat(broken.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(broken.signatures().get(0).reasons()).anyMatch(r -> r.contains("истёк 01.02.2030") && r.contains("цепочка доказательств прервана"));
    }

    @Test
    void aDetachedSignatureFromAnExpiredTsaIsKeptValidByARenewedEvidenceRecord() throws Exception {
        var tsaA = pki.issueTimeStampAuthority("Служба штампов времени А", now.minusSeconds(86_400), Instant.parse("2030-02-01T00:00:00Z"));
        byte[] file = PadesTestDocuments.pdf(1);
        // CRLs issued after the coming time-stamp ride in the CMS: the service adds them after stamping; here they are made ahead.
        byte[] b = new ru.journalarchive.signing.cades.CadesBaselineB().sign(file, pki.credentials(director), now,
                freshCrls(now.plusSeconds(120), Map.of()));
        byte[] sig = new ru.journalarchive.signing.cades.CadesBaselineT(client(tsaA)).extend(b);

        var alone = new CmsSignatureVerifier(trust, ValidationContext.at(IN_2035).withoutFetching().retainUntil(LEDGER_KEPT_UNTIL))
                .verifyDetached(file, sig);
        assertThat(alone.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(alone.signatures().get(0).level()).isEqualTo(SignatureLevel.LT);
        assertThat(alone.signatures().get(0).retentionNote()).startsWith("Уровень LT недостаточен для хранения до 01.01.2052");

        byte[] manifest = ("{\"sig\":\"" + HexFormat.of().formatHex(GostAlgorithm.GOST_2012_256.digest(file)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] record = EvidenceRecords.renewed(EvidenceRecords.over(manifest, authority(pki, tsaA, Clock.systemUTC())),
                authority(pki, archiveTsa, Clock.fixed(Instant.parse("2029-06-01T00:00:00Z"), ZoneOffset.UTC)));
        var proofs = EvidenceRecordCheck.check(record, manifest).proofs();
        var kept = new CmsSignatureVerifier(trust, ValidationContext.at(IN_2035).withoutFetching().withProofs(proofs))
                .verifyDetached(file, sig);
        assertThat(kept.verdict()).as(kept.toString()).isEqualTo(Verdict.VALID);
        assertThat(kept.signatures().get(0).level()).isEqualTo(SignatureLevel.LTA_ER);
    }

    @Test
    void aSignatureWithoutAnyTimeStampIsIndeterminateOnceItsCertificateExpired() throws Exception {
        byte[] file = PadesTestDocuments.pdf(1);
        byte[] b = new ru.journalarchive.signing.cades.CadesBaselineB().sign(file, pki.credentials(director), now, pki.emptyCrls(now));
        var report = new CmsSignatureVerifier(trust, ValidationContext.at(IN_2035).withoutFetching().retainUntil(LEDGER_KEPT_UNTIL))
                .verifyDetached(file, b);
        assertThat(report.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures().get(0).level()).isEqualTo(SignatureLevel.B);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("ничем не подтверждено"));
        assertThat(report.signatures().get(0).retentionNote()).startsWith("Уровень B недостаточен");
        // Judged now, the same signature is valid as before: the level alone does not decide the verdict.
        assertThat(new CmsSignatureVerifier(trust).verifyDetached(file, b).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void anEvidenceRecordMatchesItsDataAndNotAChangedByte() throws Exception {
        byte[] manifest = "{\"package\":\"9А-2026\",\"files\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] record = EvidenceRecords.renewed(EvidenceRecords.over(manifest, authority(pki, pki.tsa(), Clock.systemUTC())),
                authority(pki, archiveTsa, Clock.systemUTC()));
        var ok = EvidenceRecordCheck.check(record, manifest);
        assertThat(ok.covers()).isTrue();
        assertThat(ok.proofs()).hasSize(2).allSatisfy(p -> assertThat(p.description()).contains("архивный штамп времени"));

        byte[] changed = manifest.clone();
        changed[3] ^= 1;
        var refused = EvidenceRecordCheck.check(record, changed);
        assertThat(refused.covers()).isFalse();
        assertThat(refused.proofs()).isEmpty();
        assertThat(refused.reasons()).singleElement().asString().contains("не относится к этим данным");

        byte[] damaged = record.clone();
        damaged[damaged.length / 2] ^= 0x55;
        assertThat(EvidenceRecordCheck.check(damaged, manifest).covers()).isFalse();
    }
}
