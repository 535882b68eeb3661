package io.github.bedrockposthog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP peer that misbehaves as PostHog never should: never answers, trickles its answer, resets mid-answer,
 * or redirects. Each accepted connection is handled on its own daemon thread.
 */
final class MisbehavingPeer implements AutoCloseable {

    /** What the peer does with one accepted connection. */
    interface Behaviour {
        void handle(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    private MisbehavingPeer(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread handler = new Thread(() -> {
                        try (Socket s = socket) {
                            behaviour.handle(s);
                        } catch (Exception ignored) {
                            // the client went away
                        }
                    }, "misbehaving-peer-connection");
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "misbehaving-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static MisbehavingPeer start(Behaviour behaviour) throws IOException {
        return new MisbehavingPeer(behaviour);
    }

    /** Accepts, never reads, never answers. */
    static final Behaviour SILENT = socket -> Thread.sleep(60_000);

    /** Reads the request, then answers one byte of a 1,000-byte body every 200 ms. */
    static final Behaviour TRICKLE = socket -> {
        readRequest(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 1000; i++) {
            out.write(' ');
            out.flush();
            Thread.sleep(200);
        }
    };

    /** Reads the request, starts an answer, then resets the connection (RST). */
    static final Behaviour RESET = socket -> {
        readRequest(socket);
        socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"sta"
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.setSoLinger(true, 0);
    };

    /** Redirects to PostHog's EU host, as a proxy in front of the wrong region might. */
    static final Behaviour REDIRECT = socket -> {
        readRequest(socket);
        socket.getOutputStream().write(("HTTP/1.1 301 Moved Permanently\r\nLocation: https://eu.i.posthog.com/batch/\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        Thread.sleep(500);
    };

    /** Reads headers and a Content-Length body. */
    private static void readRequest(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            headers.append((char) b);
        }
        int length = 0;
        for (String line : headers.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
