package io.github.bedrockposthog.testkit.junit;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.Responder;
import io.github.bedrockposthog.testkit.Responders;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one JUnit 5 extension for the loopback servers: a {@link BedrockEmulator} and a {@link CaptureServer} per test
 * class, back to normal service before each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LoopbackServers SERVERS = new LoopbackServers();
 * // or, with options: LoopbackServers.builder().responder(...).retryBackoff(...).build()
 * }</pre>
 *
 * <p>Before each test the emulator forgets its scripted replies and requests, and the capture server recovers from
 * fault modes, listens again if a test stopped it, and forgets what it recorded. After each test the resources given
 * to {@link #closeAfterEach} are closed (last first), then the capture server stops listening, which drops requests
 * a test left stalled; it listens again on the same port before the next test.
 *
 * <p><b>Who builds the client configuration.</b> The testkit does not depend on the interceptor (the interceptor's
 * tests depend on the testkit), so this extension cannot build a {@code BedrockPostHog}. It says where and how a
 * configuration should deliver instead: {@link #posthogHost()}, {@link #retryBackoff()} and
 * {@link #retryBackoffMax()} (fast by default: {@value #FAST_RETRY_MILLIS}..{@value #FAST_RETRY_MAX_MILLIS} ms
 * instead of the production backoff, so a delivery test need not wait). Each module turns these into its own
 * configuration: the interceptor's tests through a small subclass that adds {@code posthog(apiKey)}, the Spring Boot
 * tests through properties, the child-JVM tests through environment variables. Whatever the configuration holds
 * that must be closed after the test goes to {@link #closeAfterEach}. Options are given through the
 * {@link Builder}, never through process-wide system properties.
 */
public class LoopbackServers implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The first retry delay advertised by default, in milliseconds. */
    public static final long FAST_RETRY_MILLIS = 20;
    /** The longest retry delay advertised by default, in milliseconds. */
    public static final long FAST_RETRY_MAX_MILLIS = 200;

    private final BedrockEmulator.Builder emulatorOptions;
    private final Duration retryBackoff;
    private final Duration retryBackoffMax;
    private final Supplier<SSLContext> tls;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private BedrockEmulator emulator;
    private CaptureServer capture;

    /** Servers with the emulator's canned answers, no latency, plain HTTP and the fast retry timing. */
    public LoopbackServers() {
        this(builder());
    }

    /**
     * Servers configured by {@code builder}; for subclasses that add a module's own helpers.
     *
     * @param builder the options
     */
    protected LoopbackServers(Builder builder) {
        this.emulatorOptions = builder.emulator;
        this.retryBackoff = builder.retryBackoff;
        this.retryBackoffMax = builder.retryBackoffMax;
        this.tls = builder.tls;
    }

    /**
     * Options for the servers.
     *
     * @return a builder with the defaults of {@link #LoopbackServers()}
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = emulatorOptions.start();
        capture = tls == null ? CaptureServer.start() : CaptureServer.startHttps(tls.get());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator.reset();
        capture.recover();
        capture.restart();
        capture.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            closeAll();
        } finally {
            capture.stop(); // drops requests still stalled; restarted before the next test
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
        capture.close();
    }

    private void closeAll() throws Exception {
        Exception first = null;
        while (true) {
            AutoCloseable next;
            synchronized (toClose) {
                next = toClose.pollFirst();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * The Bedrock emulator (from the test class's start).
     *
     * @return the running emulator
     */
    public BedrockEmulator emulator() {
        return emulator;
    }

    /**
     * The PostHog capture server (from the test class's start).
     *
     * @return the capture server
     */
    public CaptureServer capture() {
        return capture;
    }

    /**
     * Where a configuration under test delivers its events: the capture server's endpoint.
     *
     * @return {@code http://127.0.0.1:<port>} (or {@code https://} with {@link Builder#tls})
     */
    public String posthogHost() {
        return capture.endpoint().toString();
    }

    /**
     * The first retry delay a configuration under test should use.
     *
     * @return {@value #FAST_RETRY_MILLIS} ms unless {@link Builder#retryBackoff} said otherwise
     */
    public Duration retryBackoff() {
        return retryBackoff;
    }

    /**
     * The longest retry delay a configuration under test should use.
     *
     * @return {@value #FAST_RETRY_MAX_MILLIS} ms unless {@link Builder#retryBackoff} said otherwise
     */
    public Duration retryBackoffMax() {
        return retryBackoffMax;
    }

    /**
     * Closes {@code resource} after the current test (before the capture server stops), the last given first.
     *
     * @param resource what the test opened, for example a client configuration
     * @param <T> its type
     * @return {@code resource}
     */
    public <T extends AutoCloseable> T closeAfterEach(T resource) {
        synchronized (toClose) {
            toClose.addFirst(Objects.requireNonNull(resource, "resource"));
        }
        return resource;
    }

    /** Options for {@link LoopbackServers}. */
    public static final class Builder {
        private final BedrockEmulator.Builder emulator = BedrockEmulator.builder();
        private Duration retryBackoff = Duration.ofMillis(FAST_RETRY_MILLIS);
        private Duration retryBackoffMax = Duration.ofMillis(FAST_RETRY_MAX_MILLIS);
        private Supplier<SSLContext> tls;

        private Builder() {
        }

        /**
         * Who answers the emulator's unscripted requests; {@link Responders#canned()} by default.
         *
         * @param responder the responder
         * @return this builder
         */
        public Builder responder(Responder responder) {
            emulator.responder(responder);
            return this;
        }

        /**
         * A delay the emulator adds before every answer, as {@link BedrockEmulator.Builder#latency}; none by default.
         *
         * @param latency the delay
         * @return this builder
         */
        public Builder latency(Duration latency) {
            emulator.latency(latency);
            return this;
        }

        /**
         * The retry timing {@link #retryBackoff()} and {@link #retryBackoffMax()} advertise.
         *
         * @param first the first delay
         * @param max the longest delay, at least {@code first}
         * @return this builder
         */
        public Builder retryBackoff(Duration first, Duration max) {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(max, "max");
            if (first.isNegative() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("need 0 <= first <= max: " + first + ", " + max);
            }
            this.retryBackoff = first;
            this.retryBackoffMax = max;
            return this;
        }

        /**
         * Makes the capture server speak HTTPS with the key and certificate of the context {@code tls} supplies;
         * it is asked when the test class starts.
         *
         * @param tls supplies the server's TLS context
         * @return this builder
         */
        public Builder tls(Supplier<SSLContext> tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * The extension, to register with {@code @RegisterExtension} on a static field.
         *
         * @return the extension
         */
        public LoopbackServers build() {
            return new LoopbackServers(this);
        }
    }
}
