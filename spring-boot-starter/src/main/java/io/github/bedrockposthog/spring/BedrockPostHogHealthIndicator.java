package io.github.bedrockposthog.spring;

import io.github.bedrockposthog.BedrockPostHog;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Delivery health of the app's {@link BedrockPostHog} ({@code /actuator/health/posthog}): {@code UP} while the latest
 * delivery to PostHog succeeded (or none was needed yet), {@link #DEGRADED} with the last error while it fails, and
 * {@code UNKNOWN} when nothing is reported (no API key, or disabled). Analytics never take the app down: the
 * {@code DEGRADED} status is not one of the statuses Spring's aggregate health orders, so it leaves it as it is.
 * The details hold the delivery counters and never the API key.
 */
public class BedrockPostHogHealthIndicator extends AbstractHealthIndicator {

    /** PostHog refuses or cannot be reached; events wait for retries or are given up. */
    public static final Status DEGRADED = new Status("DEGRADED", "PostHog delivery is failing");

    private final BedrockPostHog bedrockPostHog;

    /**
     * Reports on {@code bedrockPostHog}.
     *
     * @param bedrockPostHog the configuration whose delivery is reported
     */
    public BedrockPostHogHealthIndicator(BedrockPostHog bedrockPostHog) {
        super("PostHog delivery health check failed");
        this.bedrockPostHog = bedrockPostHog;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        BedrockPostHog.Stats stats = bedrockPostHog.stats();
        String lastError = stats.lastError();
        if (!bedrockPostHog.reporting()) {
            builder.unknown().withDetail("reporting", false);
        } else if (lastError != null) {
            builder.status(DEGRADED).withDetail("lastError", lastError);
        } else {
            builder.up();
        }
        builder.withDetail("queued", stats.queued())
                .withDetail("sent", stats.sent())
                .withDetail("dropped", stats.dropped())
                .withDetail("failed", stats.failed());
    }
}
