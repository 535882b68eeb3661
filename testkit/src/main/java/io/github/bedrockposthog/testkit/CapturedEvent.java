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

/** One event the {@link CaptureServer} accepted, as the client sent it. Immutable. */
public final class CapturedEvent {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final String event;
    private final String distinctId;
    private final Map<String, Object> properties;
    private final String timestamp;
    private final String uuid;
    private final String apiKey;
    private final boolean gzipped;
    private final String rawJson;
    private final Instant receivedAt;

    CapturedEvent(ObjectNode node, String apiKey, boolean gzipped, String rawJson, Instant receivedAt) {
        JsonNode props = node.path("properties");
        this.properties = props.isObject() ? deepUnmodifiable(Json.MAPPER.convertValue(props, MAP)) : Map.of();
        this.event = text(node.get("event"));
        String id = text(node.get("distinct_id"));
        this.distinctId = id != null ? id : text(props.get("distinct_id"));
        this.timestamp = text(node.get("timestamp"));
        this.uuid = text(node.get("uuid"));
        this.apiKey = apiKey;
        this.gzipped = gzipped;
        this.rawJson = rawJson;
        this.receivedAt = receivedAt;
    }

    /**
     * The event name.
     *
     * @return e.g. {@code $ai_generation}
     */
    public String event() {
        return event;
    }

    /**
     * The {@code distinct_id} (top-level, else from the properties).
     *
     * @return the distinct id, or null
     */
    public String distinctId() {
        return distinctId;
    }

    /**
     * The properties as Jackson decoded them (strings, numbers, booleans, null, lists, maps).
     *
     * @return an unmodifiable map, empty when the event had none
     */
    public Map<String, Object> properties() {
        return properties;
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

    /**
     * The event's {@code timestamp} as sent.
     *
     * @return the text, or null
     */
    public String timestamp() {
        return timestamp;
    }

    /**
     * The event's {@code uuid} as sent.
     *
     * @return the text, or null
     */
    public String uuid() {
        return uuid;
    }

    /**
     * The {@code api_key} of the request that carried the event.
     *
     * @return the key
     */
    public String apiKey() {
        return apiKey;
    }

    /**
     * Whether the request carrying the event was gzip-compressed.
     *
     * @return true for gzip
     */
    public boolean gzipped() {
        return gzipped;
    }

    /**
     * The event's own JSON text exactly as received (for a batch, the element of {@code batch}; for a
     * single-event body, the whole body).
     *
     * @return the JSON text
     */
    public String rawJson() {
        return rawJson;
    }

    /**
     * When the capture server accepted the event.
     *
     * @return the instant
     */
    public Instant receivedAt() {
        return receivedAt;
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
