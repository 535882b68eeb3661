package io.github.bedrockposthog.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny JSON tree on top of jackson-core's streaming parser: objects become {@code Map<String,Object>},
 * arrays {@code List<Object>}, numbers {@code Long}/{@code Double}, plus {@code String}, {@code Boolean}
 * and {@code null}. Readers then walk the tree with the null-safe path helpers below.
 *
 * <p>Never throws: bytes that are not JSON give {@code null}, so a garbage body can never reach the app.
 */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();

    private Json() {
    }

    /** Parses a whole document; {@code null} when the bytes are absent or not valid JSON. */
    public static Object parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            return read(parser, first);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Parses a document given as text; {@code null} when it is not valid JSON. */
    public static Object parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            return read(parser, first);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Object read(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken valueToken = p.nextToken();
                    map.put(name, read(p, valueToken));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new IOException("unterminated array");
                    }
                    list.add(read(p, t));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected token " + token);
        }
    }

    /** The object at {@code node}, or an empty map when it is not an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object node) {
        return node instanceof Map ? (Map<String, Object>) node : Collections.<String, Object>emptyMap();
    }

    /** The array at {@code node}, or an empty list when it is not an array. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object node) {
        return node instanceof List ? (List<Object>) node : Collections.emptyList();
    }

    /**
     * Walks a path of object keys (String) and array indexes (Integer); {@code null} as soon as a step is
     * missing or of the wrong kind.
     */
    public static Object at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            if (current == null) {
                return null;
            }
            if (step instanceof String) {
                current = current instanceof Map ? ((Map<?, ?>) current).get(step) : null;
            } else if (step instanceof Integer) {
                if (!(current instanceof List)) {
                    return null;
                }
                List<?> list = (List<?>) current;
                int index = (Integer) step;
                if (index < 0) {
                    index = list.size() + index;
                }
                current = index >= 0 && index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }

    /** {@link #at(Object, Object...)} for one key, without a varargs array: readers run on every call and frame. */
    public static Object at(Object node, String key) {
        return node instanceof Map ? ((Map<?, ?>) node).get(key) : null;
    }

    /** {@link #at(Object, Object...)} for two keys, without a varargs array. */
    public static Object at(Object node, String key, String next) {
        return at(at(node, key), next);
    }

    /** {@link #string(Object, Object...)} for one key, without a varargs array. */
    public static String string(Object node, String key) {
        Object value = at(node, key);
        return value instanceof String ? (String) value : null;
    }

    /** {@link #string(Object, Object...)} for two keys, without a varargs array. */
    public static String string(Object node, String key, String next) {
        Object value = at(at(node, key), next);
        return value instanceof String ? (String) value : null;
    }

    /** {@link #number(Object, Object...)} for one key, without a varargs array. */
    public static Long number(Object node, String key) {
        return toLong(at(node, key));
    }

    /** {@link #number(Object, Object...)} for two keys, without a varargs array. */
    public static Long number(Object node, String key, String next) {
        return toLong(at(at(node, key), next));
    }

    /** The string at the path, or {@code null} when absent or not a string. */
    public static String string(Object node, Object... path) {
        Object value = at(node, path);
        return value instanceof String ? (String) value : null;
    }

    /** The whole number at the path, or {@code null} when absent or not a number (numeric strings accepted). */
    public static Long number(Object node, Object... path) {
        return toLong(at(node, path));
    }

    private static Long toLong(Object value) {
        if (value instanceof Long) {
            return (Long) value; // no second box: stream chunks read several numbers each
        }
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        if (value instanceof String) {
            try {
                return Long.parseLong(((String) value).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The decimal number at the path, or {@code null} when absent or not a number. */
    public static Double decimal(Object node, Object... path) {
        Object value = at(node, path);
        return value instanceof Number ? ((Number) value).doubleValue() : null;
    }
}
