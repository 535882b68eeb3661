package io.github.bedrockposthog.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A JSON reader for the many small documents of a response stream, built to allocate (almost) nothing per
 * document: it reads straight from a byte range, reuses its maps and lists from one document to the next, and
 * keeps the key strings it has seen. What a document allocates is its string values (the generated text) and
 * numbers beyond the {@code Long} cache.
 *
 * <p>The tree has the shape {@link Json#parse(byte[])} gives ({@code Map<String,Object>}, {@code List<Object>},
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null}) and is read with the same
 * {@link Json} path helpers, but it is <b>only valid until the next call</b> on this instance: read what you need
 * and keep no map or list.
 *
 * <p>Strict and small: anything it does not read with certainty (invalid JSON, integers beyond 18 digits, deep
 * nesting, a document that is not alone in its range) gives {@link #UNSUPPORTED}, and the caller falls back to
 * {@link Json#parse(byte[])}, which decides. So the results never differ from the general parser's.
 *
 * <p>Not thread-safe: one instance per stream, used under its lock.
 */
public final class ScratchJson {

    /** Returned by {@link #parse} when this reader cannot vouch for the document; use {@link Json#parse(byte[])}. */
    public static final Object UNSUPPORTED = new Object() {
        @Override
        public String toString() {
            return "UNSUPPORTED";
        }
    };

    /** {@link #stringMember}: the document is a valid object without that member as a string. */
    public static final long NOT_FOUND = -1L;
    /** {@link #stringMember}: this reader cannot vouch for the document; use {@link Json#parse(byte[])}. */
    public static final long UNREADABLE = -2L;

    private static final int MAX_DEPTH = 64;
    private static final int MAX_LONG_DIGITS = 18;
    private static final int KEY_CACHE_SIZE = 64; // a power of two
    private static final int MAX_CACHED_KEY_BYTES = 64;
    private static final int PREDICTED_KEYS = 32;
    /** Boxes of 0 to 8,191, made on first use (at most ~160 KB when all are). */
    private static final Long[] SMALL_LONGS = new Long[8_192];

    /** Bails out of a parse; preallocated and stackless, so failing costs nothing either. */
    private static final RuntimeException BAIL = new RuntimeException("unsupported JSON", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    private final List<ScratchMap> maps = new ArrayList<>();
    private final List<ArrayList<Object>> lists = new ArrayList<>();
    private int mapsUsed;
    private int listsUsed;
    private final byte[][] keyBytes = new byte[KEY_CACHE_SIZE][];
    private final String[] keyStrings = new String[KEY_CACHE_SIZE];
    private final StringBuilder chars = new StringBuilder(64);
    /** The n-th key of the previous document, to match the n-th key of this one without hashing. */
    private final byte[][] predictedBytes = new byte[PREDICTED_KEYS][];
    private final String[] predictedStrings = new String[PREDICTED_KEYS];
    private int keyOrdinal;
    private byte[] cachedKeyBytes;

    private byte[] in;
    private int pos;
    private int end;

    /**
     * Reads the JSON document in {@code bytes[offset, offset+length)}.
     *
     * @return the tree (valid until the next call), or {@link #UNSUPPORTED}
     */
    public Object parse(byte[] bytes, int offset, int length) {
        if (!start(bytes, offset, length)) {
            return UNSUPPORTED;
        }
        try {
            skipWhitespace();
            Object value = value(0);
            requireDocumentEnd();
            return value;
        } catch (RuntimeException e) { // BAIL, or an index past the range: not ours to judge
            return UNSUPPORTED;
        } finally {
            in = null;
        }
    }

    /**
     * Finds the string value of member {@code key} of the object in {@code bytes[offset, offset+length)}, without
     * building anything. The whole document is checked, and, as with {@link Json#parse(byte[])}, the last of
     * duplicate members counts.
     *
     * @param key the member name as ASCII bytes
     * @return the value's content as {@code (start << 32) | end} (absolute indexes into {@code bytes}, quotes
     *         excluded) when it is a string of printable ASCII without escapes; {@link #NOT_FOUND} when the
     *         document is an object without such a string member; else {@link #UNREADABLE}
     */
    public long stringMember(byte[] bytes, int offset, int length, byte[] key) {
        if (!start(bytes, offset, length)) {
            return UNREADABLE;
        }
        try {
            skipWhitespace();
            if (next() != '{') {
                return UNREADABLE;
            }
            long found = NOT_FOUND;
            skipWhitespace();
            if (peek() == '}') {
                pos++;
            } else {
                while (true) {
                    if (next() != '"') {
                        return UNREADABLE;
                    }
                    int keyStart = pos;
                    if (!skipPlainAscii()) {
                        return UNREADABLE; // an escaped or non-ASCII name: let the general parser decide
                    }
                    boolean match = equal(bytes, keyStart, pos - 1, key);
                    skipWhitespace();
                    if (next() != ':') {
                        return UNREADABLE;
                    }
                    skipWhitespace();
                    if (match) {
                        if (peek() == '"') {
                            pos++;
                            int valueStart = pos;
                            if (!skipPlainAscii()) {
                                return UNREADABLE;
                            }
                            found = ((long) valueStart << 32) | (pos - 1);
                        } else {
                            skipValue(1);
                            found = NOT_FOUND;
                        }
                    } else {
                        skipValue(1);
                    }
                    skipWhitespace();
                    int c = next();
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        return UNREADABLE;
                    }
                    skipWhitespace();
                }
            }
            requireDocumentEnd();
            return found;
        } catch (RuntimeException e) {
            return UNREADABLE;
        } finally {
            in = null;
        }
    }

    private boolean start(byte[] bytes, int offset, int length) {
        if (bytes == null || offset < 0 || length <= 0 || offset + length > bytes.length) {
            return false;
        }
        in = bytes;
        pos = offset;
        end = offset + length;
        mapsUsed = 0;
        listsUsed = 0;
        keyOrdinal = 0;
        return true;
    }

    /** Only whitespace may follow the document (the general parser ignores what follows; we refuse to guess). */
    private void requireDocumentEnd() {
        skipWhitespace();
        if (pos != end) {
            throw BAIL;
        }
    }

    private int peek() {
        return pos < end ? in[pos] & 0xff : -1;
    }

    private int next() {
        if (pos >= end) {
            throw BAIL;
        }
        return in[pos++] & 0xff;
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private Object value(int depth) {
        switch (peek()) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                pos++;
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                return number();
        }
    }

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) {
            throw BAIL;
        }
        pos++; // '{'
        ScratchMap map = newMap();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            if (next() != '"') {
                throw BAIL;
            }
            String key = key();
            skipWhitespace();
            if (next() != ':') {
                throw BAIL;
            }
            skipWhitespace();
            map.put(key, value(depth));
            skipWhitespace();
            int c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw BAIL;
            }
            skipWhitespace();
        }
    }

    private List<Object> array(int depth) {
        if (depth > MAX_DEPTH) {
            throw BAIL;
        }
        pos++; // '['
        List<Object> list = newList();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth));
            skipWhitespace();
            int c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw BAIL;
            }
            skipWhitespace();
        }
    }

    private void literal(String word) {
        if (end - pos < word.length()) {
            throw BAIL;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw BAIL;
            }
        }
        pos += word.length();
        int c = peek();
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
            throw BAIL;
        }
    }

    /** A number: {@code Long} when integral and at most 18 digits, {@code Double} when it has a fraction or exponent. */
    private Object number() {
        int start = pos;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        int first = peek();
        if (first < '0' || first > '9') {
            throw BAIL;
        }
        long value = 0;
        int digits = 0;
        if (first == '0') {
            pos++;
            digits = 1;
            int c = peek();
            if (c >= '0' && c <= '9') {
                throw BAIL; // leading zero
            }
        } else {
            int c;
            while ((c = peek()) >= '0' && c <= '9') {
                if (digits < MAX_LONG_DIGITS + 1) {
                    value = value * 10 + (c - '0');
                }
                digits++;
                pos++;
            }
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            requireDigits();
        }
        int e = peek();
        if (e == 'e' || e == 'E') {
            integral = false;
            pos++;
            int sign = peek();
            if (sign == '+' || sign == '-') {
                pos++;
            }
            requireDigits();
        }
        int c = peek();
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
            throw BAIL;
        }
        if (integral) {
            if (digits > MAX_LONG_DIGITS) {
                throw BAIL; // the general parser decides between Long and BigInteger
            }
            if (!negative && value < SMALL_LONGS.length) {
                return smallLong((int) value);
            }
            return negative ? -value : value;
        }
        return Double.parseDouble(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
    }

    /**
     * A shared box for a small non-negative number. Streams repeat token counts that climb one by one (Llama's
     * cumulative {@code generation_token_count}); past {@code Long}'s own cache each would be a new box per chunk.
     * Racy by design: two threads may box the same value twice, and either box is right.
     */
    private static Long smallLong(int value) {
        Long boxed = SMALL_LONGS[value];
        if (boxed == null) {
            boxed = Long.valueOf(value);
            SMALL_LONGS[value] = boxed;
        }
        return boxed;
    }

    private void requireDigits() {
        int c = peek();
        if (c < '0' || c > '9') {
            throw BAIL;
        }
        while ((c = peek()) >= '0' && c <= '9') {
            pos++;
        }
    }

    /** Skips any value, checking it as {@link #value} would, without building it. */
    private void skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw BAIL;
        }
        switch (peek()) {
            case '{': {
                pos++;
                skipWhitespace();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                while (true) {
                    if (next() != '"') {
                        throw BAIL;
                    }
                    decodeString(false);
                    skipWhitespace();
                    if (next() != ':') {
                        throw BAIL;
                    }
                    skipWhitespace();
                    skipValue(depth + 1);
                    skipWhitespace();
                    int c = next();
                    if (c == '}') {
                        return;
                    }
                    if (c != ',') {
                        throw BAIL;
                    }
                    skipWhitespace();
                }
            }
            case '[': {
                pos++;
                skipWhitespace();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                while (true) {
                    skipValue(depth + 1);
                    skipWhitespace();
                    int c = next();
                    if (c == ']') {
                        return;
                    }
                    if (c != ',') {
                        throw BAIL;
                    }
                    skipWhitespace();
                }
            }
            case '"':
                pos++;
                decodeString(false);
                return;
            case 't':
                literal("true");
                return;
            case 'f':
                literal("false");
                return;
            case 'n':
                literal("null");
                return;
            default:
                number();
        }
    }

    /**
     * Advances past a string's closing quote when every byte before it is printable ASCII other than a backslash.
     *
     * @return {@code false} (position unspecified) when the string has an escape, a control or non-ASCII byte
     */
    private boolean skipPlainAscii() {
        while (pos < end) {
            byte b = in[pos++];
            if (b == '"') {
                return true;
            }
            if (b == '\\' || b < 0x20) { // negative: non-ASCII
                return false;
            }
        }
        throw BAIL;
    }

    /** A member name; names seen before come from the cache. Position: after the opening quote. */
    private String key() {
        // Stream chunks repeat their keys in the same order: first try the key seen at this position last time.
        int ordinal = keyOrdinal++;
        if (ordinal < PREDICTED_KEYS) {
            byte[] expected = predictedBytes[ordinal];
            if (expected != null) {
                int after = pos + expected.length;
                if (after < end && in[after] == '"' && equal(in, pos, after, expected)) {
                    pos = after + 1;
                    return predictedStrings[ordinal];
                }
            }
        }
        String key = lookUpKey();
        if (ordinal < PREDICTED_KEYS && cachedKeyBytes != null) {
            predictedBytes[ordinal] = cachedKeyBytes;
            predictedStrings[ordinal] = key;
        }
        return key;
    }

    /** A member name through the key cache; sets {@link #cachedKeyBytes} when the name is cacheable. */
    private String lookUpKey() {
        cachedKeyBytes = null;
        int start = pos;
        int hash = 0;
        while (pos < end) {
            byte b = in[pos];
            if (b == '"') {
                break;
            }
            if (b == '\\' || b < 0x20) {
                pos = start;
                return decodeString(true);
            }
            hash = 31 * hash + b;
            pos++;
        }
        if (pos >= end) {
            throw BAIL;
        }
        int length = pos - start;
        pos++; // closing quote
        if (length > MAX_CACHED_KEY_BYTES) {
            return new String(in, start, length, StandardCharsets.ISO_8859_1);
        }
        int slot = (hash ^ (hash >>> 16)) & (KEY_CACHE_SIZE - 1);
        byte[] cached = keyBytes[slot];
        if (cached != null && equal(in, start, start + length, cached)) {
            cachedKeyBytes = cached;
            return keyStrings[slot];
        }
        byte[] copy = new byte[length];
        System.arraycopy(in, start, copy, 0, length);
        // Interned: readers look members up with literals, which then match by identity.
        String key = new String(copy, StandardCharsets.ISO_8859_1).intern();
        keyBytes[slot] = copy;
        keyStrings[slot] = key;
        cachedKeyBytes = copy;
        return key;
    }

    /** A string value. Position: after the opening quote. */
    private String string() {
        int start = pos;
        while (pos < end) {
            byte b = in[pos];
            if (b == '"') {
                pos++;
                return new String(in, start, pos - 1 - start, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0x20) {
                break;
            }
            pos++;
        }
        pos = start;
        return decodeString(true);
    }

    /**
     * Decodes a string with escapes and UTF-8, checking both as strictly as the general parser; position: after
     * the opening quote, then after the closing one.
     *
     * @param build whether to build the string ({@code false}: only check and skip it)
     * @return the string, or {@code null} when not built
     */
    private String decodeString(boolean build) {
        StringBuilder out = chars;
        if (build) {
            out.setLength(0);
        }
        while (true) {
            int b = next();
            if (b == '"') {
                return build ? out.toString() : null;
            }
            char c;
            if (b == '\\') {
                int e = next();
                switch (e) {
                    case '"': c = '"'; break;
                    case '\\': c = '\\'; break;
                    case '/': c = '/'; break;
                    case 'b': c = '\b'; break;
                    case 'f': c = '\f'; break;
                    case 'n': c = '\n'; break;
                    case 'r': c = '\r'; break;
                    case 't': c = '\t'; break;
                    case 'u': c = (char) ((hex(next()) << 12) | (hex(next()) << 8) | (hex(next()) << 4) | hex(next())); break;
                    default: throw BAIL;
                }
            } else if (b < 0x20) {
                throw BAIL;
            } else if (b < 0x80) {
                c = (char) b;
            } else if (b >= 0xC2 && b <= 0xDF) {
                c = (char) (((b & 0x1F) << 6) | continuation());
            } else if (b >= 0xE0 && b <= 0xEF) {
                int b1 = continuation();
                if ((b == 0xE0 && b1 < 0x20) || (b == 0xED && b1 >= 0x20)) {
                    throw BAIL; // overlong, or a UTF-16 surrogate encoded in UTF-8
                }
                c = (char) (((b & 0x0F) << 12) | (b1 << 6) | continuation());
            } else if (b >= 0xF0 && b <= 0xF4) {
                int b1 = continuation();
                if ((b == 0xF0 && b1 < 0x10) || (b == 0xF4 && b1 >= 0x10)) {
                    throw BAIL;
                }
                int codePoint = ((b & 0x07) << 18) | (b1 << 12) | (continuation() << 6) | continuation();
                if (build) {
                    out.append(Character.highSurrogate(codePoint)).append(Character.lowSurrogate(codePoint));
                }
                continue;
            } else {
                throw BAIL;
            }
            if (build) {
                out.append(c);
            }
        }
    }

    /** The payload bits of a UTF-8 continuation byte. */
    private int continuation() {
        int b = next();
        if ((b & 0xC0) != 0x80) {
            throw BAIL;
        }
        return b & 0x3F;
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw BAIL;
    }

    private static boolean equal(byte[] a, int from, int to, byte[] b) {
        if (to - from != b.length) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            if (a[from + i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private ScratchMap newMap() {
        ScratchMap map;
        if (mapsUsed < maps.size()) {
            map = maps.get(mapsUsed);
            map.clear();
        } else {
            map = new ScratchMap();
            maps.add(map);
        }
        mapsUsed++;
        return map;
    }

    private List<Object> newList() {
        ArrayList<Object> list;
        if (listsUsed < lists.size()) {
            list = lists.get(listsUsed);
            list.clear();
        } else {
            list = new ArrayList<>();
            lists.add(list);
        }
        listsUsed++;
        return list;
    }

    /** An insertion-ordered map on two arrays, reused across documents; a later duplicate key replaces the value. */
    static final class ScratchMap extends AbstractMap<String, Object> {
        private String[] keys = new String[8];
        private int[] hashes = new int[8];
        private Object[] values = new Object[8];
        private int size;
        /** One bit per key hash (mod 64): most lookups of absent keys end here. */
        private long hashBits;

        private int indexOf(Object key) {
            if (!(key instanceof String)) {
                return -1;
            }
            int hash = key.hashCode(); // cached in the string: a literal's is computed once
            if ((hashBits & (1L << hash)) == 0) {
                return -1;
            }
            for (int i = 0; i < size; i++) {
                if (hashes[i] == hash && (keys[i] == key || keys[i].equals(key))) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Object get(Object key) {
            int i = indexOf(key);
            return i < 0 ? null : values[i];
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        public Object put(String key, Object value) {
            int i = indexOf(key);
            if (i >= 0) {
                Object old = values[i];
                values[i] = value;
                return old;
            }
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                hashes = java.util.Arrays.copyOf(hashes, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            hashes[size] = key.hashCode();
            hashBits |= 1L << hashes[size];
            values[size] = value;
            size++;
            return null;
        }

        @Override
        public void clear() {
            for (int i = 0; i < size; i++) {
                keys[i] = null;
                values[i] = null;
            }
            size = 0;
            hashBits = 0;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<Entry<String, Object>>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<Entry<String, Object>>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(keys[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
    }
}
