package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback PostHog-compatible capture endpoint that records what it receives. Accepts {@code POST} to
 * {@code /batch/}, {@code /batch}, {@code /capture/}, {@code /capture}, {@code /i/v0/e/} and {@code /i/v0/e} with a
 * batch {@code {"api_key", "batch": [...]}} or a single event {@code {"api_key", "event", ...}}, plain or gzip
 * ({@code Content-Encoding: gzip}, or gzip bytes without that header). Answers 200 {@code {"status": 1}}; 400 with a
 * JSON error to bodies that are not JSON, lack {@code api_key} or hold no event; 404 elsewhere.
 *
 * <p>Fault modes for reliability tests: {@link #failNext}, {@link #respondAlways}, {@link #failBatchesContaining},
 * {@link #stall}, and
 * {@link #stop()} / {@link #restart()} on the same port for refused connections. Thread-safe; all threads are
 * daemons.
 */
public final class CaptureServer implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Logger LOG = LoggerFactory.getLogger(CaptureServer.class);
    private static final Set<String> PATHS = Set.of("/batch/", "/batch", "/capture/", "/capture", "/i/v0/e/", "/i/v0/e");

    private final ExecutorService executor = ServerThreads.cachedDaemonPool("capture-server");
    private final CaptureFaults faults = new CaptureFaults();
    private final List<Consumer<CapturedEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<CapturedEvent> events = new ArrayList<>();
    private final List<String> rawBodies = new ArrayList<>();
    private final List<Integer> clientPorts = new ArrayList<>();
    private final List<Long> arrivalNanos = new ArrayList<>();
    private int acceptedRequests;
    private int requests;

    private final Object lifecycle = new Object();
    private final int port;
    private HttpServer server;
    private CountDownLatch stopped;
    private boolean closed;

    private final SSLContext tls;

    private CaptureServer(int port, SSLContext tls) {
        this.tls = tls;
        this.port = listen(port);
    }

    /**
     * Starts a capture server on a free port.
     *
     * @return the running server
     */
    public static CaptureServer start() {
        return start(0);
    }

    /**
     * Starts a capture server on a given port.
     *
     * @param port the port, or 0 for a free one
     * @return the running server
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static CaptureServer start(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        return new CaptureServer(port, null);
    }

    /**
     * Starts a capture server speaking HTTPS on a free port, with the key and certificate of {@code tls} (for TLS
     * tests: a client that does not trust that certificate must fail the handshake).
     *
     * @param tls the server's TLS context
     * @return the running server; its {@link #endpoint()} is {@code https://127.0.0.1:<port>}
     */
    public static CaptureServer startHttps(SSLContext tls) {
        return new CaptureServer(0, Objects.requireNonNull(tls, "tls"));
    }

    /**
     * The host to configure a PostHog client with.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI endpoint() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port);
    }

    /**
     * The port; it stays the same across {@link #stop()} and {@link #restart()}.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Every accepted event so far, in arrival order.
     *
     * @return a copy
     */
    public List<CapturedEvent> events() {
        lock.lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The accepted events with one name.
     *
     * @param eventName e.g. {@code $ai_generation}
     * @return a copy, in arrival order
     */
    public List<CapturedEvent> events(String eventName) {
        return events().stream().filter(e -> eventName.equals(e.event())).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Waits until at least {@code atLeast} events were accepted.
     *
     * @param atLeast the number of events to wait for
     * @param timeout how long to wait
     * @return all accepted events (a copy), at least {@code atLeast} of them
     * @throws AssertionError on timeout, listing the events that did arrive
     */
    public List<CapturedEvent> awaitEvents(int atLeast, Duration timeout) {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (events.size() < atLeast) {
                if (nanos <= 0) {
                    throw new AssertionError("expected at least " + atLeast + " events within " + timeout
                            + " but " + events.size() + " arrived (" + requests + " requests, " + acceptedRequests
                            + " accepted): " + events);
                }
                nanos = changed.awaitNanos(nanos);
            }
            return List.copyOf(events);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + atLeast + " events", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at least {@code atLeast} requests reached a capture path, whatever they were answered.
     *
     * @param atLeast the number of requests to wait for
     * @param timeout how long to wait
     * @return the number of requests received
     * @throws AssertionError on timeout
     */
    public int awaitRequests(int atLeast, Duration timeout) {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (requests < atLeast) {
                if (nanos <= 0) {
                    throw new AssertionError("expected at least " + atLeast + " capture requests within " + timeout
                            + " but " + requests + " arrived");
                }
                nanos = changed.awaitNanos(nanos);
            }
            return requests;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + atLeast + " requests", e);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the recorded events, bodies and counts (fault modes and listeners stay). */
    public void clear() {
        lock.lock();
        try {
            events.clear();
            rawBodies.clear();
            clientPorts.clear();
            arrivalNanos.clear();
            acceptedRequests = 0;
            requests = 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many requests were accepted (answered 200 and recorded).
     *
     * @return the count
     */
    public int batchRequestCount() {
        lock.lock();
        try {
            return acceptedRequests;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many requests reached a capture path, including failed and rejected ones.
     *
     * @return the count
     */
    public int requestCount() {
        lock.lock();
        try {
            return requests;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The bodies of every request that reached a capture path (failed and rejected ones too), decompressed, in
     * arrival order.
     *
     * @return a copy
     */
    public List<String> rawRequestBodies() {
        lock.lock();
        try {
            return List.copyOf(rawBodies);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The client port of every request that reached a capture path, in arrival order: requests sent over one
     * kept-alive connection share a port.
     *
     * @return a copy
     */
    public List<Integer> clientPorts() {
        lock.lock();
        try {
            return List.copyOf(clientPorts);
        } finally {
            lock.unlock();
        }
    }

    /**
     * When each request that reached a capture path arrived ({@link System#nanoTime()}), in arrival order: the
     * spacing of a client's retries.
     *
     * @return a copy
     */
    public List<Long> arrivalNanos() {
        lock.lock();
        try {
            return List.copyOf(arrivalNanos);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Answers every request 200 with this content type and body (without recording its events) until
     * {@link #recover()}: a captive portal's page, or a reply that is not PostHog's.
     *
     * @param contentType e.g. {@code text/html}
     * @param body        the body
     */
    public void answerWith(String contentType, String body) {
        faults.answerWith(Objects.requireNonNull(contentType, "contentType"), Objects.requireNonNull(body, "body"));
    }

    /**
     * Registers a listener called with each accepted event, on the server thread, before the request is answered.
     * Exceptions it throws are logged and ignored.
     *
     * @param listener the listener
     */
    public void onEvent(Consumer<CapturedEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Answers the next {@code count} requests with {@code status} without recording their events; a 429 carries
     * {@code Retry-After: 1}.
     *
     * @param count  how many requests fail
     * @param status e.g. 500, 503 or 429
     */
    public void failNext(int count, int status) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        faults.failNext(count, checkStatus(status));
    }

    /**
     * Answers every request with {@code status} (without recording events) until {@link #recover()}; 200 means
     * normal service.
     *
     * @param status e.g. 503
     */
    public void respondAlways(int status) {
        faults.respondAlways(checkStatus(status));
    }

    /**
     * Answers {@code status} to every request whose (decompressed) body contains {@code text}, without recording its
     * events, until {@link #recover()}: a "poison" event that fails each batch it travels in.
     *
     * @param text   text that marks the poison event, e.g. a prompt
     * @param status e.g. 500
     */
    public void failBatchesContaining(String text, int status) {
        faults.failBatchesContaining(Objects.requireNonNull(text, "text"), checkStatus(status));
    }

    /**
     * Holds each request this long before answering it (the events are recorded after the stall); zero ends
     * stalling.
     *
     * @param duration the stall
     */
    public void stall(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("stall must not be negative");
        }
        faults.stall(duration);
    }

    /**
     * Back to normal service: ends {@link #respondAlways}, {@link #answerWith}, {@link #failBatchesContaining}, pending {@link #failNext}
     * failures and {@link #stall}.
     */
    public void recover() {
        faults.recover();
    }

    /**
     * Closes the listening socket and open connections, so clients get "connection refused"; the recorded events
     * stay. Stalled requests are dropped.
     */
    public void stop() {
        synchronized (lifecycle) {
            if (server != null) {
                stopped.countDown();
                server.stop(0);
                server = null;
            }
        }
    }

    /**
     * Listens again on the same port after {@link #stop()}; does nothing while running.
     *
     * @throws UncheckedIOException when the port was taken meanwhile
     * @throws IllegalStateException after {@link #close()}
     */
    public void restart() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("capture server is closed");
            }
            if (server == null) {
                listen(port);
            }
        }
    }

    /**
     * Whether the server is listening.
     *
     * @return false after {@link #stop()} or {@link #close()}
     */
    public boolean isRunning() {
        synchronized (lifecycle) {
            return server != null;
        }
    }

    /** Stops for good and releases the threads. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            stop();
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int listen(int requestedPort) {
        synchronized (lifecycle) {
            try {
                HttpServer created;
                if (tls == null) {
                    created = HttpServer.create(ServerThreads.loopback(requestedPort), 0);
                } else {
                    HttpsServer https = HttpsServer.create(ServerThreads.loopback(requestedPort), 0);
                    https.setHttpsConfigurator(new HttpsConfigurator(tls));
                    created = https;
                }
                created.createContext("/", this::handle);
                created.setExecutor(executor);
                stopped = new CountDownLatch(1);
                ServerThreads.startAsDaemon(created, "capture-server");
                server = created;
                return created.getAddress().getPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind the capture server to 127.0.0.1:" + requestedPort, e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        CountDownLatch stopSignal;
        synchronized (lifecycle) {
            stopSignal = stopped;
        }
        try {
            if (!PATHS.contains(exchange.getRequestURI().getPath())) {
                String detail = "no capture endpoint at " + exchange.getRequestURI().getPath();
                respond(exchange, 404, error("not_found", "not_found", detail));
                return;
            }
            if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                respond(exchange, 405, error("invalid_request", "method_not_allowed", "capture endpoints take POST"));
                return;
            }
            byte[] raw = exchange.getRequestBody().readAllBytes();
            boolean gzipped = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    || CapturePayload.looksGzipped(raw);
            byte[] body;
            try {
                body = gzipped ? CapturePayload.gunzip(raw) : raw;
            } catch (CapturePayload.Invalid e) {
                received(new String(raw, StandardCharsets.ISO_8859_1), exchange.getRemoteAddress().getPort());
                respond(exchange, 400, error("validation_error", "invalid_payload", e.getMessage()));
                return;
            }
            String text = new String(body, StandardCharsets.UTF_8);
            received(text, exchange.getRemoteAddress().getPort());
            if (!Waits.pause(faults.stall(), stopSignal)) {
                return;
            }
            String[] answer = faults.answer();
            if (answer != null) {
                respond(exchange, 200, answer[0], answer[1]);
                return;
            }
            int failure = faults.nextFailure(text);
            if (failure != 0) {
                if (failure == 429) {
                    exchange.getResponseHeaders().set("Retry-After", "1");
                }
                respond(exchange, failure, error("server_error", "scripted_failure", "scripted failure " + failure));
                return;
            }
            List<CapturedEvent> accepted;
            try {
                accepted = CapturePayload.parse(body, gzipped);
            } catch (CapturePayload.Invalid e) {
                respond(exchange, 400, error("validation_error", "invalid_payload", e.getMessage()));
                return;
            }
            record(accepted);
            respond(exchange, 200, "{\"status\": 1}");
        } finally {
            exchange.close();
        }
    }

    private void received(String body, int clientPort) {
        lock.lock();
        try {
            clientPorts.add(clientPort);
            arrivalNanos.add(System.nanoTime());
            requests++;
            rawBodies.add(body);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void record(List<CapturedEvent> accepted) {
        lock.lock();
        try {
            events.addAll(accepted);
            acceptedRequests++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (CapturedEvent event : accepted) {
            for (Consumer<CapturedEvent> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("capture server listener failed on {}", event, e);
                }
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        respond(exchange, status, "application/json", json);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String error(String type, String code, String detail) {
        ObjectNode node = Json.object();
        node.put("type", type);
        node.put("code", code);
        node.put("detail", detail);
        node.putNull("attr");
        return Json.write(node);
    }

    private static int checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return status;
    }
}
