package ru.journalarchive.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 requests from a chosen loopback address (127.x.y.z), so that a test can come from "another
 * machine" without a proxy: java.net.http on Java 17 cannot choose its local address.
 */
final class LoopbackClient {

    record Response(int status, Map<String, String> headers, String body) {}

    private LoopbackClient() {}

    static Response get(String from, int port, String path, String authorization) throws IOException {
        try (var socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, end).split("\r\n");
            var headers = new TreeMap<String, String>();
            for (int i = 1; i < lines.length; i++)
                headers.put(lines[i].substring(0, lines[i].indexOf(':')).toLowerCase(Locale.ROOT), lines[i].substring(lines[i].indexOf(':') + 1).trim());
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
        }
    }
}
