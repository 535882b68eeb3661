package io.github.bedrockposthog.internal.text;

/**
 * A text accumulator with an upper bound: it keeps at most {@code maxChars} characters and remembers
 * whether anything beyond them was offered. Model outputs can be arbitrarily long while an analytics
 * event has a size limit, so the bound is applied while collecting, not after.
 *
 * <p>Not thread-safe: the owner guards it.
 */
public final class CappedText {

    /** Appended to a text that was cut, so a reader of the event sees that it is incomplete. */
    public static final String TRUNCATION_MARKER = "…[truncated by bedrock-posthog]";

    private final int maxChars;
    // Created on the first append: most texts are short and many accumulators stay empty.
    private StringBuilder text;
    private boolean truncated;

    /**
     * Creates an empty accumulator.
     *
     * @param maxChars the most characters kept (UTF-16 units); negative values count as zero
     */
    public CappedText(int maxChars) {
        this.maxChars = Math.max(0, maxChars);
    }

    /**
     * Appends {@code s}, or as much of it as still fits under the cap. Once something did not fit, the text
     * stops growing and {@link #truncated()} turns true. {@code null} and empty strings are ignored.
     *
     * @param s the fragment to append
     */
    public void append(String s) {
        if (s == null || s.isEmpty() || truncated) {
            if (s != null && !s.isEmpty()) {
                truncated = true;
            }
            return;
        }
        int room = maxChars - length();
        if (s.length() <= room) {
            builder().append(s);
            return;
        }
        if (room > 0) {
            builder().append(s, 0, room);
        }
        truncated = true;
    }

    /**
     * Whether some appended text was dropped because of the cap.
     *
     * @return {@code true} once an append did not fit entirely
     */
    public boolean truncated() {
        return truncated;
    }

    /**
     * The number of characters kept, never more than the cap; the marker is not counted.
     *
     * @return the kept length in UTF-16 units
     */
    public int length() {
        return text == null ? 0 : text.length();
    }

    /**
     * Whether nothing at all was appended (a text cut down to zero characters is not empty).
     *
     * @return {@code true} when no character was ever offered
     */
    public boolean isEmpty() {
        return length() == 0 && !truncated;
    }

    /**
     * The kept text; when truncated, cut at the cap (never inside a surrogate pair) and followed by
     * {@link #TRUNCATION_MARKER}.
     *
     * @return the text, possibly with the marker; {@code ""} when empty
     */
    @Override
    public String toString() {
        if (text == null) {
            return truncated ? TRUNCATION_MARKER : "";
        }
        if (!truncated) {
            return text.toString();
        }
        return new StringBuilder(text.length() + TRUNCATION_MARKER.length())
                .append(text, 0, safeEnd(text, text.length()))
                .append(TRUNCATION_MARKER)
                .toString();
    }

    /**
     * Caps a single string: unchanged when it fits, otherwise cut at {@code maxChars} (never inside a
     * surrogate pair) and followed by {@link #TRUNCATION_MARKER}.
     *
     * @param s        the string, may be {@code null}
     * @param maxChars the most characters kept; negative values count as zero
     * @return {@code s} itself when it fits, the cut string with the marker otherwise, {@code null} for {@code null}
     */
    public static String cap(String s, int maxChars) {
        if (!wouldTruncate(s, maxChars)) {
            return s;
        }
        int end = safeEnd(s, Math.max(0, maxChars));
        return new StringBuilder(end + TRUNCATION_MARKER.length())
                .append(s, 0, end)
                .append(TRUNCATION_MARKER)
                .toString();
    }

    /**
     * Whether {@link #cap(String, int)} would cut {@code s}.
     *
     * @param s   the string, may be {@code null}
     * @param max the most characters kept; negative values count as zero
     * @return {@code true} when {@code s} is longer than {@code max}
     */
    public static boolean wouldTruncate(String s, int max) {
        return s != null && s.length() > Math.max(0, max);
    }

    private StringBuilder builder() {
        if (text == null) {
            text = new StringBuilder(Math.min(maxChars, 256));
        }
        return text;
    }

    /** Moves a cut point back by one when it would leave half of a surrogate pair behind. */
    private static int safeEnd(CharSequence s, int end) {
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            return end - 1;
        }
        return end;
    }
}
