package io.github.bedrockposthog.internal.pricing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a price file: a model's base {@link Price} on one route, and the rates of its other billing
 * dimensions (long context, service tiers, latency-optimized inference, per-image price). Immutable.
 */
final class ModelPrice {

    static final String TIER_DEFAULT = "default";
    static final String LATENCY_STANDARD = "standard";
    static final String LATENCY_OPTIMIZED = "optimized";

    private static final double PER_MILLION = 1_000_000d;

    /** Base rates; {@code null} for an entry that prices images only. */
    final Price base;
    /**
     * Input above this many tokens (input + cache read + cache write) bills the whole request at {@link
     * #longContext}; {@code null} when the model has no long-context tier. With a threshold but no rates, a call
     * above it has no known price.
     */
    final Long longContextAbove;
    final Price longContext;
    /** {@code priority}, {@code flex}, {@code reserved} → rates. */
    final Map<String, Price> tiers;
    final Price latencyOptimized;
    /** USD per generated image; {@code null} when unknown. */
    final Double image;
    /** True when only routes with their own entry (and the base route) are known: no fallback to the base price. */
    final boolean routesListed;

    ModelPrice(Price base, Long longContextAbove, Price longContext, Map<String, Price> tiers, Price latencyOptimized,
               Double image, boolean routesListed) {
        this.base = base;
        this.longContextAbove = longContextAbove;
        this.longContext = longContext;
        this.tiers = tiers == null || tiers.isEmpty() ? Collections.<String, Price>emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
        this.latencyOptimized = latencyOptimized;
        this.image = image;
        this.routesListed = routesListed;
    }

    /** An entry with base rates only, priced on every route (the old file format, {@code PriceTable.of}). */
    static ModelPrice of(Price base) {
        return new ModelPrice(base, null, null, null, null, null, false);
    }

    /** Prices a query whose model and route resolved to this entry; {@code r} collects the inputs used. */
    Cost cost(PriceQuery q, PriceQuery.Resolved r) {
        r.serviceTier = q.serviceTier;
        r.latency = q.latencyOptimized ? LATENCY_OPTIMIZED : LATENCY_STANDARD;
        if (q.kind == PriceQuery.Kind.IMAGE) {
            return imageCost(q, r);
        }
        Price rates = base;
        if (!TIER_DEFAULT.equals(q.serviceTier)) {
            rates = tiers.get(q.serviceTier);
            if (rates == null || q.latencyOptimized) {
                return Cost.unknown(Cost.UNKNOWN_SERVICE_TIER, r);
            }
        } else if (q.latencyOptimized) {
            rates = latencyOptimized;
            if (rates == null) {
                return Cost.unknown(Cost.UNKNOWN_LATENCY, r);
            }
        }
        if (rates == null) {
            return Cost.unknown(Cost.UNKNOWN_MODEL, r); // an image-only entry asked for tokens
        }
        long input = positive(q.inputTokens);
        long cacheRead = positive(q.cacheReadTokens);
        long cacheWrite = positive(q.cacheWriteTokens);
        r.contextTier = Cost.CONTEXT_STANDARD;
        if (longContextAbove != null && input + cacheRead + cacheWrite > longContextAbove) {
            r.contextTier = Cost.CONTEXT_LONG;
            if (rates != base || longContext == null) {
                return Cost.unknown(Cost.UNKNOWN_CONTEXT_TIER, r); // no long-context rate of a tier is published
            }
            rates = longContext;
        }
        // Only the base rates keep the old "cache tokens bill at input" rule; other rate sets never guess.
        boolean strict = rates != base;
        if (cacheWrite > 0) {
            r.cacheTtl = q.cacheTtl;
        }
        if (q.inputTokens == null || (q.kind == PriceQuery.Kind.TEXT && q.outputTokens == null)) {
            return Cost.unknown(Cost.UNKNOWN_TOKENS, r);
        }
        if (q.kind == PriceQuery.Kind.EMBEDDING) {
            return new Cost(input * rates.input() / PER_MILLION, 0d).describedBy(r);
        }
        long oneHour = 0;
        long fiveMinutes = cacheWrite;
        if (cacheWrite > 0) {
            if (q.cacheWrite1hTokens != null) { // Bedrock's own split by TTL
                oneHour = Math.min(cacheWrite, positive(q.cacheWrite1hTokens));
                fiveMinutes = cacheWrite - oneHour;
                r.cacheTtl = oneHour == 0 ? PriceQuery.TTL_5M : fiveMinutes == 0 ? PriceQuery.TTL_1H
                        : PriceQuery.TTL_BOTH;
            } else if (PriceQuery.TTL_1H.equals(q.cacheTtl)) {
                oneHour = cacheWrite;
                fiveMinutes = 0;
            } else if (!PriceQuery.TTL_5M.equals(q.cacheTtl)) {
                // Several TTLs in one request and no split reported: which tokens got which rate is unknown.
                return Cost.unknown(Cost.UNKNOWN_CACHE_TTL, r);
            }
        }
        double writeMicros = 0;
        if (fiveMinutes > 0) {
            Double write = rates.cacheWrite() != null || strict ? rates.cacheWrite() : Double.valueOf(rates.input());
            if (write == null) {
                return Cost.unknown(Cost.UNKNOWN_CACHE_PRICE, r);
            }
            writeMicros += fiveMinutes * write;
        }
        if (oneHour > 0) {
            if (rates.cacheWrite1h() == null) {
                return Cost.unknown(Cost.UNKNOWN_CACHE_TTL, r);
            }
            writeMicros += oneHour * rates.cacheWrite1h();
        }
        double readPrice = 0;
        if (cacheRead > 0) {
            Double read = rates.cacheRead() != null || strict ? rates.cacheRead() : Double.valueOf(rates.input());
            if (read == null) {
                return Cost.unknown(Cost.UNKNOWN_CACHE_PRICE, r);
            }
            readPrice = read;
        }
        // Sum the per-million products first and divide once: fewer roundings, cleaner decimals.
        double inputMicros = input * rates.input() + cacheRead * readPrice + writeMicros;
        return new Cost(inputMicros / PER_MILLION, positive(q.outputTokens) * rates.output() / PER_MILLION)
                .describedBy(r);
    }

    private Cost imageCost(PriceQuery q, PriceQuery.Resolved r) {
        if (!TIER_DEFAULT.equals(q.serviceTier)) {
            return Cost.unknown(Cost.UNKNOWN_SERVICE_TIER, r);
        }
        if (q.latencyOptimized) {
            return Cost.unknown(Cost.UNKNOWN_LATENCY, r);
        }
        if (image == null) {
            return Cost.unknown(Cost.UNKNOWN_IMAGE_PRICE, r);
        }
        if (q.images == null) {
            return Cost.unknown(Cost.UNKNOWN_TOKENS, r);
        }
        return new Cost(0d, Math.max(0, q.images) * image).describedBy(r);
    }

    private static long positive(Long tokens) {
        return tokens != null && tokens > 0 ? tokens : 0;
    }

    @Override
    public String toString() {
        return "ModelPrice{base=" + base + (longContextAbove == null ? "" : ", above " + longContextAbove + ": "
                + longContext) + (tiers.isEmpty() ? "" : ", tiers=" + tiers) + (latencyOptimized == null ? ""
                : ", latencyOptimized=" + latencyOptimized) + (image == null ? "" : ", image=$" + image)
                + (routesListed ? ", routes listed" : "") + '}';
    }
}
