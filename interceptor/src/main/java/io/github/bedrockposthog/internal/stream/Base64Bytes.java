package io.github.bedrockposthog.internal.stream;

import java.util.Arrays;

/**
 * Decodes standard base64 from a byte range into a reusable array, allocating nothing. Strict: anything but
 * the basic alphabet with well-formed padding is refused, and the caller falls back to
 * {@link java.util.Base64#getDecoder()}, which decides.
 */
final class Base64Bytes {

    /** The 6-bit value of each byte, -1 outside the alphabet. */
    private static final byte[] VALUES = new byte[256];

    /** The 12-bit value of each pair of bytes ({@code first << 8 | second}), -1 when either is outside the alphabet. */
    private static final short[] PAIRS = new short[1 << 16];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
        Arrays.fill(PAIRS, (short) -1);
        for (int i = 0; i < alphabet.length(); i++) {
            for (int j = 0; j < alphabet.length(); j++) {
                PAIRS[alphabet.charAt(i) << 8 | alphabet.charAt(j)] = (short) (i << 6 | j);
            }
        }
    }

    private Base64Bytes() {
    }

    /** The most bytes {@code length} base64 characters decode to. */
    static int maxDecodedLength(int length) {
        return (length + 3) / 4 * 3;
    }

    /**
     * Decodes {@code in[from, to)} into {@code out} from index 0.
     *
     * @param out at least {@link #maxDecodedLength(int)} bytes
     * @return the number of bytes written, or -1 when the input is not plain padded or unpadded base64
     */
    static int decode(byte[] in, int from, int to, byte[] out) {
        int whole = quads(in, from, to, out, 0);
        int at = from + whole / 3 * 4;
        if (at == to) {
            return whole;
        }
        int tail = tail(in, at, to, out, whole);
        return tail < 0 ? -1 : whole + tail;
    }

    /**
     * Decodes the base64 content of a JSON string, from {@code in[from]} up to its closing quote (searched no
     * further than {@code limit}), in one pass: the quote is found by the decoder itself.
     *
     * @param out at least {@link #maxDecodedLength(int)} of {@code limit - from} bytes
     * @return {@code (quoteIndex << 32) | bytesWritten}, or -1 when the content is not plain padded or unpadded
     *         base64 followed by a quote (an escape, any other character, no quote before {@code limit})
     */
    static long decodeJsonString(byte[] in, int from, int limit, byte[] out) {
        int whole = quads(in, from, limit, out, 0);
        int at = from + whole / 3 * 4;
        int quote = at;
        while (quote < limit && in[quote] != '"') {
            if (quote - at >= 4) {
                return -1; // more than a final quad before the quote: not base64
            }
            quote++;
        }
        if (quote >= limit) {
            return -1;
        }
        if (quote == at) {
            return ((long) quote << 32) | whole;
        }
        int tail = tail(in, at, quote, out, whole);
        return tail < 0 ? -1 : ((long) quote << 32) | (whole + tail);
    }

    /** Decodes whole quads from {@code from} until {@code to} or the first byte outside the alphabet. */
    private static int quads(byte[] in, int from, int to, byte[] out, int outAt) {
        int i = from;
        int written = outAt;
        byte[] values = VALUES;
        short[] pairs = PAIRS;
        // Two quads a round (8 characters, 6 bytes), looked up two characters at a time.
        while (i + 8 <= to) {
            int ab = pairs[(in[i] & 0xff) << 8 | (in[i + 1] & 0xff)];
            int cd = pairs[(in[i + 2] & 0xff) << 8 | (in[i + 3] & 0xff)];
            int ef = pairs[(in[i + 4] & 0xff) << 8 | (in[i + 5] & 0xff)];
            int gh = pairs[(in[i + 6] & 0xff) << 8 | (in[i + 7] & 0xff)];
            if ((ab | cd | ef | gh) < 0) {
                break;
            }
            int bits = ab << 12 | cd;
            int more = ef << 12 | gh;
            out[written] = (byte) (bits >> 16);
            out[written + 1] = (byte) (bits >> 8);
            out[written + 2] = (byte) bits;
            out[written + 3] = (byte) (more >> 16);
            out[written + 4] = (byte) (more >> 8);
            out[written + 5] = (byte) more;
            written += 6;
            i += 8;
        }
        while (i + 4 <= to) {
            int a = values[in[i] & 0xff];
            int b = values[in[i + 1] & 0xff];
            int c = values[in[i + 2] & 0xff];
            int d = values[in[i + 3] & 0xff];
            if ((a | b | c | d) < 0) {
                break;
            }
            int bits = (a << 18) | (b << 12) | (c << 6) | d;
            out[written] = (byte) (bits >> 16);
            out[written + 1] = (byte) (bits >> 8);
            out[written + 2] = (byte) bits;
            written += 3;
            i += 4;
        }
        return written - outAt;
    }

    /**
     * The last 1 to 4 characters: {@code xx}, {@code xxx}, {@code xx==}, {@code xxx=}.
     *
     * @return bytes written, or -1
     */
    private static int tail(byte[] in, int from, int to, byte[] out, int outAt) {
        int end = to;
        int padding = 0;
        while (end > from && in[end - 1] == '=' && padding < 2) {
            end--;
            padding++;
        }
        int rest = end - from;
        if ((padding > 0 && rest + padding != 4) || (rest != 2 && rest != 3)) {
            return -1;
        }
        int a = VALUES[in[from] & 0xff];
        int b = VALUES[in[from + 1] & 0xff];
        int c = rest == 3 ? VALUES[in[from + 2] & 0xff] : 0;
        if ((a | b | c) < 0) {
            return -1;
        }
        int bits = (a << 18) | (b << 12) | (c << 6);
        out[outAt] = (byte) (bits >> 16);
        if (rest == 3) {
            out[outAt + 1] = (byte) (bits >> 8);
            return 2;
        }
        return 1;
    }
}
