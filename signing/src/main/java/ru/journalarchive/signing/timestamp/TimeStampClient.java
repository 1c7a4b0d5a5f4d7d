package ru.journalarchive.signing.timestamp;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import ru.journalarchive.signing.keys.GostAlgorithm;

/** Asks an RFC 3161 TSA over HTTP for a token over some bytes (a signature value), hashed with Streebog. */
public final class TimeStampClient {

    /** Where to ask: an in-process authority (tests, the demo) or a TSA URL. */
    public interface Transport {
        byte[] exchange(byte[] request) throws IOException;
    }

    private final Transport transport;
    private final SecureRandom random = new SecureRandom();

    public TimeStampClient(Transport transport) {
        this.transport = transport;
    }

    public static TimeStampClient http(URI url, Duration timeout) {
        var http = HttpClient.newBuilder().connectTimeout(timeout).build();
        return new TimeStampClient(request -> {
            try {
                var response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                        .header("Content-Type", "application/timestamp-query")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) throw new IOException("TSA " + url + " answered HTTP " + response.statusCode());
                return response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while asking the TSA", e);
            }
        });
    }

    public static TimeStampClient local(TimeStampAuthority authority) {
        return new TimeStampClient(authority::respond);
    }

    public TimeStampToken stamp(byte[] data, GostAlgorithm algorithm) {
        return stampDigest(algorithm.digest(data), algorithm);
    }

    /** A token over data hashed already with the algorithm's Streebog. */
    public TimeStampToken stampDigest(byte[] digest, GostAlgorithm algorithm) {
        var generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        BigInteger nonce = new BigInteger(64, random);
        return exchange(generator.generate(algorithm.digestOid(), digest, nonce)).getTimeStampToken();
    }

    /** A request made elsewhere (e.g. over an evidence record's hash tree): the TSA's granted answer, checked against it. */
    public TimeStampResponse exchange(TimeStampRequest request) {
        try {
            var response = new TimeStampResponse(transport.exchange(request.getEncoded()));
            response.validate(request);
            if (response.getTimeStampToken() == null)
                throw new TimeStampUnavailable("the TSA refused: " + response.getStatusString(), null);
            return response;
        } catch (IOException | TSPException e) {
            throw new TimeStampUnavailable("cannot get a time-stamp: " + e.getMessage(), e);
        }
    }
}
