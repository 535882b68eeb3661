package io.github.bedrockposthog.internal.runtime;

import io.github.bedrockposthog.internal.log.RateLimitedLog;
import io.github.bedrockposthog.internal.model.HeapEstimate;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.PendingCall;
import io.github.bedrockposthog.internal.config.Settings;
import io.github.bedrockposthog.internal.events.AiGenerationMapper;
import io.github.bedrockposthog.internal.events.Event;
import io.github.bedrockposthog.internal.events.EventMapper;
import io.github.bedrockposthog.internal.pricing.PriceTable;
import io.github.bedrockposthog.internal.transport.DeferredEvents;
import io.github.bedrockposthog.internal.transport.DeliveryPolicy;
import io.github.bedrockposthog.internal.transport.DeliveryStats;
import io.github.bedrockposthog.internal.transport.EventSink;
import io.github.bedrockposthog.internal.transport.PostHogSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSocketFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.BiFunction;

/**
 * Everything behind the hooks for one configuration: settings, prices, the event mapper and the sink.
 * The zero-code interceptor shares one per JVM ({@link GlobalPipeline}); each explicit
 * {@code BedrockPostHog} owns one.
 */
public final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.bedrockposthog");
    private static final RateLimitedLog RENDER_ERRORS = new RateLimitedLog(LOG, 60_000);

    private final Settings settings;
    private final EventMapper mapper;
    private final AiGenerationMapper aiMapper;
    private final EventSink sink;
    private final InFlightCalls inFlight;
    private final AtomicLong internalErrors = new AtomicLong();
    private final AppHooks hooks;

    Pipeline(Settings settings, PriceTable prices, EventSink sink) {
        this(settings, prices, sink, null, new InFlightCalls(), AppHooks.NONE);
    }

    Pipeline(Settings settings, PriceTable prices, EventSink sink, BiFunction<String, String, String> redactor,
             InFlightCalls inFlight, AppHooks hooks) {
        this.inFlight = inFlight;
        this.settings = settings;
        this.hooks = hooks;
        this.mapper = new EventMapper(settings, prices, redactor);
        this.aiMapper = new AiGenerationMapper(settings, prices, redactor);
        this.sink = sink;
    }

    /**
     * Builds a pipeline from settings: inert (and says why, once, at INFO) without an API key or when
     * disabled. A sink may be given for tests; otherwise PostHog delivery starts.
     */
    public static Pipeline create(Settings settings, EventSink customSink, String origin) {
        return create(settings, customSink, origin, null);
    }

    /**
     * Like {@link #create(Settings, EventSink, String)}, with a redactor ({@code (property, text) -> replacement or
     * null}) that every text passes before it leaves the process.
     */
    public static Pipeline create(Settings settings, EventSink customSink, String origin,
                                  BiFunction<String, String, String> redactor) {
        return create(settings, customSink, origin, redactor, null, AppHooks.NONE);
    }

    /**
     * Like {@link #create(Settings, EventSink, String, BiFunction)}, with the TLS socket factory of requests to
     * PostHog ({@code null}: the JVM's default trust) and the app's hooks (user resolver, properties contributor)
     * called when a call starts.
     */
    public static Pipeline create(Settings settings, EventSink customSink, String origin,
                                  BiFunction<String, String, String> redactor, SSLSocketFactory tls, AppHooks hooks) {
        if (!settings.enabled()) {
            LOG.info("bedrock-posthog ({}): disabled by configuration; Bedrock calls are not reported", origin);
            return new Pipeline(settings, null, EventSink.NONE);
        }
        if (settings.apiKey() == null && customSink == null) {
            LOG.info("bedrock-posthog ({}): no PostHog API key (set POSTHOG_API_KEY or -Dposthog.apiKey); "
                    + "Bedrock calls are not reported", origin);
            return new Pipeline(settings, null, EventSink.NONE);
        }
        PriceTable prices;
        try {
            prices = PriceTable.load(settings.pricesPath());
        } catch (Throwable t) { // a broken price file must never stop the app or its calls
            LOG.error("bedrock-posthog ({}): price file not used ({}); bundled prices apply", origin, t.getClass().getName());
            prices = PriceTable.bundled();
        }
        EventSink sink = customSink;
        final InFlightCalls inFlight = new InFlightCalls();
        if (sink == null) {
            Settings.Delivery d = settings.delivery();
            sink = PostHogSink.start(settings.host(), settings.apiKey(), settings.maxQueue(), settings.maxQueueBytes(),
                    settings.flushTimeoutMillis(), new DeliveryPolicy(d.retryMaxAgeMillis(), d.retryMaxAttempts(),
                            d.retryBackoffMillis(), d.retryBackoffMaxMillis(), d.requestTimeoutMillis(), tls)
                            .withWorkerIdle(d.workerIdleMillis()).withGzip(d.gzip()),
                    inFlight::awaitIdle);
            if (sink == null) {
                return new Pipeline(settings, null, EventSink.NONE);
            }
        }
        LOG.info("bedrock-posthog ({}): reporting Bedrock calls to {}{}", origin, settings.host(),
                settings.privacyMode() ? " in privacy mode" : "");
        return new Pipeline(settings, prices, sink, redactor, inFlight, hooks == null ? AppHooks.NONE : hooks);
    }

    /** Whether calls are observed at all. */
    public boolean active() {
        return sink != EventSink.NONE;
    }

    /** The app's hooks of this configuration (user resolver, properties contributor). */
    public AppHooks hooks() {
        return hooks;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Hands over one call: its events ({@code bedrock_completion}/{@code bedrock_error} and/or {@code $ai_generation},
     * as {@code POSTHOG_BEDROCK_EVENTS} says) are mapped, priced and sized when the sink renders them, which the
     * default sink does on its delivery thread, not the app's.
     */
    public void emit(LlmCall.Builder call) {
        // Texts are first bounded to one character over the cap, so what waits for rendering is bounded too.
        LlmCall built = call.boundTexts(textBound()).build();
        sink.send(new CallEvents(null, built, HeapEstimate.of(built), System.currentTimeMillis()));
    }

    /** Like {@link #emit(LlmCall.Builder)}, for a call whose record is built when its events are rendered. */
    public void emit(PendingCall call) {
        sink.send(new CallEvents(call, null, call.heldBytes(), System.currentTimeMillis()));
    }

    /** One character over the cap: the renderers cut and mark exactly as from the whole text. */
    private int textBound() {
        int cap = settings.maxTextChars();
        return cap == Integer.MAX_VALUE ? cap : cap + 1;
    }

    /** One call's events, rendered from its record (built first, when pending) by this pipeline's mappers. */
    private final class CallEvents extends DeferredEvents {
        private final PendingCall pending;
        private LlmCall call;

        /** Either a pending call or its record. */
        CallEvents(PendingCall pending, LlmCall call, long heldBytes, long timestampMillis) {
            super(heldBytes, timestampMillis);
            this.pending = pending;
            this.call = call;
        }

        @Override
        public int count() {
            return (settings.events().bedrock() ? 1 : 0) + (settings.events().ai() ? 1 : 0);
        }

        @Override
        public void render(Consumer out) {
            if (call == null) {
                try {
                    call = pending.build().boundTexts(textBound()).build();
                } catch (Throwable t) { // the record could not be built: the call is not reported, nothing else
                    renderFailed(t);
                    return;
                }
            }
            if (settings.events().bedrock()) {
                render(mapper::map, out);
            }
            if (settings.events().ai()) {
                render(aiMapper::map, out);
            }
        }

        /** One schema's event; none (counted, logged by class name only) when its mapper failed. */
        private void render(Function<LlmCall, Event> schema, Consumer out) {
            Event event;
            try {
                event = schema.apply(call);
            } catch (Throwable t) { // a mapper's (or the app's redactor's) failure loses this event, nothing else
                renderFailed(t);
                return;
            }
            out.event(event.name(), event.distinctId(), event.properties());
        }
    }

    /** Counted as an internal error, logged (class name only: a message might carry request text). */
    private void renderFailed(Throwable t) {
        internalError();
        try {
            RENDER_ERRORS.warn("bedrock-posthog: internal error while rendering an event, not reported: {}",
                    t.getClass().getName());
        } catch (Throwable ignored) {
            // logging failed: counted all the same
        }
    }

    /** The sink's counters plus this pipeline's internal errors. */
    public DeliveryStats stats() {
        DeliveryStats stats;
        try {
            stats = sink.stats();
        } catch (RuntimeException e) { // a custom sink's problem must not become the caller's
            stats = DeliveryStats.ZERO;
        }
        return stats.withInternalErrors(internalErrors.get());
    }

    /**
     * A hook failed inside (caught, the app's call unaffected); the call it served is not reported. Counted so
     * nothing is lost silently.
     */
    public void internalError() {
        internalErrors.incrementAndGet();
    }

    /**
     * A call began: {@link #close()} waits for its event (within the flush deadline). End the token once the event
     * is handed over, or when the call will not be reported.
     */
    public InFlightCalls.Token callStarted() {
        InFlightCalls.Token token = inFlight.begin();
        sink.callStarted();
        return token;
    }

    /**
     * Waits for the calls in flight to hand over their events, then flushes; all within the configured deadline.
     * Idempotent.
     */
    public void close() {
        long timeout = settings.flushTimeoutMillis();
        long deadline = System.nanoTime() + timeout * 1_000_000L;
        inFlight.awaitIdle(deadline);
        sink.close(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
    }
}
