package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.journalarchive.signing.testing.OpenSsl;

/** The service's test TSA answers OpenSSL over HTTP, and OpenSSL verifies the answer against the published chain. */
class TestTsaTest extends ServiceTestBase {

    @TempDir
    Path dir;

    @Test
    void openSslAsksOverHttpAndVerifiesTheReply() throws Exception {
        var chain = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tsa/certificates")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chain.statusCode()).isEqualTo(200);
        String[] pems = chain.body().split("(?<=-----END CERTIFICATE-----\n)");
        assertThat(pems).hasSize(3);
        Files.writeString(dir.resolve("root.pem"), pems[2]);
        Files.writeString(dir.resolve("untrusted.pem"), pems[0] + pems[1]);

        var openssl = new OpenSsl(dir);
        openssl.write("journal.pdf", "Классный журнал".getBytes(StandardCharsets.UTF_8));
        openssl.ok("ts", "-query", "-data", "journal.pdf", "-md_gost12_256", "-cert", "-out", "request.tsq");
        var reply = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tsa"))
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofFile(dir.resolve("request.tsq"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/timestamp-reply");
        openssl.write("reply.tsr", reply.body());
        var verified = openssl.run("ts", "-verify", "-in", "reply.tsr", "-queryfile", "request.tsq", "-CAfile", "root.pem",
                "-untrusted", "untrusted.pem");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(openssl.ok("x509", "-in", "root.pem", "-noout", "-subject", "-nameopt", "utf8")).contains("тестовый УЦ");
    }

    @Test
    void aMalformedRequestGetsARejectionNotAnError() throws Exception {
        var reply = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tsa"))
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofString("не запрос")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(new TimeStampResponse(reply.body()).getStatus()).isEqualTo(2); // PKIStatus.rejection
    }
}
