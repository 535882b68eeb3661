package io.github.bedrockposthog.internal.transport;

import com.posthog.java.shaded.org.json.JSONException;
import com.posthog.java.shaded.org.json.JSONObject;
import io.github.bedrockposthog.internal.json.JsonNull;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One event in posthog-java's queue, as posthog-java itself would build it ({@code uuid}, {@code timestamp},
 * {@code distinct_id}, {@code event}, {@code properties}), plus what it holds of the heap so the queue can be
 * bounded in bytes as well as in events. The {@code uuid} is made here, once: every retry sends the same one, so
 * PostHog deduplicates a batch whose answer was lost.
 */
final class QueuedEvent extends JSONObject {

    private final long heldBytes;

    private QueuedEvent(long heldBytes) {
        this.heldBytes = heldBytes;
    }

    /** What an event counts against the queue's byte bound; 0 for events built elsewhere. */
    static long heldBytes(JSONObject event) {
        return event instanceof QueuedEvent ? ((QueuedEvent) event).heldBytes : 0L;
    }

    static QueuedEvent of(String event, String distinctId, Map<String, Object> properties, long heldBytes) {
        QueuedEvent json = new QueuedEvent(heldBytes);
        json.put("uuid", UUID.randomUUID().toString());
        json.put("timestamp", Instant.now().toString());
        json.put("distinct_id", distinctId);
        json.put("event", event);
        if (properties != null) {
            json.put("properties", properties(properties));
        }
        return json;
    }

    /**
     * The properties as JSON. A value org.json refuses (a NaN, an infinite number) loses only itself, not the
     * event's other properties as it would inside posthog-java. {@link JsonNull} becomes org.json's {@code NULL},
     * written as {@code null}; a plain {@code null} is left out.
     */
    private static JSONObject properties(Map<String, Object> properties) {
        JSONObject json;
        try {
            json = new JSONObject(properties);
        } catch (JSONException | IllegalArgumentException e) {
            json = new JSONObject();
            for (Map.Entry<String, Object> entry : properties.entrySet()) {
                try {
                    json.put(entry.getKey(), JSONObject.wrap(entry.getValue()));
                } catch (RuntimeException skipped) {
                    // left out: not representable in JSON
                }
            }
        }
        for (Map.Entry<String, Object> entry : properties.entrySet()) {
            if (entry.getValue() == JsonNull.VALUE) {
                json.put(entry.getKey(), JSONObject.NULL);
            }
        }
        return json;
    }
}
