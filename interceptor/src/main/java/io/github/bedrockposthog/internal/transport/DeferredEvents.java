package io.github.bedrockposthog.internal.transport;

import java.util.Map;

/**
 * What a Bedrock call hands over on the app's thread: the events it will make, made later on the delivery thread.
 * The app's thread only records the call; mapping, pricing, sizing and writing JSON happen off it.
 */
public interface DeferredEvents {

    /** How many events {@link #render} makes at most; counted against the queue's event bound. */
    int count();

    /** The heap this holds until rendered, counted against the queue's byte bound; known without rendering. */
    long heldBytes();

    /** When the call ended, in milliseconds since the epoch: its events' {@code timestamp}. */
    long timestampMillis();

    /**
     * Makes the events, once. Never throws: a failure is the implementation's to count, and yields fewer events than
     * {@link #count()}.
     */
    void render(Consumer out);

    /** Receives the rendered events. */
    interface Consumer {
        void event(String event, String distinctId, Map<String, Object> properties);
    }
}
