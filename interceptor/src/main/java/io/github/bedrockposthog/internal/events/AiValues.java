package io.github.bedrockposthog.internal.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.bedrockposthog.internal.text.CappedText;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Set;

/**
 * Value plumbing for {@code $ai_generation}: SDK {@link Document}s as plain maps and lists, trees as JSON text
 * (OpenAI-style tool-call arguments), and one text budget over a whole message list.
 *
 * <p>Values handed to the transport are only {@code Map}, {@code List}, {@code String}, {@code Boolean},
 * {@code Long}, {@code Double}, {@code BigInteger}, {@code BigDecimal} and {@code null}.
 */
final class AiValues {

    private static final JsonFactory JSON = new JsonFactory();
    /** Keys whose string values are model or user text, and count against the text budget. */
    private static final Set<String> TEXT_KEYS = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
            "content", "text", "arguments")));
    private static final int MAX_DEPTH = 64;

    private AiValues() {
    }

    /** A Converse {@link Document} as plain values; {@code null} for {@code null}. */
    static Object plain(Document document) {
        return plain(document, 0);
    }

    private static Object plain(Document d, int depth) {
        if (d == null || d.isNull() || depth > MAX_DEPTH) {
            return null;
        }
        if (d.isString()) {
            return d.asString();
        }
        if (d.isBoolean()) {
            return d.asBoolean();
        }
        if (d.isNumber()) {
            return number(d.asNumber());
        }
        if (d.isList()) {
            List<Object> list = new ArrayList<>();
            for (Document item : d.asList()) {
                list.add(plain(item, depth + 1));
            }
            return list;
        }
        if (d.isMap()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, Document> e : d.asMap().entrySet()) {
                map.put(e.getKey(), plain(e.getValue(), depth + 1));
            }
            return map;
        }
        return null;
    }

    /** An SDK number as a whole number when it is one, else a decimal; the transport knows only standard types. */
    private static Object number(SdkNumber n) {
        BigDecimal decimal = n.bigDecimalValue();
        try {
            return decimal.longValueExact();
        } catch (ArithmeticException notWhole) {
            return decimal.doubleValue();
        }
    }

    /** A float from the SDK (temperature, top p) as the decimal the caller wrote: 0.7f gives 0.7, not 0.699999988. */
    static Double decimal(Float f) {
        return f == null ? null : Double.valueOf(Float.toString(f));
    }

    /** A tree (maps, lists, scalars) as compact JSON text; {@code "{}"} when it cannot be written. */
    static String json(Object tree) {
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

    /**
     * Keeps the texts of a message list within {@code maxChars} in total, spending the budget from the last message
     * backwards: the newest turns say most about the call, so the oldest history is cut first. Cut texts end with
     * {@link CappedText#TRUNCATION_MARKER}.
     *
     * @return whether anything was cut
     */
    static boolean capTexts(List<Map<String, Object>> messages, int maxChars) {
        int[] budget = {Math.max(0, maxChars)};
        boolean cut = false;
        for (int i = messages.size() - 1; i >= 0; i--) {
            cut |= capNode(messages.get(i), budget, 0);
        }
        return cut;
    }

    @SuppressWarnings("unchecked")
    private static boolean capNode(Object node, int[] budget, int depth) {
        boolean cut = false;
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (node instanceof Map) {
            Map<String, Object> map = (Map<String, Object>) node;
            List<Map.Entry<String, Object>> entries = new ArrayList<>(map.entrySet());
            for (int i = entries.size() - 1; i >= 0; i--) {
                Map.Entry<String, Object> e = entries.get(i);
                Object value = e.getValue();
                if (value instanceof String && TEXT_KEYS.contains(e.getKey())) {
                    String s = (String) value;
                    if (s.length() <= budget[0]) {
                        budget[0] -= s.length();
                    } else {
                        map.put(e.getKey(), CappedText.cap(s, budget[0]));
                        budget[0] = 0;
                        cut = true;
                    }
                } else {
                    cut |= capNode(value, budget, depth + 1);
                }
            }
        } else if (node instanceof List) {
            ListIterator<Object> it = ((List<Object>) node).listIterator(((List<Object>) node).size());
            while (it.hasPrevious()) {
                cut |= capNode(it.previous(), budget, depth + 1);
            }
        }
        return cut;
    }
}
