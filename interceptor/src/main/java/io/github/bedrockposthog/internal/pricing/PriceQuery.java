package io.github.bedrockposthog.internal.pricing;

/**
 * Everything AWS bills a Bedrock call on: what {@link PriceTable#price(PriceQuery)} needs. Built with
 * {@link #builder()}; absent facts are {@code null}.
 */
public final class PriceQuery {

    /** What the call produced: billed per token (text), per input token (embedding) or per image. */
    public enum Kind { TEXT, EMBEDDING, IMAGE }

    /** Cache TTL values: the default 5 minutes, 1 hour, or several TTLs in one request (not priceable). */
    public static final String TTL_5M = "5m";
    public static final String TTL_1H = "1h";
    public static final String TTL_MIXED = "mixed";
    /** {@link Cost#cacheTtl()} of a call whose cache writes Bedrock reported split by TTL, both present. */
    public static final String TTL_BOTH = "5m+1h";

    final String modelId;
    final String region;
    final String serviceTier;
    final boolean latencyOptimized;
    final Long inputTokens;
    final Long outputTokens;
    final Long cacheReadTokens;
    final Long cacheWriteTokens;
    final String cacheTtl;
    final Long cacheWrite1hTokens;
    final Kind kind;
    final Integer images;

    private PriceQuery(Builder b) {
        this.modelId = b.modelId;
        this.region = blankToNull(b.region);
        this.serviceTier = normaliseTier(b.serviceTier);
        this.latencyOptimized = b.latencyOptimized;
        this.inputTokens = b.inputTokens;
        this.outputTokens = b.outputTokens;
        this.cacheReadTokens = b.cacheReadTokens;
        this.cacheWriteTokens = b.cacheWriteTokens;
        this.cacheTtl = b.cacheTtl == null ? TTL_5M : b.cacheTtl; // Bedrock's default TTL is 5 minutes
        this.cacheWrite1hTokens = b.cacheWrite1hTokens;
        this.kind = b.kind == null ? Kind.TEXT : b.kind;
        this.images = b.images;
    }

    private static String blankToNull(String s) {
        return s == null || s.trim().isEmpty() ? null : s.trim();
    }

    /** {@code null}, blank and {@code standard} mean the default tier; values are lower-cased. */
    private static String normaliseTier(String tier) {
        String t = blankToNull(tier);
        if (t == null) {
            return ModelPrice.TIER_DEFAULT;
        }
        t = t.toLowerCase(java.util.Locale.ROOT);
        return "standard".equals(t) ? ModelPrice.TIER_DEFAULT : t;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a query's facts. */
    public static final class Builder {
        private String modelId;
        private String region;
        private String serviceTier;
        private boolean latencyOptimized;
        private Long inputTokens;
        private Long outputTokens;
        private Long cacheReadTokens;
        private Long cacheWriteTokens;
        private String cacheTtl;
        private Long cacheWrite1hTokens;
        private Kind kind;
        private Integer images;

        private Builder() {
        }

        /** The model id exactly as passed to the SDK: base id, profile id or ARN. */
        public Builder modelId(String modelId) {
            this.modelId = modelId;
            return this;
        }

        /** The client's region ({@code AwsExecutionAttribute.AWS_REGION}); an ARN's own region wins. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** {@code default} (also {@code null}, {@code standard}), {@code priority}, {@code flex}, {@code reserved}. */
        public Builder serviceTier(String serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        /** True for {@code performanceConfig.latency = optimized}. */
        public Builder latencyOptimized(boolean latencyOptimized) {
            this.latencyOptimized = latencyOptimized;
            return this;
        }

        /** Input tokens not read from or written to the cache. */
        public Builder inputTokens(Long inputTokens) {
            this.inputTokens = inputTokens;
            return this;
        }

        public Builder outputTokens(Long outputTokens) {
            this.outputTokens = outputTokens;
            return this;
        }

        public Builder cacheReadTokens(Long cacheReadTokens) {
            this.cacheReadTokens = cacheReadTokens;
            return this;
        }

        public Builder cacheWriteTokens(Long cacheWriteTokens) {
            this.cacheWriteTokens = cacheWriteTokens;
            return this;
        }

        /** {@link #TTL_5M} (also {@code null}), {@link #TTL_1H} or {@link #TTL_MIXED}. */
        public Builder cacheTtl(String cacheTtl) {
            this.cacheTtl = cacheTtl;
            return this;
        }

        /**
         * Of the cache-write tokens, those Bedrock reports written with a 1-hour TTL (Converse
         * {@code usage.cacheDetails}, Anthropic {@code usage.cache_creation}); the rest were written for 5
         * minutes. When set, it decides the split and {@link #cacheTtl(String)} is not used.
         */
        public Builder cacheWrite1hTokens(Long cacheWrite1hTokens) {
            this.cacheWrite1hTokens = cacheWrite1hTokens;
            return this;
        }

        /** {@link Kind#TEXT} when {@code null}. */
        public Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        /** Images generated (for {@link Kind#IMAGE}). */
        public Builder images(Integer images) {
            this.images = images;
            return this;
        }

        public PriceQuery build() {
            return new PriceQuery(this);
        }
    }

    /** The pricing inputs as they are resolved, reported on the {@link Cost}. */
    static final class Resolved {
        String model;
        String route;
        String region;
        String serviceTier;
        String latency;
        String contextTier;
        String cacheTtl;
    }
}
