package io.github.bedrockposthog.internal.model;

import java.util.List;
import java.util.Map;

/**
 * Cuts over-long texts of a call record before it waits for rendering: a plain prefix, no marker. The renderers
 * cap again, shorter, and mark the cut (never inside a surrogate pair); this only bounds what a waiting record holds.
 */
final class TextBound {

    private static final int MAX_DEPTH = 64;

    private TextBound() {
    }

    /** {@code s}, or its first {@code maxChars} characters when longer. */
    static String of(String s, int maxChars) {
        return s == null || s.length() <= maxChars ? s : s.substring(0, Math.max(0, maxChars));
    }

    /** Cuts, in place, the {@link Messages#TEXT_KEYS} texts of a message tree built for this call. */
    static void inTree(Object node, int maxChars) {
        inTree(node, maxChars, 0);
    }

    @SuppressWarnings("unchecked")
    private static void inTree(Object node, int maxChars, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) node).entrySet()) {
                Object value = e.getValue();
                if (value instanceof String) {
                    String s = (String) value;
                    if (s.length() > maxChars && Messages.TEXT_KEYS.contains(e.getKey())) {
                        try {
                            e.setValue(of(s, maxChars));
                        } catch (UnsupportedOperationException immutable) {
                            // left whole: the renderers still cap it
                        }
                    }
                } else {
                    inTree(value, maxChars, depth + 1);
                }
            }
        } else if (node instanceof List) {
            for (Object element : (List<?>) node) {
                inTree(element, maxChars, depth + 1);
            }
        }
    }
}
