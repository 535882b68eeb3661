package io.github.bedrockposthog.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Writes a tree of plain values (maps, lists, scalars) as compact JSON text with jackson-core's generator. */
public final class JsonText {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_DEPTH = 64;

    private JsonText() {
    }

    /**
     * A tree as compact JSON text (tool-call arguments, tool results given as JSON).
     *
     * @param tree maps, lists, strings, booleans, numbers or {@code null}
     * @return the JSON text; {@code "{}"} when it cannot be written
     */
    public static String write(Object tree) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, tree, 0);
        } catch (IOException | RuntimeException e) {
            return "{}";
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v, int depth) throws IOException {
        if (v == null || depth > MAX_DEPTH) {
            g.writeNull();
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue(), depth + 1);
            }
            g.writeEndObject();
        } else if (v instanceof List) {
            g.writeStartArray();
            for (Object item : (List<?>) v) {
                write(g, item, depth + 1);
            }
            g.writeEndArray();
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Long || v instanceof Integer) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger) {
            g.writeNumber((BigInteger) v);
        } else if (v instanceof BigDecimal) {
            g.writeNumber((BigDecimal) v);
        } else if (v instanceof Number) {
            g.writeNumber(((Number) v).doubleValue());
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
