package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.log.RateLimitedLog;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The user's redactor, applied fail-closed: a text it drops or cannot vet (it threw) never leaves the process.
 * Shared by both event schemas so a redactor covers every text whichever events are sent.
 */
final class TextRedaction {

    private static final RateLimitedLog ERRORS =
            new RateLimitedLog(LoggerFactory.getLogger("io.github.bedrockposthog"), 60_000);

    /** Structural keys of {@code $ai_input} / {@code $ai_output_choices} messages: not user text. */
    private static final String[] STRUCTURAL = {"role", "type", "id", "tool_call_id", "name"};

    private final BiFunction<String, String, String> redactor;
    private final int maxInputChars;

    /**
     * @param maxTextChars the character cap of kept texts: the redactor sees at most one character more (the part
     *                     beyond would be cut anyway; the extra character keeps the cut and its marker in place)
     */
    TextRedaction(BiFunction<String, String, String> redactor, int maxTextChars) {
        this.redactor = redactor;
        this.maxInputChars = maxTextChars >= Integer.MAX_VALUE - 1 ? Integer.MAX_VALUE : maxTextChars + 1;
    }

    /** Whether a redactor is configured. */
    boolean active() {
        return redactor != null;
    }

    /** The user's replacement of {@code text}; {@code null} (drop) when the redactor says so or fails. */
    String apply(String property, String text) {
        if (redactor == null || text == null) {
            return text;
        }
        try {
            // Bounded input: a 50 MB body must not become a 50 MB redactor run on the app's thread.
            return redactor.apply(property, text.length() > maxInputChars ? text.substring(0, maxInputChars) : text);
        } catch (Throwable t) {
            try {
                ERRORS.warn("bedrock-posthog: the redactor threw {} on '{}'; the text is dropped",
                        t.getClass().getName(), property);
            } catch (Throwable ignored) {
                // logging failed: the text is dropped all the same
            }
            return null;
        }
    }

    /**
     * A copy of a message tree ({@code [{role, content, tool_calls…}]}) with every text that is not structural
     * passed through the redactor under {@code property}; dropped texts become absent.
     */
    Object applyDeep(String property, Object tree) {
        if (redactor == null) {
            return tree;
        }
        if (tree instanceof String) {
            return apply(property, (String) tree);
        }
        if (tree instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) tree).entrySet()) {
                String key = String.valueOf(e.getKey());
                Object value = structural(key) ? e.getValue() : applyDeep(property, e.getValue());
                if (value != null) {
                    copy.put(key, value);
                }
            }
            return copy;
        }
        if (tree instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object item : (List<?>) tree) {
                Object value = applyDeep(property, item);
                if (value != null) {
                    copy.add(value);
                }
            }
            return copy;
        }
        return tree;
    }

    private static boolean structural(String key) {
        for (String s : STRUCTURAL) {
            if (s.equals(key)) {
                return true;
            }
        }
        return false;
    }
}
