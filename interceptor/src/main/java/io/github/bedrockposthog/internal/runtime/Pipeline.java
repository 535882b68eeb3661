package io.github.bedrockposthog.internal.runtime;

import io.github.bedrockposthog.internal.call.Observation;
import io.github.bedrockposthog.internal.config.Settings;
import io.github.bedrockposthog.internal.events.AiGenerationMapper;
import io.github.bedrockposthog.internal.events.Event;
import io.github.bedrockposthog.internal.events.EventMapper;
import io.github.bedrockposthog.internal.pricing.PriceTable;
import io.github.bedrockposthog.internal.transport.DeliveryStats;
import io.github.bedrockposthog.internal.transport.EventSink;
import io.github.bedrockposthog.internal.transport.PostHogSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiFunction;

/**
 * Everything behind the hooks for one configuration: settings, prices, the event mapper and the sink.
 * The zero-code interceptor shares one per JVM ({@link GlobalPipeline}); each explicit
 * {@code BedrockPostHog} owns one.
 */
public final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.bedrockposthog");

    private final Settings settings;
    private final EventMapper mapper;
    private final AiGenerationMapper aiMapper;
    private final EventSink sink;
    private final AppHooks hooks;

    Pipeline(Settings settings, PriceTable prices, EventSink sink) {
        this(settings, prices, sink, null, AppHooks.NONE);
    }

    Pipeline(Settings settings, PriceTable prices, EventSink sink, BiFunction<String, String, String> redactor,
             AppHooks hooks) {
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
        return create(settings, customSink, origin, redactor, AppHooks.NONE);
    }

    /**
     * Like {@link #create(Settings, EventSink, String, BiFunction)}, with the app's hooks (user resolver,
     * properties contributor) called when a call starts.
     */
    public static Pipeline create(Settings settings, EventSink customSink, String origin,
                                  BiFunction<String, String, String> redactor, AppHooks hooks) {
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
        if (sink == null) {
            sink = PostHogSink.start(settings.host(), settings.apiKey(), settings.maxQueue(), settings.maxQueueBytes(),
                    settings.flushTimeoutMillis());
            if (sink == null) {
                return new Pipeline(settings, null, EventSink.NONE);
            }
        }
        LOG.info("bedrock-posthog ({}): reporting Bedrock calls to {}{}", origin, settings.host(),
                settings.privacyMode() ? " in privacy mode" : "");
        return new Pipeline(settings, prices, sink, redactor, hooks);
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
     * Maps and hands over one observation: {@code bedrock_completion}/{@code bedrock_error} and/or
     * {@code $ai_generation}, as {@code POSTHOG_BEDROCK_EVENTS} says.
     */
    public void emit(Observation observation) {
        if (settings.events().bedrock()) {
            Event event = mapper.map(observation);
            sink.send(event.name(), event.distinctId(), event.properties());
        }
        if (settings.events().ai()) {
            Event generation = aiMapper.map(observation);
            sink.send(generation.name(), generation.distinctId(), generation.properties());
        }
    }

    public DeliveryStats stats() {
        return sink.stats();
    }

    /** Flushes within the configured deadline and stops; idempotent. */
    public void close() {
        sink.close(settings.flushTimeoutMillis());
    }
}
