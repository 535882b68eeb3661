package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event the {@link CaptureServer} accepted, as the client sent it. Immutable.
 *
 * @param event      the event name, e.g. {@code $ai_generation}
 * @param distinctId the {@code distinct_id} (top-level, else from the properties), or null
 * @param properties the properties as Jackson decoded them (strings, numbers, booleans, null, lists, maps),
 *                   unmodifiable all the way down; empty when the event had none
 * @param timestamp  the event's {@code timestamp} as sent, or null
 * @param uuid       the event's {@code uuid} as sent, or null
 * @param apiKey     the {@code api_key} of the request that carried the event
 * @param gzipped    whether the request carrying the event was gzip-compressed
 * @param rawJson    the event's own JSON text exactly as received (for a batch, the element of {@code batch}; for
 *                   a single-event body, the whole body)
 * @param receivedAt when the capture server accepted the event
 */
public record CapturedEvent(String event, String distinctId, Map<String, Object> properties, String timestamp,
                            String uuid, String apiKey, boolean gzipped, String rawJson, Instant receivedAt) {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /**
     * Keeps an unmodifiable deep copy of the properties (empty for null).
     *
     * @param event      the event name
     * @param distinctId the distinct id, or null
     * @param properties the properties, or null
     * @param timestamp  the timestamp as sent, or null
     * @param uuid       the uuid as sent, or null
     * @param apiKey     the request's api_key
     * @param gzipped    whether the request was gzip-compressed
     * @param rawJson    the event's JSON text
     * @param receivedAt when the event was accepted
     */
    public CapturedEvent {
        properties = properties == null ? Map.of() : deepUnmodifiable(properties);
    }

    /** The event as the capture server decodes one element of a batch (or a single-event body). */
    static CapturedEvent of(ObjectNode node, String apiKey, boolean gzipped, String rawJson, Instant receivedAt) {
        JsonNode props = node.path("properties");
        String id = text(node.get("distinct_id"));
        return new CapturedEvent(text(node.get("event")), id != null ? id : text(props.get("distinct_id")),
                props.isObject() ? Json.MAPPER.convertValue(props, MAP) : null, text(node.get("timestamp")),
                text(node.get("uuid")), apiKey, gzipped, rawJson, receivedAt);
    }

    /**
     * One property.
     *
     * @param name property name
     * @return its value, or null when absent (or null)
     */
    public Object property(String name) {
        return properties.get(name);
    }

    /**
     * Whether a property is present, even when its value is null.
     *
     * @param name property name
     * @return true when present
     */
    public boolean hasProperty(String name) {
        return properties.containsKey(name);
    }

    @Override
    public String toString() {
        return event + "(" + distinctId + ")";
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepUnmodifiable(T value) {
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) value).forEach((k, v) -> copy.put(k, deepUnmodifiable(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object element : (List<Object>) value) {
                copy.add(deepUnmodifiable(element));
            }
            return (T) Collections.unmodifiableList(copy);
        }
        return value;
    }
}
