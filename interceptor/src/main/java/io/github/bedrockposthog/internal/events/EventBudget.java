package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.json.JsonSize;
import io.github.bedrockposthog.internal.text.CappedText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps one event's serialized size under PostHog's ~1 MB per-event limit. Characters are not bytes: 200,000 CJK
 * characters are 600 KB of UTF-8, so a prompt and a generation each under the character cap can still make an event
 * PostHog refuses. When the estimate ({@link JsonSize}, an upper bound) is over the budget, the texts shrink
 * proportionally to their sizes until the event fits; each cut text ends with {@link CappedText#TRUNCATION_MARKER}
 * and gets {@code <name>_truncated: true}. Should the event still not fit (enormous user properties), the largest
 * other properties are removed and {@code properties_truncated: true} says so.
 */
public final class EventBudget {

    /** The budget of a whole event, envelope included: PostHog refuses events over ~1 MB. */
    public static final long MAX_EVENT_BYTES = 900_000;
    /** Suffix of the flag saying a text was cut. */
    public static final String TRUNCATED_SUFFIX = "_truncated";

    private static final String PROPERTIES_TRUNCATED = "properties_truncated";

    /** Texts that may shrink, in order of preference to keep. */
    static final String[] TEXTS = {"prompt", "generation", "error_message", "error_stack"};

    /** uuid, timestamp, event name, {@code $lib} and the JSON punctuation around the properties. */
    private static final long ENVELOPE_BYTES = 400;
    /** Room for a marker and a {@code _truncated} flag per cut text. */
    private static final long CUT_OVERHEAD_BYTES = JsonSize.of(CappedText.TRUNCATION_MARKER) + 64;

    private EventBudget() {
    }

    /** The estimated size of an event with these properties, envelope included. */
    public static long size(Map<String, Object> properties, String distinctId) {
        return ENVELOPE_BYTES + JsonSize.of(distinctId) + JsonSize.of(properties);
    }

    /**
     * Whether the event fits {@code budget} by a bound that reads no character of its texts: true for all but events
     * with texts in the hundreds of thousands of characters, which then get the closer {@link #size} estimate.
     */
    static boolean surelyFits(Map<String, Object> properties, String distinctId, long budget) {
        return ENVELOPE_BYTES + JsonSize.bound(distinctId) + JsonSize.bound(properties) <= budget;
    }

    /**
     * Shrinks {@code properties} in place until the event fits {@code budget} bytes.
     *
     * @return whether anything was cut
     */
    public static boolean fit(Map<String, Object> properties, String distinctId, long budget) {
        if (surelyFits(properties, distinctId, budget)) {
            return false;
        }
        long total = size(properties, distinctId);
        if (total <= budget) {
            return false;
        }
        List<String> texts = new ArrayList<>();
        long textBytes = 0;
        for (String key : TEXTS) {
            Object value = properties.get(key);
            if (value instanceof String) {
                texts.add(key);
                textBytes += JsonSize.of((String) value);
            }
        }
        if (!texts.isEmpty()) {
            long excess = total - budget;
            // What the texts may keep together, after room for markers and flags.
            long room = Math.max(0, textBytes - excess - CUT_OVERHEAD_BYTES * texts.size());
            for (String key : texts) {
                String text = (String) properties.get(key);
                long bytes = JsonSize.of(text);
                long share = textBytes == 0 ? 0 : (long) ((double) room * bytes / textBytes);
                if (share < bytes) {
                    properties.put(key, cut(text, share));
                    properties.put(key + TRUNCATED_SUFFIX, Boolean.TRUE);
                }
            }
            total = size(properties, distinctId);
        }
        while (total > budget) {
            String largest = null;
            long largestBytes = -1;
            for (Map.Entry<String, Object> e : properties.entrySet()) {
                if (PROPERTIES_TRUNCATED.equals(e.getKey())) {
                    continue;
                }
                long bytes = JsonSize.of(e.getValue());
                if (bytes > largestBytes) {
                    largest = e.getKey();
                    largestBytes = bytes;
                }
            }
            if (largest == null) {
                break;
            }
            properties.remove(largest);
            properties.put(PROPERTIES_TRUNCATED, Boolean.TRUE);
            total = size(properties, distinctId);
        }
        return true;
    }

    /** The longest prefix of {@code text} that fits {@code maxBytes} (quotes included), followed by the marker. */
    static String cut(String text, long maxBytes) {
        int end = JsonSize.prefixWithin(text, Math.max(0, maxBytes - 2));
        return text.substring(0, end) + CappedText.TRUNCATION_MARKER;
    }
}
