package ru.journalarchive.signing.pki;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A CA's CRL server on 127.0.0.1 for a test PKI (tests, benchmarks): each request is answered with a
 * CRL issued then, as the long-term levels need one newer than a signature's time-stamp.
 * {@code /intermediate.crl} and {@code /root.crl} serve the first and second CRL of the supplier
 * (the order of {@link TestPki#crlsIssuedAt}).
 */
public final class CrlServer implements AutoCloseable {

    private static final List<String> NAMES = List.of("intermediate.crl", "root.crl");

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    public CrlServer(Supplier<List<X509CRL>> crls) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the CRL server", e);
        }
        for (int i = 0; i < NAMES.size(); i++) {
            int which = i;
            server.createContext("/" + NAMES.get(i), exchange -> {
                byte[] crl;
                try {
                    crl = crls.get().get(which).getEncoded();
                } catch (CRLException e) {
                    throw new IOException(e);
                }
                requests.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
                exchange.sendResponseHeaders(200, crl.length);
                exchange.getResponseBody().write(crl);
                exchange.close();
            });
        }
        server.start();
    }

    /**
     * A server whose CRLs are issued once a second, when first asked for in that second, and served to
     * every request of it: as a CA publishes rather than signs a CRL per request. CRL times are whole
     * seconds, so no request could get a newer one.
     */
    public static CrlServer issuingEachSecond(Function<Instant, List<X509CRL>> issue) {
        var latest = new AtomicReference<Map.Entry<Instant, List<X509CRL>>>(Map.entry(Instant.MIN, List.of()));
        return new CrlServer(() -> {
            Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            return latest.updateAndGet(held -> held.getKey().equals(second) ? held : Map.entry(second, issue.apply(second))).getValue();
        });
    }

    /** The intermediate CA's CRL and the root's, as URLs. */
    public List<URI> urls() {
        return NAMES.stream().map(n -> URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + n)).toList();
    }

    /** How many CRLs it handed out. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
