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
     * Hands over a call's events, to be rendered when the sink likes: a sink that delivers in the background renders
     * them on its own thread. This default renders them now and {@link #send(String, String, Map) sends} each.
     *
     * @return false when any was not accepted
     */
    default boolean send(DeferredEvents events) {
        final boolean[] accepted = {true};
        events.render(new DeferredEvents.Consumer() {
            @Override
            public void event(String event, String distinctId, Map<String, Object> properties) {
                accepted[0] &= send(event, distinctId, properties);
            }
        });
        return accepted[0];
    }

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
        public boolean send(DeferredEvents events) {
            return false; // nothing rendered for nobody
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
