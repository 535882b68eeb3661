package io.github.bedrockposthog.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A PostHog {@code /batch} endpoint on 127.0.0.1 that reads each request to its end and answers PostHog's
 * {@code {"status": 1}} without decoding it: the counterpart of the OpenTelemetry set-up's no-op exporter. The
 * in-process benchmark uses it so that a decoding test server does not take the CPU the observer's own delivery
 * thread needs (PostHog runs on other machines). Its thread is {@code discarding-posthog}, counted apart.
 */
final class DiscardingPostHog implements AutoCloseable {

    static {
        // Without it the JDK server's Nagle and the client's delayed ACK hold every answer for ~40 ms (JFR: the
        // delivery thread spent 42 ms a request in socket reads), so delivery fell behind and events were dropped.
        // The testkit's servers set it the same way; PostHog's own servers answer without that delay.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final byte[] ACCEPTED = "{\"status\": 1}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    private DiscardingPostHog(HttpServer server) {
        this.server = server;
    }

    static DiscardingPostHog start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            DiscardingPostHog posthog = new DiscardingPostHog(server);
            server.createContext("/", posthog::handle);
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "discarding-posthog");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return posthog;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long read = 0;
        byte[] buffer = new byte[16384];
        try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                read += n;
            }
        }
        requests.incrementAndGet();
        bytes.addAndGet(read);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, ACCEPTED.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(ACCEPTED);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests and gzipped bytes received so far. */
    String received() {
        return requests.get() + " requests, " + bytes.get() + " bytes";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
