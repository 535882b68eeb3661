package io.github.bedrockposthog;

import io.github.bedrockposthog.internal.call.Attributes;
import io.github.bedrockposthog.internal.call.CallerScope;
import io.github.bedrockposthog.internal.config.Settings;
import io.github.bedrockposthog.internal.runtime.AppHooks;
import io.github.bedrockposthog.internal.runtime.GlobalPipeline;
import io.github.bedrockposthog.internal.runtime.Pipeline;
import io.github.bedrockposthog.internal.transport.DeliveryStats;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The public face of bedrock-posthog.
 *
 * <p>Zero code: with this jar on the classpath and {@code POSTHOG_API_KEY} set, every Bedrock Runtime client
 * is observed. This class adds what code can say on top:
 * <ul>
 *   <li>who makes the calls on this thread: {@code try (BedrockPostHog.Scope s = BedrockPostHog.identify(email)) {...}};</li>
 *   <li>who makes one call: {@code .overrideConfiguration(o -> o.putExecutionAttribute(BedrockPostHog.DISTINCT_ID, email))};</li>
 *   <li>an explicit configuration: {@code BedrockPostHog.builder().apiKey(..).build()}, whose
 *       {@link #interceptor()} is added with {@code ClientOverrideConfiguration.addExecutionInterceptor}.
 *       It wins over the zero-code interceptor on the clients it is added to (one event per call).</li>
 *   <li>an explicit configuration for every client of the JVM: {@link #installAsDefault()} makes the zero-code
 *       interceptor, which the SDK adds to every Bedrock Runtime client (also those built inside libraries such as
 *       Spring AI or LangChain4j), use it instead of the environment's.</li>
 * </ul>
 */
public final class BedrockPostHog implements AutoCloseable {

    /** Per-request distinct id (the user); beats a thread scope and Converse {@code requestMetadata}. */
    public static final ExecutionAttribute<String> DISTINCT_ID = Attributes.create("io.github.bedrockposthog.DistinctId");

    /** Per-request extra event properties, merged over the scope's. */
    public static final ExecutionAttribute<Map<String, Object>> PROPERTIES =
            Attributes.create("io.github.bedrockposthog.Properties");

    /**
     * Per-request trace id, so several calls group into one trace: it becomes {@code trace_id} on {@code bedrock_*}
     * events and {@code $ai_trace_id} on {@code $ai_generation} (each call keeps its own {@code $ai_span_id}).
     * Beats a {@link #trace(String)} scope; without either, every call is its own trace.
     * <pre>{@code
     * client.converse(r -> r.modelId(model).messages(question)
     *         .overrideConfiguration(o -> o.putExecutionAttribute(BedrockPostHog.TRACE_ID, conversationId)));
     * }</pre>
     */
    public static final ExecutionAttribute<String> TRACE_ID = Attributes.create("io.github.bedrockposthog.TraceId");

    private final Pipeline pipeline;
    private final PostHogBedrockInterceptor interceptor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BedrockPostHog(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.interceptor = new PostHogBedrockInterceptor(pipeline);
    }

    /**
     * Starts an explicit configuration. Unset values come from system properties, then the environment.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Attributes the Bedrock calls started on this thread until the scope is closed to {@code distinctId}.
     * Async calls started inside the scope count, wherever they complete.
     *
     * @param distinctId the user, e.g. an email or user id
     * @return the scope; close it to end the attribution
     */
    public static Scope identify(String distinctId) {
        return new Scope(CallerScope.open(distinctId, null, null));
    }

    /**
     * Like {@link #identify(String)}, adding properties to every event of the scope.
     *
     * @param distinctId the user, e.g. an email or user id
     * @param properties extra properties for every event of the scope
     * @return the scope; close it to end the attribution
     */
    public static Scope identify(String distinctId, Map<String, Object> properties) {
        return new Scope(CallerScope.open(distinctId, properties, null));
    }

    /**
     * Groups the calls started on this thread until the scope is closed under one trace id (PostHog's
     * {@code $ai_trace_id}), e.g. the steps of one agent run:
     * <pre>{@code
     * try (BedrockPostHog.Scope t = BedrockPostHog.trace(runId)) {
     *     client.converse(plan);
     *     client.converse(answer);
     * }
     * }</pre>
     * A per-request {@link #TRACE_ID} beats it; an {@link #identify} scope opened inside keeps it.
     *
     * @param traceId the trace id shared by the calls
     * @return the scope; close it to end the trace
     */
    public static Scope trace(String traceId) {
        return new Scope(CallerScope.open(null, null, traceId));
    }

    /**
     * Delivery counters of the zero-code (JVM-wide) interceptor.
     *
     * @return the counters now
     */
    public static Stats globalStats() {
        return new Stats(GlobalPipeline.get().stats());
    }

    /**
     * Makes this configuration the JVM-wide one of the zero-code interceptor, until it is {@link #close()}d: every
     * Bedrock Runtime client, including those built inside libraries (Spring AI, LangChain4j, ...), then reports
     * through it, one event per call, without adding {@link #interceptor()} anywhere. Whatever the environment
     * configured before is flushed and closed. When several are installed, the newest open one applies; closing it
     * restores the one installed before it, and finally the environment's configuration. The Spring Boot starter
     * installs its configuration this way.
     *
     * @return this configuration
     * @throws IllegalStateException if this configuration is already closed
     */
    public BedrockPostHog installAsDefault() {
        synchronized (closed) {
            if (closed.get()) {
                throw new IllegalStateException("this BedrockPostHog is closed");
            }
            GlobalPipeline.install(pipeline);
        }
        return this;
    }

    /**
     * The interceptor to add with {@code ClientOverrideConfiguration.Builder.addExecutionInterceptor}.
     *
     * @return the interceptor of this configuration
     */
    public ExecutionInterceptor interceptor() {
        return interceptor;
    }

    /**
     * Whether this configuration reports calls: enabled, with an API key, and not closed yet.
     *
     * @return true while calls are reported
     */
    public boolean reporting() {
        return pipeline.active() && !closed.get();
    }

    /**
     * Delivery counters of this configuration.
     *
     * @return the counters now
     */
    public Stats stats() {
        return new Stats(pipeline.stats());
    }

    /**
     * Delivers pending events (waiting at most the flush timeout) and stops; idempotent. If it was
     * {@linkplain #installAsDefault() installed}, the zero-code interceptor stops using it first.
     */
    @Override
    public void close() {
        synchronized (closed) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            GlobalPipeline.uninstall(pipeline);
        }
        pipeline.close();
    }

    /** A thread's attribution, open until {@link #close()}d; scopes nest. */
    public static final class Scope implements AutoCloseable {
        private final CallerScope frame;

        private Scope(CallerScope frame) {
            this.frame = frame;
        }

        /** Ends the scope; the enclosing one (if any) applies again. */
        @Override
        public void close() {
            frame.close();
        }
    }

    /** Delivery counters: events waiting, delivered, dropped at the door, and given up. */
    public static final class Stats {
        private final DeliveryStats stats;

        private Stats(DeliveryStats stats) {
            this.stats = stats;
        }

        /**
         * Events accepted and not yet delivered.
         *
         * @return the count
         */
        public long queued() {
            return stats.queued();
        }

        /**
         * Events PostHog acknowledged.
         *
         * @return the count
         */
        public long sent() {
            return stats.sent();
        }

        /**
         * Events refused because the queue was full (events or bytes) or the configuration was closed.
         *
         * @return the count
         */
        public long dropped() {
            return stats.dropped();
        }

        /**
         * Estimated size in bytes of the events counted in {@link #queued()}.
         *
         * @return the estimated bytes
         */
        public long queuedBytes() {
            return stats.queuedBytes();
        }

        /**
         * Events PostHog rejected or that could not be delivered before shutdown.
         *
         * @return the count
         */
        public long failed() {
            return stats.failed();
        }

        /**
         * Internal errors of bedrock-posthog's hooks (caught, the app's calls unaffected): calls that could not be
         * reported.
         *
         * @return the count
         */
        public long internalErrors() {
            return stats.internalErrors();
        }

        /**
         * How often a stopped delivery thread (e.g. one the app interrupted) was replaced.
         *
         * @return the count
         */
        public long workerRestarts() {
            return stats.workerRestarts();
        }

        /**
         * False while the delivery thread is found dead and not yet replaced (the next event replaces it).
         *
         * @return whether events are being delivered
         */
        public boolean workerAlive() {
            return stats.workerAlive();
        }

        /**
         * Why the latest attempt to deliver events failed, e.g. {@code HTTP 401} or
         * {@code ConnectException to eu.i.posthog.com:443}; never the API key.
         *
         * @return the reason, or {@code null} when the latest attempt succeeded or none was made
         */
        public String lastError() {
            return stats.lastError();
        }

        @Override
        public String toString() {
            return stats.toString();
        }
    }

    /**
     * Builds an explicit configuration; every value beats system properties and environment variables. Values that
     * cannot work (a negative queue size, a host that is no http(s) URL) are refused with an
     * {@link IllegalArgumentException} naming the setting; {@code null} unsets a value.
     */
    public static final class Builder {
        private final Map<Settings.Key, String> values = new EnumMap<>(Settings.Key.class);
        private Redactor redactor;
        private SSLContext tls;
        private Supplier<String> userResolver;
        private Supplier<? extends Map<String, ?>> propertiesContributor;

        private Builder() {
        }

        private Builder set(Settings.Key key, Object value) {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, String.valueOf(value));
            }
            return this;
        }

        /**
         * PostHog project API key ({@code phc_...}).
         *
         * @param apiKey the PostHog project API key
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            if (apiKey != null && apiKey.trim().isEmpty()) {
                throw new IllegalArgumentException("apiKey must not be blank; pass null to unset it");
            }
            return set(Settings.Key.API_KEY, apiKey);
        }

        /**
         * PostHog host, e.g. {@code https://eu.i.posthog.com}.
         *
         * @param host the PostHog host URL
         * @return this builder
         * @throws IllegalArgumentException unless it is an absolute http or https URL
         */
        public Builder host(String host) {
            if (host != null && !isHttpUrl(host.trim())) {
                throw new IllegalArgumentException("host must be an http or https URL such as https://eu.i.posthog.com,"
                        + " not: " + host);
            }
            return set(Settings.Key.HOST, host == null ? null : host.trim());
        }

        private static boolean isHttpUrl(String host) {
            try {
                URI uri = new URI(host);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
            } catch (Exception e) {
                return false;
            }
        }

        private static void requirePositive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, not " + value);
            }
        }

        /**
         * True: no prompt, generation or error text leaves the process.
         *
         * @param privacyMode true to keep every text in the process
         * @return this builder
         */
        public Builder privacyMode(boolean privacyMode) {
            return set(Settings.Key.PRIVACY_MODE, privacyMode);
        }

        /**
         * Path of a JSON price file overriding or adding prices (USD per 1M tokens) and aliasing application
         * inference profile or provisioned-model ARNs to model ids; the format is the README's "Prices".
         *
         * @param path the price file path
         * @return this builder
         */
        public Builder pricesFile(String path) {
            return set(Settings.Key.PRICES, path);
        }

        /**
         * Distinct id of calls made outside any scope.
         *
         * @param distinctId the user, e.g. an email or user id
         * @return this builder
         */
        public Builder defaultDistinctId(String distinctId) {
            return set(Settings.Key.DISTINCT_ID, distinctId);
        }

        /**
         * False: observe nothing.
         *
         * @param enabled false to observe nothing
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            return set(Settings.Key.ENABLED, enabled);
        }

        /**
         * Longest wait of the flush on {@link #close()} and JVM exit (default 5 s).
         *
         * @param timeout the longest wait
         * @return this builder
         * @throws IllegalArgumentException if it is not at least one millisecond
         */
        public Builder flushTimeout(Duration timeout) {
            if (timeout != null) {
                requirePositive("flushTimeout (ms)", timeout.toMillis());
            }
            return set(Settings.Key.FLUSH_TIMEOUT_MS, timeout == null ? null : timeout.toMillis());
        }

        /**
         * Most events waiting for delivery (default 10,000); beyond it new events are dropped and counted.
         *
         * @param maxQueue the most waiting events
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder maxQueue(int maxQueue) {
            requirePositive("maxQueue", maxQueue);
            return set(Settings.Key.MAX_QUEUE, maxQueue);
        }

        /**
         * Most estimated bytes of events waiting for delivery (default 64 MiB), so a PostHog outage costs a bounded
         * amount of heap even when prompts are large; beyond it new events are dropped and counted.
         *
         * @param maxQueueBytes the most estimated bytes of waiting events
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder maxQueueBytes(long maxQueueBytes) {
            requirePositive("maxQueueBytes", maxQueueBytes);
            return set(Settings.Key.MAX_QUEUE_BYTES, maxQueueBytes);
        }

        /**
         * A hook that rewrites or drops every text ({@code prompt}, {@code generation}, {@code error_message})
         * before it leaves the process; {@code null} for none. A redactor that throws drops the text and never
         * breaks the call. See {@link Redactor}.
         *
         * @param redactor rewrites or drops texts; {@code null} for none
         * @return this builder
         */
        public Builder redact(Redactor redactor) {
            this.redactor = redactor;
            return this;
        }

        /**
         * Longest prompt or generation kept per event (default 200,000 characters).
         *
         * @param maxTextChars the longest text kept, in characters
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder maxTextChars(int maxTextChars) {
            requirePositive("maxTextChars", maxTextChars);
            return set(Settings.Key.MAX_TEXT_CHARS, maxTextChars);
        }

        /**
         * Which events each call produces (default {@link EventSchema#BEDROCK}); {@code null} unsets it. Same as
         * {@code POSTHOG_BEDROCK_EVENTS}.
         *
         * @param events the event schema
         * @return this builder
         */
        public Builder events(EventSchema events) {
            return set(Settings.Key.EVENTS, events == null ? null : events.name().toLowerCase(Locale.ROOT));
        }

        /**
         * Names the user of a call when nothing else does: it is asked, on the calling thread as the call starts,
         * only when no {@link BedrockPostHog#DISTINCT_ID} attribute, {@link BedrockPostHog#identify} scope or Converse {@code requestMetadata}
         * names one; before the {@linkplain #defaultDistinctId default}. E.g. the signed-in user of a web request:
         * {@code () -> SecurityContextHolder.getContext().getAuthentication().getName()}. {@code null} or a
         * throwing resolver names nobody, and the call is still reported.
         *
         * @param userResolver returns the current user or {@code null}; {@code null} for none
         * @return this builder
         */
        public Builder userResolver(Supplier<String> userResolver) {
            this.userResolver = userResolver;
            return this;
        }

        /**
         * Adds properties to every event, e.g. the deployment or tenant; asked on the calling thread as each call
         * starts. Scope and per-request {@link BedrockPostHog#PROPERTIES} beat them, and the measured facts beat all. A
         * contributor that throws adds nothing, and the call is still reported.
         *
         * @param propertiesContributor returns the properties to add; {@code null} for none
         * @return this builder
         */
        public Builder propertiesContributor(Supplier<? extends Map<String, ?>> propertiesContributor) {
            this.propertiesContributor = propertiesContributor;
            return this;
        }

        /**
         * False: leave {@code error_stack} out.
         *
         * @param captureStack false to leave {@code error_stack} out
         * @return this builder
         */
        public Builder captureStack(boolean captureStack) {
            return set(Settings.Key.CAPTURE_STACK, captureStack);
        }

        // Delivery: retries and deadlines (docs/RELIABILITY.md)

        /**
         * How long a batch of events is retried after its first attempt while PostHog fails (default 10 minutes);
         * then it counts as failed and later events are sent. Same as {@code POSTHOG_BEDROCK_RETRY_MAX_AGE_MS}.
         *
         * @param maxAge the longest a batch is retried
         * @return this builder
         */
        public Builder retryMaxAge(Duration maxAge) {
            return set(Settings.Key.RETRY_MAX_AGE_MS, maxAge == null ? null : maxAge.toMillis());
        }

        /**
         * Most attempts per batch (default: no limit but {@link #retryMaxAge}). Same as
         * {@code POSTHOG_BEDROCK_RETRY_MAX_ATTEMPTS}.
         *
         * @param maxAttempts the most attempts, at least 1
         * @return this builder
         */
        public Builder retryMaxAttempts(int maxAttempts) {
            return set(Settings.Key.RETRY_MAX_ATTEMPTS, maxAttempts);
        }

        /**
         * The wait between attempts: {@code first}, doubling up to {@code max}, jittered (defaults 250 ms and 30 s).
         * Same as {@code POSTHOG_BEDROCK_RETRY_BACKOFF_MS} and {@code POSTHOG_BEDROCK_RETRY_BACKOFF_MAX_MS}.
         *
         * @param first the first wait
         * @param max   the longest wait
         * @return this builder
         */
        public Builder retryBackoff(Duration first, Duration max) {
            set(Settings.Key.RETRY_BACKOFF_MS, first == null ? null : first.toMillis());
            return set(Settings.Key.RETRY_BACKOFF_MAX_MS, max == null ? null : max.toMillis());
        }

        /**
         * Longest time one request to PostHog may take, name resolution to the end of the answer (default 30 s).
         * Same as {@code POSTHOG_BEDROCK_REQUEST_TIMEOUT_MS}.
         *
         * @param timeout the longest request
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            return set(Settings.Key.REQUEST_TIMEOUT_MS, timeout == null ? null : timeout.toMillis());
        }

        /**
         * True: gzip-compress every request to PostHog ({@code Content-Encoding: gzip}). Off by default: a request
         * then takes about 6.5 times the bytes, and the delivery thread about a third less CPU per event (gzip at
         * deflate level 1 was its largest single cost; BENCHMARKS.md). Worth it on a slow or metered link to
         * PostHog. Same as {@code POSTHOG_BEDROCK_GZIP}.
         *
         * @param gzip true to compress requests
         * @return this builder
         */
        public Builder gzip(boolean gzip) {
            return set(Settings.Key.GZIP, gzip);
        }

        /**
         * How long the delivery thread and the JVM shutdown hook outlive their last work (an event to deliver or a
         * Bedrock call in flight) before they end (default 30 s); the next call starts them again. Nothing then
         * keeps this configuration, or the class loader of a redeployed webapp, reachable. Same as
         * {@code POSTHOG_BEDROCK_WORKER_IDLE_MS}.
         *
         * @param idle how long an idle delivery thread lingers
         * @return this builder
         * @throws IllegalArgumentException if it is not at least one millisecond
         */
        public Builder deliveryIdleTimeout(Duration idle) {
            if (idle != null) {
                requirePositive("deliveryIdleTimeout (ms)", idle.toMillis());
            }
            return set(Settings.Key.WORKER_IDLE_MS, idle == null ? null : idle.toMillis());
        }

        /**
         * The TLS context of requests to PostHog, e.g. one trusting a self-hosted PostHog's private CA; {@code null}
         * (the default) uses the JVM's trust store.
         *
         * @param tls the TLS context
         * @return this builder
         */
        public Builder sslContext(SSLContext tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Starts delivery (lazily cheap: one daemon thread) and returns the configuration.
         *
         * @return the configuration, delivering events until closed
         */
        public BedrockPostHog build() {
            Settings settings = Settings.resolve(values, System::getProperty, System::getenv);
            final Redactor r = redactor;
            return new BedrockPostHog(Pipeline.create(settings, null, "explicit",
                    r == null ? null : (property, text) -> r.redact(property, text),
                    tls == null ? null : tls.getSocketFactory(), AppHooks.of(userResolver, propertiesContributor)));
        }
    }
}
