package ru.journalarchive.storage.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the S3 server that, when told, drops the next answer the server sends and
 * cuts the connection: the request was carried out, the client never hears so. What a network
 * failure at the worst moment does.
 */
public final class AnswerLosingProxy implements AutoCloseable {

    private final URI upstream;
    private final ServerSocket server;
    private final AtomicBoolean loseNext = new AtomicBoolean();
    private final AtomicInteger lost = new AtomicInteger();

    public AnswerLosingProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket target = new Socket(upstream.getHost(), upstream.getPort());
                    daemon(() -> pump(client, target, false));
                    daemon(() -> pump(target, client, true));
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public void loseNextAnswer() {
        loseNext.set(true);
    }

    public int lost() {
        return lost.get();
    }

    private void pump(Socket from, Socket to, boolean answers) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16384];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (answers && loseNext.compareAndSet(true, false)) {
                    lost.incrementAndGet();
                    from.close();
                    to.close();
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: so does the other
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static void daemon(Runnable r) {
        var t = new Thread(r, "answer-losing-proxy");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
