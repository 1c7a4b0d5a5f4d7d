package ru.journalarchive.signing.pki;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An OCSP responder's HTTP end on 127.0.0.1 for a test PKI (tests, benchmarks): a POSTed
 * {@code application/ocsp-request} is answered with what {@code answer} makes of it, usually
 * {@code request -> responder.respond(request, Instant.now())} ({@link OcspResponder}).
 */
public final class OcspServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    public OcspServer(UnaryOperator<byte[]> answer) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OCSP server", e);
        }
        server.createContext("/", exchange -> {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                exchange.close();
                return;
            }
            byte[] response = answer.apply(exchange.getRequestBody().readAllBytes());
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        server.start();
    }

    /** What certificates name as their OCSP responder ({@link TestPki#ocspResponder}). */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** How many requests it answered. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
