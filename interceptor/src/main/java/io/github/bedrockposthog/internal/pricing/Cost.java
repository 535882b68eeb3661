package io.github.bedrockposthog.internal.pricing;

/**
 * What one call cost, in US dollars, and the pricing inputs that decided it, so that a user can check it by hand.
 * Cache reads and writes are input: they count in {@link #inputDollars()} (as PostHog's {@code $ai_input_cost_usd}
 * expects).
 *
 * <p>When a price the call needs is unknown, {@link #known()} is false, the dollar amounts are {@code NaN} and
 * {@link #unknownDimension()} names what was missing: a cost is never guessed.
 */
public final class Cost {

    /** Values of {@link #unknownDimension()}. */
    public static final String UNKNOWN_MODEL = "model";
    public static final String UNKNOWN_ROUTE = "route";
    public static final String UNKNOWN_SERVICE_TIER = "service_tier";
    public static final String UNKNOWN_LATENCY = "latency";
    public static final String UNKNOWN_CONTEXT_TIER = "context_tier";
    public static final String UNKNOWN_CACHE_TTL = "cache_ttl";
    public static final String UNKNOWN_CACHE_PRICE = "cache_price";
    public static final String UNKNOWN_IMAGE_PRICE = "image_price";
    public static final String UNKNOWN_TOKENS = "tokens";

    /** Values of {@link #contextTier()}. */
    public static final String CONTEXT_STANDARD = "standard";
    public static final String CONTEXT_LONG = "long";

    /** {@link #priceRoute()} of a call on a base model id (or foundation-model ARN) in the client's region. */
    public static final String ROUTE_IN_REGION = "in-region";
    /** {@link #priceRoute()} of an ARN priced by its own entry in the price file (no alias). */
    public static final String ROUTE_ARN = "arn";

    private final double inputDollars;
    private final double outputDollars;
    private final String model;
    private final String priceRoute;
    private final String priceRegion;
    private final String serviceTier;
    private final String latency;
    private final String contextTier;
    private final String cacheTtl;
    private final String unknownDimension;

    Cost(double inputDollars, double outputDollars) {
        this(inputDollars, outputDollars, null, null, null, null, null, null, null, null);
    }

    private Cost(double inputDollars, double outputDollars, String model, String priceRoute, String priceRegion,
                 String serviceTier, String latency, String contextTier, String cacheTtl, String unknownDimension) {
        this.inputDollars = inputDollars;
        this.outputDollars = outputDollars;
        this.model = model;
        this.priceRoute = priceRoute;
        this.priceRegion = priceRegion;
        this.serviceTier = serviceTier;
        this.latency = latency;
        this.contextTier = contextTier;
        this.cacheTtl = cacheTtl;
        this.unknownDimension = unknownDimension;
    }

    /** This cost with the pricing inputs that decided it. */
    Cost describedBy(PriceQuery.Resolved r) {
        return new Cost(inputDollars, outputDollars, r.model, r.route, r.region, r.serviceTier, r.latency,
                r.contextTier, r.cacheTtl, null);
    }

    /** No cost: {@code dimension} had no price. The inputs resolved so far are kept for the event. */
    static Cost unknown(String dimension, PriceQuery.Resolved r) {
        return new Cost(Double.NaN, Double.NaN, r.model, r.route, r.region, r.serviceTier, r.latency,
                r.contextTier, r.cacheTtl, dimension);
    }

    /** True when the cost was computed; false when a needed price was unknown. */
    public boolean known() {
        return unknownDimension == null;
    }

    /** Dollars for input: plain input tokens plus cache-read and cache-write tokens, each at its own price. */
    public double inputDollars() {
        return inputDollars;
    }

    /** Dollars for generated tokens (and for generated images). */
    public double outputDollars() {
        return outputDollars;
    }

    /** {@link #inputDollars()} plus {@link #outputDollars()}. */
    public double totalDollars() {
        return inputDollars + outputDollars;
    }

    /** The model id the price is for (an aliased ARN's base model); {@code null} when not resolved. */
    public String model() {
        return model;
    }

    /** {@code global}, a geographic profile ({@code us}, {@code eu}, …), {@code in-region} or {@code arn}. */
    public String priceRoute() {
        return priceRoute;
    }

    /** The region the call was priced for (the ARN's, else the client's); {@code null} when unknown. */
    public String priceRegion() {
        return priceRegion;
    }

    /** {@code default}, {@code priority}, {@code flex} or {@code reserved}. */
    public String serviceTier() {
        return serviceTier;
    }

    /** {@code standard} or {@code optimized} ({@code performanceConfig.latency}). */
    public String latency() {
        return latency;
    }

    /** {@code standard}, or {@code long} when the input passed the model's long-context threshold. */
    public String contextTier() {
        return contextTier;
    }

    /** {@code 5m} or {@code 1h} when the call wrote to the prompt cache; {@code null} otherwise. */
    public String cacheTtl() {
        return cacheTtl;
    }

    /** The dimension whose price was unknown, or {@code null} when {@link #known()}. */
    public String unknownDimension() {
        return unknownDimension;
    }

    @Override
    public String toString() {
        return "Cost{" + (known() ? "input=$" + inputDollars + ", output=$" + outputDollars + ", total=$"
                + totalDollars() : "unknown " + unknownDimension) + ", model=" + model + ", route=" + priceRoute
                + ", region=" + priceRegion + ", tier=" + serviceTier + ", latency=" + latency + ", context="
                + contextTier + ", cacheTtl=" + cacheTtl + '}';
    }
}
