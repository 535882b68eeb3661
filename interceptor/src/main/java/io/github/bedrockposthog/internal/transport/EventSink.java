package io.github.bedrockposthog.internal.transport;

import java.util.Map;

/** Where finished events go. Implementations never block the caller on I/O and never throw. */
public interface EventSink {

    /**
     * Hands one event over for delivery.
     *
     * @return false when it was not accepted (queue full, closed); the sink counts it as dropped
     */
    boolean send(String event, String distinctId, Map<String, Object> properties);

    /**
     * A Bedrock call began whose event will come (or not) later; a sink that delivers in the background keeps its
     * machinery (and its shutdown flush) ready for it. Cheap; never blocks.
     */
    default void callStarted() {
    }

    /** Delivery counters. */
    DeliveryStats stats();

    /** Delivers what is pending, waiting at most {@code timeoutMillis}; idempotent. */
    void close(long timeoutMillis);

    /** A sink that accepts nothing: used when no API key is configured. */
    EventSink NONE = new EventSink() {
        @Override
        public boolean send(String event, String distinctId, Map<String, Object> properties) {
            return false;
        }

        @Override
        public DeliveryStats stats() {
            return DeliveryStats.ZERO;
        }

        @Override
        public void close(long timeoutMillis) {
        }
    };
}
