package io.github.bedrockposthog.internal.pricing;

/**
 * One set of token rates in US dollars per million tokens: a model's base rates, or its long-context, service-tier
 * or latency-optimized rates (see {@link ModelPrice}).
 *
 * <p>Cache prices are optional. In a model's base rates an absent cache-read or cache-write price bills those tokens
 * at the plain input price (as this library always did: exact for models that bill cached tokens like any other
 * input). The 1-hour cache-write price ({@code cache_write_1h}) has no such fallback: unknown stays unknown.
 */
public final class Price {

    private static final double PER_MILLION = 1_000_000d;

    private final double input;
    private final double output;
    private final Double cacheRead;
    private final Double cacheWrite;
    private final Double cacheWrite1h;

    private Price(double input, double output, Double cacheRead, Double cacheWrite, Double cacheWrite1h) {
        this.input = input;
        this.output = output;
        this.cacheRead = cacheRead;
        this.cacheWrite = cacheWrite;
        this.cacheWrite1h = cacheWrite1h;
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
        return of(input, output, cacheRead, cacheWrite, null);
    }

    /**
     * A price with a 1-hour cache-write rate, USD per 1M tokens.
     *
     * @param cacheWrite1h price of input tokens written to the cache with a 1-hour TTL, {@code null} when unknown
     * @return the price, or {@code null} when a price is negative or not a finite number
     */
    public static Price of(double input, double output, Double cacheRead, Double cacheWrite, Double cacheWrite1h) {
        if (!valid(input) || !valid(output) || (cacheRead != null && !valid(cacheRead))
                || (cacheWrite != null && !valid(cacheWrite)) || (cacheWrite1h != null && !valid(cacheWrite1h))) {
            return null;
        }
        return new Price(input, output, cacheRead, cacheWrite, cacheWrite1h);
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

    /** USD per 1M input tokens written to the cache with a 1-hour TTL; {@code null} when unknown. */
    public Double cacheWrite1h() {
        return cacheWrite1h;
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
                && (cacheWrite == null ? p.cacheWrite == null : cacheWrite.equals(p.cacheWrite))
                && (cacheWrite1h == null ? p.cacheWrite1h == null : cacheWrite1h.equals(p.cacheWrite1h));
    }

    @Override
    public int hashCode() {
        int h = Double.hashCode(input);
        h = 31 * h + Double.hashCode(output);
        h = 31 * h + (cacheRead == null ? 0 : cacheRead.hashCode());
        h = 31 * h + (cacheWrite == null ? 0 : cacheWrite.hashCode());
        return 31 * h + (cacheWrite1h == null ? 0 : cacheWrite1h.hashCode());
    }

    @Override
    public String toString() {
        return "Price{input=" + input + ", output=" + output + ", cacheRead=" + cacheRead + ", cacheWrite="
                + cacheWrite + (cacheWrite1h == null ? "" : ", cacheWrite1h=" + cacheWrite1h) + " USD/1M}";
    }
}
