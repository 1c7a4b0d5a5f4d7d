package ru.journalarchive.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The S3 server behind a TCP proxy that a test takes down and up again: down, every open connection is
 * cut and the port is closed, so connections are refused, as when the gateway dies; up, it listens on
 * the same port again. Unlike stopping radosgw (scripts/services.sh s3-stop), the outage is seen by the
 * service under test only, not by other tests sharing the S3 server.
 */
final class S3OutageProxy implements AutoCloseable {

    private final String upstreamHost;
    private final int upstreamPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;

    S3OutageProxy(String upstreamEndpoint) throws IOException {
        var upstream = URI.create(upstreamEndpoint);
        upstreamHost = upstream.getHost();
        upstreamPort = upstream.getPort() > 0 ? upstream.getPort() : 80;
        listener = listen(0);
        port = listener.getLocalPort();
    }

    /** The endpoint to give the service instead of the S3 server's. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void down() throws IOException {
        listener.close();
        for (var socket : open) quietly(socket);
        open.clear();
    }

    synchronized void up() throws IOException {
        if (listener.isClosed()) listener = listen(port);
    }

    private ServerSocket listen(int onPort) throws IOException {
        var server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        daemon(() -> accept(server));
        return server;
    }

    private void accept(ServerSocket server) {
        while (true) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return; // down
            }
            try {
                var target = new Socket(upstreamHost, upstreamPort);
                synchronized (this) {
                    if (server.isClosed()) { // went down meanwhile: this connection is cut with the others
                        quietly(client);
                        quietly(target);
                        return;
                    }
                    open.add(client);
                    open.add(target);
                }
                daemon(() -> pump(client, target));
                daemon(() -> pump(target, client));
            } catch (IOException e) {
                quietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException cut) {
            // one side closed or the proxy went down: the other side is closed too
        } finally {
            quietly(from);
            quietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(Runnable r) {
        var t = new Thread(r, "s3-outage-proxy");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        down();
    }
}
