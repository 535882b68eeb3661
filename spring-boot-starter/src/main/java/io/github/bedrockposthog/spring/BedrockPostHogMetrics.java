package io.github.bedrockposthog.spring;

import io.github.bedrockposthog.BedrockPostHog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters of the app's {@link BedrockPostHog}: the gauge {@code posthog.bedrock.events.queued} and the
 * counters {@code posthog.bedrock.events.sent}, {@code .dropped} (refused at the door: queue full or closed) and
 * {@code .failed} (rejected by PostHog or undeliverable before shutdown), read from {@link BedrockPostHog#stats()}.
 */
public class BedrockPostHogMetrics implements MeterBinder {

    private final BedrockPostHog bedrockPostHog;

    /**
     * Meters of {@code bedrockPostHog}.
     *
     * @param bedrockPostHog the configuration whose counters are published
     */
    public BedrockPostHogMetrics(BedrockPostHog bedrockPostHog) {
        this.bedrockPostHog = bedrockPostHog;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("posthog.bedrock.events.queued", bedrockPostHog, p -> p.stats().queued())
                .description("Events accepted and not yet delivered to PostHog").baseUnit("events").register(registry);
        counter(registry, "sent", "Events PostHog acknowledged", p -> p.stats().sent());
        counter(registry, "dropped", "Events refused because the queue was full or delivery closed",
                p -> p.stats().dropped());
        counter(registry, "failed", "Events PostHog rejected or that could not be delivered before shutdown",
                p -> p.stats().failed());
    }

    private void counter(MeterRegistry registry, String name, String description,
                         ToDoubleFunction<BedrockPostHog> count) {
        FunctionCounter.builder("posthog.bedrock.events." + name, bedrockPostHog, count)
                .description(description).baseUnit("events").register(registry);
    }
}
