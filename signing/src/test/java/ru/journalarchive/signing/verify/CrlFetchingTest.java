package ru.journalarchive.signing.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.journalarchive.signing.cades.CadesBaselineB;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.Signers;

/** CRLs fetched from the distribution point the signer's certificate names, when none came with the signature. */
class CrlFetchingTest {

    static final byte[] DOCUMENT = "Сводная ведомость".getBytes(StandardCharsets.UTF_8);

    final Instant now = Instant.now();
    final TestPki pki = new TestPki(GostAlgorithm.GOST_2012_256, now);
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void aRevocationPublishedAtTheDistributionPointIsFound() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        var url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ca.crl");
        var director = pki.crlDistributionPoint(url).issueSigner(Signers.director(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        byte[] crl = pki.crl(now.minusSeconds(60), now.plus(Duration.ofDays(1)), Map.of(director.certificate(), now.minus(Duration.ofHours(2))))
                .getEncoded();
        server.createContext("/ca.crl", exchange -> {
            exchange.sendResponseHeaders(200, crl.length);
            exchange.getResponseBody().write(crl);
            exchange.close();
        });
        byte[] signature = new CadesBaselineB().sign(DOCUMENT, pki.credentials(director), now, List.of());
        var rootCrl = pki.emptyCrls(now).get(1);
        var offline = new TrustAnchors(List.of(pki.root().certificate()), List.of(), List.of(rootCrl));

        assertThat(new CmsSignatureVerifier(offline).verifyDetached(DOCUMENT, signature).verdict()).isEqualTo(Verdict.INDETERMINATE);
        var online = new CmsSignatureVerifier(offline.fetchingCrls(Duration.ofSeconds(5))).verifyDetached(DOCUMENT, signature);
        assertThat(online.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(online.signatures().get(0).reasons()).anyMatch(r -> r.contains("отозван"));
    }

    @Test
    void anUnreachableDistributionPointIsNamedInTheReasons() {
        var url = URI.create("http://127.0.0.1:9/nothing.crl");
        var director = pki.crlDistributionPoint(url).issueSigner(Signers.director(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        byte[] signature = new CadesBaselineB().sign(DOCUMENT, pki.credentials(director), now, List.of());
        var trust = new TrustAnchors(List.of(pki.root().certificate()), List.of(), List.of(pki.emptyCrls(now).get(1)))
                .fetchingCrls(Duration.ofSeconds(2));
        var report = new CmsSignatureVerifier(trust).verifyDetached(DOCUMENT, signature);
        assertThat(report.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("Не удалось получить список отозванных сертификатов по адресу " + url));
    }
}
