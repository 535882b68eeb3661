package io.github.bedrockposthog.internal.transport;

import java.util.Map;

/**
 * What a Bedrock call hands over on the app's thread: the events it will make, made later on the delivery thread.
 * The app's thread only records the call; mapping, pricing, sizing and writing JSON happen off it.
 */
public abstract class DeferredEvents {

    private final long heldBytes;
    private final long timestampMillis;

    /**
     * @param heldBytes       the heap this holds until rendered, counted against the queue's byte bound
     * @param timestampMillis when the call ended, in milliseconds since the epoch: its events' {@code timestamp}
     */
    protected DeferredEvents(long heldBytes, long timestampMillis) {
        this.heldBytes = heldBytes;
        this.timestampMillis = timestampMillis;
    }

    /** How many events {@link #render} makes at most; counted against the queue's event bound. */
    public abstract int count();

    /**
     * Makes the events, once. Never throws: a failure is the implementation's to count, and yields fewer events than
     * {@link #count()}.
     */
    public abstract void render(Consumer out);

    /** The heap this holds until rendered, counted against the queue's byte bound; known without rendering. */
    public final long heldBytes() {
        return heldBytes;
    }

    /** When the call ended, in milliseconds since the epoch: its events' {@code timestamp}. */
    public final long timestampMillis() {
        return timestampMillis;
    }

    /** Receives the rendered events. */
    public interface Consumer {
        void event(String event, String distinctId, Map<String, Object> properties);
    }
}
