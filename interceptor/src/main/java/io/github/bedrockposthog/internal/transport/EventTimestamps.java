package io.github.bedrockposthog.internal.transport;

import java.time.Instant;

/**
 * An event's {@code timestamp}: exactly {@code Instant.ofEpochMilli(millis).toString()}, with the text up to the
 * second kept from the previous event: under load many events share a second, and the JDK's formatter was about 6%
 * of the delivery thread's CPU (JFR). Safe for any thread: the cached second is one immutable object.
 */
final class EventTimestamps {

    /** The text of one whole second without its {@code Z}, e.g. {@code 2026-12-01T09:30:00}. */
    private static final class Second {
        final long epochSecond;
        final String text;

        Second(long epochSecond) {
            String whole = Instant.ofEpochSecond(epochSecond).toString();
            this.epochSecond = epochSecond;
            this.text = whole.substring(0, whole.length() - 1);
        }
    }

    private volatile Second last = new Second(0);

    /** {@code Instant.ofEpochMilli(epochMillis).toString()}. */
    String format(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        Second second = last;
        if (second.epochSecond != epochSecond) {
            second = new Second(epochSecond);
            last = second;
        }
        if (millis == 0) {
            return second.text + 'Z'; // ISO_INSTANT writes no fraction for a whole second
        }
        char[] text = new char[second.text.length() + 5];
        second.text.getChars(0, second.text.length(), text, 0);
        int at = second.text.length();
        text[at] = '.';
        text[at + 1] = (char) ('0' + millis / 100);
        text[at + 2] = (char) ('0' + millis / 10 % 10);
        text[at + 3] = (char) ('0' + millis % 10);
        text[at + 4] = 'Z';
        return new String(text);
    }
}
