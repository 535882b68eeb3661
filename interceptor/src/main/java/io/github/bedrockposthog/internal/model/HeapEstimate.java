package io.github.bedrockposthog.internal.model;

import java.util.Collection;
import java.util.Map;

/**
 * About how much heap a call record holds while its events wait to be rendered, for the delivery queue's byte
 * bound. Cheap enough for the app's thread: it counts string lengths and collection sizes and reads no character.
 * A string counts two bytes a character (the JVM's widest), every object a header, a map entry a node.
 */
public final class HeapEstimate {

    /** The record itself, its boxed numbers and its short strings (ids, names, region, tier, reason...). */
    private static final long RECORD_BYTES = 1024;
    /** A failure: the exception, its stack trace and what it refers to (an SDK exception holds its response). */
    private static final long ERROR_BYTES = 16 * 1024;
    private static final long STRING_BYTES = 48;
    private static final long ENTRY_BYTES = 48;
    private static final long OBJECT_BYTES = 24;
    private static final int MAX_DEPTH = 32;

    private HeapEstimate() {
    }

    /** The estimate for one call record. */
    public static long of(LlmCall call) {
        long bytes = RECORD_BYTES + of(call.prompt) + of(call.generation) + of(call.reasoning) + of(call.errorMessage)
                + of(call.userProperties, 0) + of(call.inputMessages, 0) + of(call.parameters, 0)
                + of(call.tools, 0) + of(call.toolCalls, 0);
        return call.error == null ? bytes : bytes + ERROR_BYTES;
    }

    private static long of(String s) {
        return s == null ? 0 : STRING_BYTES + 2L * s.length();
    }

    private static long of(Object value, int depth) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String) {
            return of((String) value);
        }
        if (depth > MAX_DEPTH) {
            return OBJECT_BYTES;
        }
        if (value instanceof Map) {
            long bytes = OBJECT_BYTES * 2;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                bytes += ENTRY_BYTES + of(e.getKey(), depth + 1) + of(e.getValue(), depth + 1);
            }
            return bytes;
        }
        if (value instanceof Collection) {
            long bytes = OBJECT_BYTES * 2;
            for (Object element : (Collection<?>) value) {
                bytes += 8 + of(element, depth + 1);
            }
            return bytes;
        }
        return OBJECT_BYTES;
    }
}
