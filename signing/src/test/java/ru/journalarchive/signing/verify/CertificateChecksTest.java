package ru.journalarchive.signing.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.journalarchive.signing.cades.CadesBaselineB;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.Signers;

/** What the inspector is told when the certificate, not the document, is the problem. */
class CertificateChecksTest {

    static final byte[] DOCUMENT = "Классный журнал 5А, математика".getBytes(StandardCharsets.UTF_8);
    static final Duration DAY = Duration.ofDays(1);

    final Instant now = Instant.now();
    final TestPki pki = new TestPki(GostAlgorithm.GOST_2012_256, now);
    final TestPki stranger = new TestPki(GostAlgorithm.GOST_2012_256, now);
    final TestPki.Issued director = pki.issueSigner(Signers.director(), now.minus(DAY), now.plus(DAY.multipliedBy(365)));

    @Test
    void aCertificateFromAnUnknownRootIsIndeterminateNotInvalid() {
        byte[] signature = new CadesBaselineB().sign(DOCUMENT, pki.credentials(director), now, pki.emptyCrls(now));
        var report = new CmsSignatureVerifier(TrustAnchors.of(stranger.root().certificate())).verifyDetached(DOCUMENT, signature);
        assertThat(report.verdict()).isEqualTo(Verdict.INDETERMINATE);
        var s = report.signatures().get(0);
        assertThat(s.integrity()).isTrue();
        assertThat(s.chain()).isEqualTo(ChainStatus.UNTRUSTED);
        assertThat(s.reasons()).anyMatch(r -> r.contains("неизвестным удостоверяющим центром"));
    }

    @Test
    void withoutTrustAnchorsTheChainIsNotChecked() {
        byte[] signature = new CadesBaselineB().sign(DOCUMENT, pki.credentials(director), now, pki.emptyCrls(now));
        var report = new CmsSignatureVerifier(new TrustAnchors(List.of(), List.of(), List.of())).verifyDetached(DOCUMENT, signature);
        assertThat(report.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures().get(0).chain()).isEqualTo(ChainStatus.NOT_CHECKED);
    }

    @Test
    void aCertificateRevokedBeforeSigningIsInvalid() {
        var crls = new ArrayList<>(pki.emptyCrls(now));
        crls.set(0, pki.crl(now.minusSeconds(60), now.plus(DAY), Map.of(director.certificate(), now.minus(Duration.ofHours(1)))));
        byte[] signature = new CadesBaselineB().sign(DOCUMENT, pki.credentials(director), now, List.of());
        var report = new CmsSignatureVerifier(new TrustAnchors(List.of(pki.root().certificate()), List.of(), crls))
                .verifyDetached(DOCUMENT, signature);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("отозван") && r.contains("до момента подписания"));
    }

    @Test
    void aRevocationAfterAnUnprovenSigningTimeLeavesTheSignatureIndeterminate() {
        var crls = new ArrayList<>(pki.emptyCrls(now));
        crls.set(0, pki.crl(now, now.plus(DAY), Map.of(director.certificate(), now.plus(Duration.ofMinutes(5)))));
        byte[] signature = new CadesBaselineB().sign(DOCUMENT, pki.credentials(director), now, List.of());
        var report = new CmsSignatureVerifier(new TrustAnchors(List.of(pki.root().certificate()), List.of(), crls))
                .verifyDetached(DOCUMENT, signature);
        assertThat(report.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("штампом времени не подтверждено"));
    }

    @Test
    void aCertificateExpiredAtTheSigningTimeIsInvalid() {
        var expired = pki.issueSigner(Signers.director(), now.minus(DAY.multipliedBy(30)), now.minus(DAY));
        byte[] signature = new CadesBaselineB().sign(DOCUMENT, pki.credentials(expired), now, pki.emptyCrls(now));
        var report = new CmsSignatureVerifier(TrustAnchors.of(pki.root().certificate())).verifyDetached(DOCUMENT, signature);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).chain()).isEqualTo(ChainStatus.TRUSTED);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("не действовал на момент подписания"));
    }

    @Test
    void withoutAnyRevocationDataTheSignatureIsIndeterminate() {
        byte[] signature = new CadesBaselineB().sign(DOCUMENT, pki.credentials(director), now, List.of());
        var report = new CmsSignatureVerifier(TrustAnchors.of(pki.root().certificate())).verifyDetached(DOCUMENT, signature);
        assertThat(report.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("Нет сведений об отзыве"));
    }

    @Test
    void aSignatureThatIsNotCmsIsInvalidWithAReason() {
        var report = new CmsSignatureVerifier(TrustAnchors.of(pki.root().certificate()))
                .verifyDetached(DOCUMENT, "не подпись".getBytes(StandardCharsets.UTF_8));
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).anyMatch(r -> r.startsWith("Файл подписи не является подписью CMS"));
    }
}
