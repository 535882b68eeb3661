package io.github.bedrockposthog.sample;

import io.github.bedrockposthog.testkit.CapturedEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * What the insights need of one captured PostHog event: its name, user, time, cost and response time (the rest,
 * prompt and generation included, is not kept).
 *
 * @param name             {@code bedrock_completion} or {@code bedrock_error}
 * @param distinctId       the user
 * @param time             the event's timestamp
 * @param totalCostUsd     {@code total_cost_in_dollars}, or null when the event has none
 * @param responseTimeMs   {@code response_time_in_ms}, or null when the event has none
 */
public record InsightEvent(String name, String distinctId, Instant time, Double totalCostUsd, Double responseTimeMs) {

    /** The tutorial's event for a successful call. */
    public static final String COMPLETION = "bedrock_completion";
    /** The tutorial's event for a failed call. */
    public static final String ERROR = "bedrock_error";

    /**
     * Validates the parts.
     *
     * @param name           event name
     * @param distinctId     user
     * @param time           timestamp
     * @param totalCostUsd   cost or null
     * @param responseTimeMs response time or null
     */
    public InsightEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
    }

    /** @return true for {@code bedrock_completion} */
    public boolean isCompletion() {
        return COMPLETION.equals(name);
    }

    /** @return true for {@code bedrock_error} */
    public boolean isError() {
        return ERROR.equals(name);
    }

    /**
     * The insight-relevant part of a captured event.
     *
     * @param event an event the capture server accepted
     * @return the compact event, empty for events other than {@code bedrock_completion} and {@code bedrock_error}
     */
    public static Optional<InsightEvent> of(CapturedEvent event) {
        if (!COMPLETION.equals(event.event()) && !ERROR.equals(event.event())) {
            return Optional.empty();
        }
        return Optional.of(new InsightEvent(event.event(), event.distinctId(), timeOf(event),
                number(event.property("total_cost_in_dollars")), number(event.property("response_time_in_ms"))));
    }

    private static Instant timeOf(CapturedEvent event) {
        String timestamp = event.timestamp();
        if (timestamp != null) {
            try {
                return Instant.parse(timestamp);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(timestamp).toInstant();
                } catch (DateTimeParseException ignored) {
                    // fall back to the arrival time
                }
            }
        }
        return event.receivedAt();
    }

    private static Double number(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (value instanceof String s) {
            try {
                double d = Double.parseDouble(s);
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
