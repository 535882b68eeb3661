package io.github.bedrockposthog.internal.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.posthog.java.shaded.org.json.JSONArray;
import com.posthog.java.shaded.org.json.JSONObject;

import java.io.IOException;
import java.io.StringWriter;

/**
 * Writes an event of posthog-java's queue as JSON text with jackson-core. org.json's own {@code toString()} is
 * slow: it quotes character by character into a synchronized buffer and matches every number against a regular
 * expression, and the delivery thread spent most of its time there. The text means the same JSON: numbers are
 * spelled as org.json spells them, strings may escape fewer characters. Anything but the plain values the event
 * mapper produces (strings, integers, finite doubles, booleans, nulls, nested objects and arrays) makes the whole
 * event fall back to org.json, so no event is ever written differently in meaning.
 */
final class EventJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int MAX_DEPTH = 100;

    /** Signals a value this writer leaves to org.json; preallocated and stackless. */
    private static final IOException UNSUPPORTED = new IOException("left to org.json") {
        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    };

    private EventJson() {
    }

    /** The event as JSON text. */
    static String toJson(JSONObject event) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writeObject(generator, event, 0);
        } catch (IOException | RuntimeException e) {
            return event.toString();
        }
        return out.toString();
    }

    private static void writeObject(JsonGenerator g, JSONObject object, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw UNSUPPORTED;
        }
        g.writeStartObject();
        for (String key : object.keySet()) {
            g.writeFieldName(key);
            writeValue(g, object.opt(key), depth);
        }
        g.writeEndObject();
    }

    private static void writeArray(JsonGenerator g, JSONArray array, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw UNSUPPORTED;
        }
        g.writeStartArray();
        for (int i = 0; i < array.length(); i++) {
            writeValue(g, array.opt(i), depth);
        }
        g.writeEndArray();
    }

    private static void writeValue(JsonGenerator g, Object value, int depth) throws IOException {
        if (value == null || value == JSONObject.NULL) {
            g.writeNull();
        } else if (value instanceof String) {
            g.writeString((String) value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            g.writeNumber(decimal((Number) value));
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof JSONObject) {
            writeObject(g, (JSONObject) value, depth + 1);
        } else if (value instanceof JSONArray) {
            writeArray(g, (JSONArray) value, depth + 1);
        } else {
            throw UNSUPPORTED; // BigDecimal, enums, JSONString, beans...: org.json's own rules apply
        }
    }

    /** A double or float as org.json writes it: its {@code toString()}, trailing zeros (and a bare point) dropped. */
    static String decimal(Number n) throws IOException {
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw UNSUPPORTED; // org.json refuses these
        }
        String s = n.toString();
        if (s.indexOf('.') > 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return s;
    }
}
