package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.json.JsonText;
import io.github.bedrockposthog.internal.model.Messages;
import io.github.bedrockposthog.internal.text.CappedText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/**
 * Value plumbing for {@code $ai_generation}: one text budget over a whole message list.
 *
 * <p>Values handed to the transport are only {@code Map}, {@code List}, {@code String}, {@code Boolean},
 * {@code Long}, {@code Double}, {@code BigInteger}, {@code BigDecimal} and {@code null}.
 */
final class AiValues {

    private static final int MAX_DEPTH = 64;

    private AiValues() {
    }

    /** A tree as compact JSON text (for tests and callers that compare texts). */
    static String json(Object tree) {
        return JsonText.write(tree);
    }

    /** A deep copy of a message list (maps and lists copied, scalars shared), safe to cut in place. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> copy(List<Map<String, Object>> messages) {
        return (List<Map<String, Object>>) copyNode(messages, 0);
    }

    @SuppressWarnings("unchecked")
    private static Object copyNode(Object node, int depth) {
        if (depth > MAX_DEPTH) {
            return null;
        }
        if (node instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) node).entrySet()) {
                copy.put(e.getKey(), copyNode(e.getValue(), depth + 1));
            }
            return copy;
        }
        if (node instanceof List) {
            List<Object> copy = new ArrayList<>(((List<?>) node).size());
            for (Object item : (List<?>) node) {
                copy.add(copyNode(item, depth + 1));
            }
            return copy;
        }
        return node;
    }

    /** The characters of all texts of a message list (what {@link #capTexts} spends its budget on). */
    static long textChars(Object node) {
        return textChars(node, 0);
    }

    private static long textChars(Object node, int depth) {
        long chars = 0;
        if (depth > MAX_DEPTH) {
            return 0;
        }
        if (node instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
                if (e.getValue() instanceof String && Messages.TEXT_KEYS.contains(e.getKey())) {
                    chars += ((String) e.getValue()).length();
                } else {
                    chars += textChars(e.getValue(), depth + 1);
                }
            }
        } else if (node instanceof List) {
            for (Object item : (List<?>) node) {
                chars += textChars(item, depth + 1);
            }
        }
        return chars;
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
                if (value instanceof String && Messages.TEXT_KEYS.contains(e.getKey())) {
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
