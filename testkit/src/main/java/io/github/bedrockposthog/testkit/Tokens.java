package io.github.bedrockposthog.testkit;

/**
 * The emulator's deterministic token arithmetic, public so tests can compute the counts the emulator reports:
 * whitespace-separated words times 1.3, rounded half up, and never less than 1.
 */
public final class Tokens {

    private Tokens() {
    }

    /**
     * Estimates the tokens of a text the way the emulator does.
     *
     * @param text any text; null counts as empty
     * @return {@code max(1, round(words * 1.3))}
     */
    public static int estimate(String text) {
        int words = words(text);
        return Math.max(1, (words * 13 + 5) / 10);
    }

    /**
     * Counts whitespace-separated words.
     *
     * @param text any text; null counts as empty
     * @return the number of words
     */
    public static int words(String text) {
        if (text == null) {
            return 0;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
