package io.github.bedrockposthog.internal.pricing;

/**
 * A model's token prices in US dollars per million tokens.
 *
 * <p>Cache prices are optional. An absent cache-read or cache-write price bills those tokens at the plain input
 * price: never cheaper than what we know, and exact for models that bill cached tokens like any other input.
 */
public final class Price {

    private static final double PER_MILLION = 1_000_000d;

    private final double input;
    private final double output;
    private final Double cacheRead;
    private final Double cacheWrite;

    private Price(double input, double output, Double cacheRead, Double cacheWrite) {
        this.input = input;
        this.output = output;
        this.cacheRead = cacheRead;
        this.cacheWrite = cacheWrite;
    }

    /**
     * A price without cache prices.
     *
     * @return the price, or {@code null} when a price is negative or not a finite number
     */
    public static Price of(double input, double output) {
        return of(input, output, null, null);
    }

    /**
     * A price, USD per 1M tokens.
     *
     * @param cacheRead  price of cache-read input tokens, {@code null} to bill them at {@code input}
     * @param cacheWrite price of cache-write input tokens, {@code null} to bill them at {@code input}
     * @return the price, or {@code null} when a price is negative or not a finite number (never throws: prices may
     *         come from a user's file)
     */
    public static Price of(double input, double output, Double cacheRead, Double cacheWrite) {
        if (!valid(input) || !valid(output)
                || (cacheRead != null && !valid(cacheRead)) || (cacheWrite != null && !valid(cacheWrite))) {
            return null;
        }
        return new Price(input, output, cacheRead, cacheWrite);
    }

    private static boolean valid(double price) {
        return price >= 0 && !Double.isInfinite(price); // NaN fails ">= 0"
    }

    /** USD per 1M input tokens. */
    public double input() {
        return input;
    }

    /** USD per 1M output tokens. */
    public double output() {
        return output;
    }

    /** USD per 1M cache-read input tokens as configured; {@code null} when absent (billed at {@link #input()}). */
    public Double cacheRead() {
        return cacheRead;
    }

    /** USD per 1M cache-write input tokens as configured; {@code null} when absent (billed at {@link #input()}). */
    public Double cacheWrite() {
        return cacheWrite;
    }

    /**
     * Prices one call. Negative counts (garbage from a body) count as zero.
     *
     * @param inputTokens      input tokens not served from or written to the cache
     * @param outputTokens     generated tokens
     * @param cacheReadTokens  input tokens read from the prompt cache
     * @param cacheWriteTokens input tokens written to the prompt cache
     * @return the cost, never {@code null}
     */
    public Cost cost(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {
        double readPrice = cacheRead != null ? cacheRead : input;
        double writePrice = cacheWrite != null ? cacheWrite : input;
        // Sum the per-million products first and divide once: fewer roundings, cleaner decimals.
        double inputMicros = positive(inputTokens) * input + positive(cacheReadTokens) * readPrice
                + positive(cacheWriteTokens) * writePrice;
        return new Cost(inputMicros / PER_MILLION, positive(outputTokens) * output / PER_MILLION);
    }

    private static double positive(long tokens) {
        return tokens > 0 ? tokens : 0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Price)) {
            return false;
        }
        Price p = (Price) o;
        return Double.compare(input, p.input) == 0 && Double.compare(output, p.output) == 0
                && (cacheRead == null ? p.cacheRead == null : cacheRead.equals(p.cacheRead))
                && (cacheWrite == null ? p.cacheWrite == null : cacheWrite.equals(p.cacheWrite));
    }

    @Override
    public int hashCode() {
        int h = Double.hashCode(input);
        h = 31 * h + Double.hashCode(output);
        h = 31 * h + (cacheRead == null ? 0 : cacheRead.hashCode());
        return 31 * h + (cacheWrite == null ? 0 : cacheWrite.hashCode());
    }

    @Override
    public String toString() {
        return "Price{input=" + input + ", output=" + output + ", cacheRead=" + cacheRead + ", cacheWrite="
                + cacheWrite + " USD/1M}";
    }
}
