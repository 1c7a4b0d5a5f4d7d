package ru.journalarchive.app;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.CertificateSubject;
import ru.journalarchive.signing.pki.Pem;
import ru.journalarchive.signing.pki.Pkcs12Files;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;
import ru.journalarchive.signing.testing.Signers;

/**
 * The demo school's keys from a test PKI, in files as an operator would configure them: its seal and
 * the director's key (PKCS#12), the root and the CRLs the service's verification trusts.
 */
final class TestKeys {

    static final TestPki PKI = new TestPki(GostAlgorithm.GOST_2012_256, Instant.now());
    static final String PASSWORD = "test-key-password";
    static final Path DIR;
    /** A time-stamp authority of the test PKI, served over HTTP from this JVM as a TSP service would be. */
    static final int TSA_PORT;
    /** While set, the TSA answers 503, as a TSP service that is down. */
    static final java.util.concurrent.atomic.AtomicBoolean TSA_DOWN = new java.util.concurrent.atomic.AtomicBoolean();

    /** The CAs' CRL server: a CRL issued on each request, as the long-term levels need one newer than the time-stamp. */
    static final ru.journalarchive.signing.pki.CrlServer CRLS = new ru.journalarchive.signing.pki.CrlServer(
            () -> PKI.crlsIssuedAt(Instant.now()));

    static {
        try {
            DIR = Files.createTempDirectory("school-keys");
            var now = Instant.now();
            var seal = PKI.issueSigner(CertificateSubject.service("МБОУ «СОШ № 18»", "МБОУ «СОШ № 18»"), now.minusSeconds(3600),
                    now.plusSeconds(86_400 * 365));
            var director = PKI.issueSigner(Signers.director(), now.minusSeconds(3600), now.plusSeconds(86_400 * 365));
            Pkcs12Files.write(DIR.resolve("seal.p12"), "seal", PKI.credentials(seal), PASSWORD.toCharArray());
            Pkcs12Files.write(DIR.resolve("director.p12"), "director", PKI.credentials(director), PASSWORD.toCharArray());
            Files.writeString(DIR.resolve("root.pem"), Pem.certificates(List.of(PKI.root().certificate())));
            int n = 0;
            for (var crl : PKI.emptyCrls(now)) Files.write(DIR.resolve("ca-" + n++ + ".crl"), crl.getEncoded());
            var authority = new TimeStampAuthority(PKI.tsa().credentials(PKI.intermediate().certificate(), PKI.root().certificate()),
                    Clock.systemUTC());
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                if (TSA_DOWN.get()) {
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                    return;
                }
                byte[] reply = authority.respond(exchange.getRequestBody().readAllBytes());
                exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                var t = new Thread(r, "test-tsa");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            TSA_PORT = server.getAddress().getPort();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestKeys() {}

    /** The service's configuration for these keys (school "demo"), quick polling included. */
    static Map<String, String> properties() {
        var p = new LinkedHashMap<String, String>();
        p.put("journal-archive.signing.schools.demo.seal.keystore", DIR.resolve("seal.p12").toString());
        p.put("journal-archive.signing.schools.demo.seal.password", PASSWORD);
        p.put("journal-archive.signing.schools.demo.director.keystore", DIR.resolve("director.p12").toString());
        p.put("journal-archive.signing.schools.demo.director.password", PASSWORD);
        p.put("journal-archive.signing.schools.small.director.keystore", DIR.resolve("director.p12").toString());
        p.put("journal-archive.signing.schools.small.director.password", PASSWORD);
        p.put("journal-archive.signing.schools.district.seal.keystore", DIR.resolve("seal.p12").toString());
        p.put("journal-archive.signing.schools.district.seal.password", PASSWORD);
        p.put("journal-archive.runs.poll", "200ms");
        // A document failing every attempt reaches the dead letters in ~15 s, not the ~2.5 min of 10 s doubling.
        p.put("journal-archive.runs.first-backoff", "1s");
        p.put("journal-archive.signing.tsa-url", "http://127.0.0.1:" + TSA_PORT + "/");
        p.put("journal-archive.signing.long-term.crl-urls", CRLS.urls().get(0) + "," + CRLS.urls().get(1));
        p.put("journal-archive.verification.trusted-roots", DIR.resolve("root.pem").toString());
        p.put("journal-archive.verification.crls", DIR.resolve("ca-0.crl") + "," + DIR.resolve("ca-1.crl"));
        p.put("journal-archive.verification.fetch-crls", "false");
        return p;
    }
}
