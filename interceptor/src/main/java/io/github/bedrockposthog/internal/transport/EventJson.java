package io.github.bedrockposthog.internal.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.github.bedrockposthog.internal.json.JsonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes one event of a {@code /batch} request as UTF-8 JSON with jackson-core, straight from the renderers' plain
 * values ({@code {uuid, timestamp, distinct_id, event, properties}}, as posthog-java's {@code capture} builds it).
 *
 * <p>Values: strings, integers, finite doubles, booleans, maps, collections and object arrays; {@link JsonNull} is
 * written as {@code null}; a {@code null} property or map entry is left out (an element of a list stays, as
 * {@code null}); a NaN or infinite number is left out (in a list: {@code null}); anything else is written as its
 * {@code toString()}. Doubles are spelled as org.json (posthog-java) spelled them: the shortest text, trailing zeros
 * and a bare point dropped, so {@code 3.0} is {@code 3}.
 */
final class EventJson {

    private static final JsonFactory FACTORY;
    /**
     * Whether the factory writes a surrogate pair as one 4-byte UTF-8 character. jackson-core's UTF-8 writer
     * otherwise escapes each half ({@code \uD83D\uDE00}, 12 bytes an emoji: more than {@code JsonSize} counts);
     * Jackson before 2.18 (an app's own, with the plain jar) cannot, so text then goes through a char writer.
     */
    private static final boolean COMBINES_SURROGATES;

    static {
        JsonFactory factory;
        boolean combines;
        try {
            factory = JsonFactory.builder()
                    .enable(JsonWriteFeature.valueOf("COMBINE_UNICODE_SURROGATES_IN_UTF8"))
                    .build();
            combines = true;
        } catch (IllegalArgumentException absentBefore218) {
            factory = new JsonFactory();
            combines = false;
        }
        FACTORY = factory;
        COMBINES_SURROGATES = combines;
    }

    /** Deeper values are written as their text: the renderers never nest this far. */
    private static final int MAX_DEPTH = 100;
    /** How many property names {@link #writeName} remembers. */
    private static final int MAX_NAMES = 1024;
    private static final ConcurrentHashMap<String, SerializedString> NAMES = new ConcurrentHashMap<>();

    private EventJson() {
    }

    /** The event as UTF-8 JSON, written through {@code buffer} (emptied first; reused by one thread). */
    static byte[] toJson(String uuid, String timestamp, String distinctId, String event,
                         Map<String, Object> properties, ByteArrayOutputStream buffer) throws IOException {
        buffer.reset();
        try (JsonGenerator g = COMBINES_SURROGATES ? FACTORY.createGenerator(buffer)
                : FACTORY.createGenerator(new OutputStreamWriter(buffer, StandardCharsets.UTF_8))) {
            g.writeStartObject();
            writeName(g, "uuid");
            writeText(g, uuid);
            writeName(g, "timestamp");
            writeText(g, timestamp);
            writeName(g, "distinct_id");
            writeText(g, distinctId);
            writeName(g, "event");
            writeText(g, event);
            if (properties != null) {
                writeName(g, "properties");
                writeMap(g, properties, 0);
            }
            g.writeEndObject();
        }
        return buffer.toByteArray();
    }

    /** {@code s} as a JSON string literal, quotes included. */
    static String quote(String s) throws IOException {
        StringWriter out = new StringWriter(s.length() + 8);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeString(s);
        }
        return out.toString();
    }

    private static void writeMap(JsonGenerator g, Map<?, ?> map, int depth) throws IOException {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object value = e.getValue();
            if (value == null || isNotFinite(value)) {
                continue;
            }
            writeName(g, e.getKey());
            writeValue(g, value, depth + 1);
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object value, int depth) throws IOException {
        if (value instanceof String) {
            writeText(g, (String) value);
        } else if (value == null || value == JsonNull.VALUE) {
            g.writeNull();
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            if (isNotFinite(value)) {
                g.writeNull();
            } else {
                g.writeNumber(decimal((Number) value));
            }
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (depth > MAX_DEPTH) {
            g.writeString(String.valueOf(value));
        } else if (value instanceof Map) {
            writeMap(g, (Map<?, ?>) value, depth);
        } else if (value instanceof Collection) {
            g.writeStartArray();
            for (Object element : (Collection<?>) value) {
                writeValue(g, element, depth + 1);
            }
            g.writeEndArray();
        } else if (value instanceof Object[]) {
            g.writeStartArray();
            for (Object element : (Object[]) value) {
                writeValue(g, element, depth + 1);
            }
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(value)); // enums and the like: their text
        }
    }

    /**
     * A property name, quoted and encoded once: jackson copies its bytes instead of escaping it character by character
     * (writing names was 31% of {@code EventJsonBenchmark}'s samples). Names are remembered while there are fewer than
     * {@link #MAX_NAMES}; past that (an app's own property names by the thousand) they are encoded each time. Only
     * strings are remembered: no app object is kept reachable from this class. A name that cannot be encoded up front
     * (a lone surrogate half) goes through the generator, which escapes it, as before.
     */
    private static void writeName(JsonGenerator g, Object key) throws IOException {
        SerializedString name = key instanceof String ? NAMES.get(key) : null;
        if (name == null) {
            String text = String.valueOf(key);
            name = new SerializedString(text);
            try {
                name.asQuotedUTF8(); // encoded now, and kept by the SerializedString
            } catch (IllegalArgumentException brokenSurrogate) {
                g.writeFieldName(text);
                return;
            }
            if (key instanceof String && NAMES.size() < MAX_NAMES) {
                NAMES.put((String) key, name);
            }
        }
        g.writeFieldName(name);
    }

    /**
     * A string value, encoded by the JDK's UTF-8 encoder (fast on Latin-1 text) and handed to jackson as bytes, which
     * it checks for escapes a byte at a time, faster than it reads a {@code String} a character at a time
     * ({@code EventJsonBenchmark}). A surrogate pair is one 4-byte character; a lone surrogate half, which is not
     * text, becomes {@code ?} as in {@link String#getBytes}. Old jackson's char-writer generator takes the string.
     */
    private static void writeText(JsonGenerator g, String s) throws IOException {
        if (s == null) {
            g.writeNull();
        } else if (COMBINES_SURROGATES) { // a UTF-8 generator
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            g.writeUTF8String(utf8, 0, utf8.length);
        } else {
            g.writeString(s);
        }
    }

    private static boolean isNotFinite(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d);
        }
        return false;
    }

    /**
     * A finite double or float as org.json writes it: its shortest decimal text (jackson's Schubfach writer, much
     * faster than the JDK's on the small costs every event carries), trailing zeros and a bare point dropped.
     */
    static String decimal(Number n) {
        String s = n instanceof Float ? NumberOutput.toString(n.floatValue(), true)
                : NumberOutput.toString(n.doubleValue(), true);
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
