package io.github.bedrockposthog.internal.json;

import java.util.Collection;
import java.util.Map;

/**
 * Upper bounds of the UTF-8 size of values once written as JSON, without writing them. Used to keep every event
 * under PostHog's ~1 MB limit and to account the delivery queue in bytes.
 *
 * <p>Strings count every character as the serializer with the most escaping would write it (org.json, shaded in
 * posthog-java, writes {@code U+0080..U+009F} and {@code U+2000..U+20FF} as six-byte {@code \\uXXXX}, and
 * {@code /} as {@code \/}), so the real size is never larger than the estimate.
 */
public final class JsonSize {

    /** Bound of a number, boolean or null written as JSON. */
    private static final int SCALAR_BYTES = 24;
    private static final int MAX_DEPTH = 32;

    private JsonSize() {
    }

    /** Bytes of one character (a surrogate half counts two, a pair four) inside a JSON string. */
    public static int charBytes(char c) {
        if (c < 0x20 || (c >= 0x80 && c < 0xA0) || (c >= 0x2000 && c < 0x2100)) {
            return 6;
        }
        if (c == '"' || c == '\\' || c == '/') {
            return 2;
        }
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800 || Character.isSurrogate(c)) {
            return 2;
        }
        return 3;
    }

    /** Bytes of {@code s} written as a JSON string, quotes included. */
    public static long of(String s) {
        if (s == null) {
            return 4;
        }
        long bytes = 2;
        for (int i = 0; i < s.length(); i++) {
            bytes += charBytes(s.charAt(i));
        }
        return bytes;
    }

    /** Bytes of any value made of maps, collections, arrays of objects, strings and scalars. */
    public static long of(Object value) {
        return of(value, false, 0);
    }

    /**
     * A looser upper bound than {@link #of(Object)} that reads no character: every character of a string counts the
     * most it can take (six bytes). Far cheaper on long texts; when it already fits a budget, so does the value.
     */
    public static long bound(Object value) {
        return of(value, true, 0);
    }

    private static long of(Object value, boolean loose, int depth) {
        if (value == null || value == JsonNull.VALUE || value instanceof Number || value instanceof Boolean) {
            return SCALAR_BYTES;
        }
        if (value instanceof CharSequence) {
            return text(value.toString(), loose);
        }
        if (depth > MAX_DEPTH) {
            return text(String.valueOf(value), loose);
        }
        if (value instanceof Map) {
            long bytes = 2;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                bytes += text(String.valueOf(e.getKey()), loose) + 2 + of(e.getValue(), loose, depth + 1);
            }
            return bytes;
        }
        if (value instanceof Collection) {
            long bytes = 2;
            for (Object element : (Collection<?>) value) {
                bytes += of(element, loose, depth + 1) + 1;
            }
            return bytes;
        }
        if (value instanceof Object[]) {
            long bytes = 2;
            for (Object element : (Object[]) value) {
                bytes += of(element, loose, depth + 1) + 1;
            }
            return bytes;
        }
        return text(String.valueOf(value), loose); // written as its text (enums, dates, beans are not expected here)
    }

    private static long text(String s, boolean loose) {
        return loose ? 2 + 6L * s.length() : of(s);
    }

    /**
     * The longest prefix of {@code s} whose JSON string size (without quotes) stays within {@code maxBytes}, never
     * ending inside a surrogate pair.
     */
    public static int prefixWithin(String s, long maxBytes) {
        long bytes = 0;
        int i = 0;
        while (i < s.length()) {
            bytes += charBytes(s.charAt(i));
            if (bytes > maxBytes) {
                break;
            }
            i++;
        }
        if (i > 0 && i < s.length() && Character.isHighSurrogate(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
