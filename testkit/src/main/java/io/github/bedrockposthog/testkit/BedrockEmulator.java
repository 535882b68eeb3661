package io.github.bedrockposthog.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback HTTP server speaking the Bedrock Runtime REST API (restJson1) well enough for the real AWS SDK v2
 * {@code BedrockRuntimeClient} and {@code BedrockRuntimeAsyncClient}: point a client at {@link #endpoint()} with
 * any static credentials. Serves {@code POST /model/{modelId}/invoke}, {@code /converse},
 * {@code /invoke-with-response-stream} and {@code /converse-stream}; anything else gets 404
 * {@code UnknownOperationException}.
 *
 * <p>Each request is answered by the next scripted reply ({@link #enqueue}, FIFO) if there is one, else by a
 * random transient error with the configured error rate, else by the {@link Responder} ({@link Responders#canned()}
 * unless configured). The configured latency is added before every answer. Thread-safe; all threads are daemons.
 */
public final class BedrockEmulator implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Logger LOG = LoggerFactory.getLogger(BedrockEmulator.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Queue<EmulatorReply> script = new ConcurrentLinkedQueue<>();
    private final List<EmulatedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Duration latency;
    private final double errorRate;
    private final Random random;
    private final Responder responder;

    private BedrockEmulator(Builder builder) {
        this.latency = builder.latency;
        this.errorRate = builder.errorRate;
        this.random = builder.random;
        this.responder = builder.responder;
        this.executor = ServerThreads.cachedDaemonPool("bedrock-emulator");
        try {
            this.server = HttpServer.create(ServerThreads.loopback(builder.port), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot bind the Bedrock emulator to 127.0.0.1:" + builder.port, e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        ServerThreads.startAsDaemon(server, "bedrock-emulator");
    }

    /**
     * Starts an emulator with the defaults: ephemeral port, no latency, no errors, canned answers.
     *
     * @return the running emulator
     */
    public static BedrockEmulator start() {
        return builder().start();
    }

    /**
     * A builder for a configured emulator.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The base URI to give the SDK's {@code endpointOverride}.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * The port the emulator listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Scripts the answer to a future request; scripted replies are used in order, before the responder.
     *
     * @param reply the reply
     */
    public void enqueue(EmulatorReply reply) {
        script.add(Objects.requireNonNull(reply, "reply"));
    }

    /**
     * Scripts a restJson1 error (see {@link EmulatorReply#error(int, String, String)}).
     *
     * @param status    HTTP status, e.g. 429
     * @param errorType e.g. {@code ThrottlingException}
     * @param message   the message
     */
    public void enqueueError(int status, String errorType, String message) {
        enqueue(EmulatorReply.error(status, errorType, message));
    }

    /**
     * Scripts the replay of a recorded exchange: its status, its headers (without Content-Length, Connection and
     * Transfer-Encoding, which the server computes) and its body bytes exactly.
     *
     * @param exchange the recorded exchange
     */
    public void enqueueFixture(RecordedExchange exchange) {
        enqueueFixture(exchange, 0);
    }

    /**
     * Scripts the replay of a recorded exchange, written in pieces of {@code chunkSize} bytes (each flushed), so
     * event-stream frame boundaries fall anywhere.
     *
     * @param exchange  the recorded exchange
     * @param chunkSize bytes per piece; 0 writes whole frames (or the whole body)
     */
    public void enqueueFixture(RecordedExchange exchange, int chunkSize) {
        enqueue(FixtureReplies.of(exchange, chunkSize));
    }

    /**
     * How many scripted replies are still waiting.
     *
     * @return the count
     */
    public int pendingReplies() {
        return script.size();
    }

    /**
     * Every request received so far, in arrival order.
     *
     * @return a copy
     */
    public List<EmulatedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Forgets the scripted replies and the received requests. */
    public void reset() {
        script.clear();
        requests.clear();
    }

    /** Stops listening, drops open connections and ends pending delays; returns promptly. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean completed = false;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            EmulatorReply reply = answer(exchange, body);
            if (!Waits.pause(latency.plus(reply.delay()), closed)) {
                throw new ReplyWriter.Disconnect("emulator closed");
            }
            ReplyWriter.write(exchange, reply, closed);
            completed = true;
        } catch (ReplyWriter.Disconnect e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (closed.getCount() > 0) {
                LOG.debug("Bedrock emulator could not answer {}", exchange.getRequestURI(), e);
            }
            throw e;
        } finally {
            if (completed) {
                exchange.close();
            }
        }
    }

    private EmulatorReply answer(HttpExchange exchange, byte[] body) {
        String rawPath = exchange.getRequestURI().getRawPath();
        ModelRoute route = "POST".equalsIgnoreCase(exchange.getRequestMethod()) ? ModelRoute.parse(rawPath) : null;
        if (route == null) {
            return EmulatorReply.error(404, "UnknownOperationException",
                    "No Bedrock Runtime operation at " + exchange.getRequestMethod() + " " + rawPath);
        }
        EmulatedRequest request = new EmulatedRequest(route.operation(), route.modelId(), exchange.getRequestMethod(),
                rawPath, body, exchange.getRequestHeaders(), Instant.now());
        requests.add(request);
        EmulatorReply scripted = script.poll();
        if (scripted != null) {
            return scripted;
        }
        if (errorRate > 0 && random.nextDouble() < errorRate) {
            return BedrockError.TRANSIENT[random.nextInt(BedrockError.TRANSIENT.length)].reply();
        }
        try {
            return Objects.requireNonNull(responder.respond(request), "responder returned null");
        } catch (RuntimeException e) {
            LOG.warn("Bedrock emulator responder failed for {}", request, e);
            return BedrockError.INTERNAL_SERVER.reply();
        }
    }

    /** Configures a {@link BedrockEmulator}. */
    public static final class Builder {
        private int port;
        private Duration latency = Duration.ZERO;
        private double errorRate;
        private Random random = new Random();
        private Responder responder = Responders.canned();

        private Builder() {
        }

        /**
         * The port to listen on; 0 (the default) picks a free one.
         *
         * @param port a port, or 0
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * A delay added before every answer (scripted or not), as a model's processing time.
         *
         * @param latency the delay
         * @return this builder
         */
        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative");
            }
            this.latency = latency;
            return this;
        }

        /**
         * The fraction of unscripted requests answered with a random transient Bedrock error (429
         * ThrottlingException or ModelNotReadyException, 408 ModelTimeoutException, 424 ModelErrorException, 500
         * InternalServerException, 503 ServiceUnavailableException).
         *
         * @param errorRate 0 (the default) to 1
         * @return this builder
         */
        public Builder errorRate(double errorRate) {
            if (!(errorRate >= 0 && errorRate <= 1)) {
                throw new IllegalArgumentException("errorRate must be within [0, 1]: " + errorRate);
            }
            this.errorRate = errorRate;
            return this;
        }

        /**
         * The random source of the error mode; give a seeded one for repeatable runs.
         *
         * @param random the random source
         * @return this builder
         */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Who answers unscripted requests; {@link Responders#canned()} by default.
         *
         * @param responder the responder
         * @return this builder
         */
        public Builder responder(Responder responder) {
            this.responder = Objects.requireNonNull(responder, "responder");
            return this;
        }

        /**
         * Starts the emulator.
         *
         * @return the running emulator
         * @throws UncheckedIOException when the port cannot be bound
         */
        public BedrockEmulator start() {
            return new BedrockEmulator(this);
        }
    }
}
