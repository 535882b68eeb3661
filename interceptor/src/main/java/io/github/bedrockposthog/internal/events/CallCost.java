package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.pricing.Cost;
import io.github.bedrockposthog.internal.pricing.PriceQuery;
import io.github.bedrockposthog.internal.pricing.PriceTable;

import java.util.Map;

/**
 * The price of one call, shared by both event schemas so their costs can never disagree; and the one place that
 * writes cost properties and the pricing inputs they used.
 */
final class CallCost {

    private CallCost() {
    }

    /**
     * What the call cost.
     *
     * @return the cost with its pricing inputs, or {@code null} when there are no prices at all
     */
    static Cost of(PriceTable prices, LlmCall o) {
        if (prices == null) {
            return null;
        }
        PriceQuery query = PriceQuery.builder()
                .modelId(o.invokedModelId != null ? o.invokedModelId : o.modelId) // a router: who answered (#13)
                .region(o.region)
                .serviceTier(o.serviceTier)
                .latencyOptimized(o.latencyOptimized)
                .inputTokens(o.inputTokens)
                .outputTokens(o.outputTokens)
                .cacheReadTokens(o.cacheReadInputTokens)
                .cacheWriteTokens(o.cacheWriteInputTokens)
                // Bedrock's split of the writes by TTL (response) wins over the TTLs the request asked for.
                .cacheTtl(o.cacheTtl)
                .cacheWrite1hTokens(o.cacheWrite1hTokens)
                .kind(kind(o)) // operation kind (#13): embeddings per input token, images per image
                .images(o.imageCount)
                .build();
        return prices.price(query);
    }

    /** The price kind of a call; rerank has no per-token price and is never priced as text. */
    static PriceQuery.Kind kind(LlmCall o) {
        switch (o.operationKind) {
            case EMBEDDING:
                return PriceQuery.Kind.EMBEDDING;
            case IMAGE:
                return PriceQuery.Kind.IMAGE;
            default:
                return PriceQuery.Kind.TEXT;
        }
    }

    /**
     * Writes the cost (when known) under the schema's three names, and the pricing inputs used: {@code price_route},
     * {@code price_region}, {@code service_tier}, {@code latency_mode}, {@code context_tier}, {@code cache_write_ttl},
     * and {@code price_unknown_dimension} when a needed price was unknown. An opaque ARN that the price file aliases
     * to a model is named as that model under {@code modelKey}.
     */
    static void put(Map<String, Object> p, PriceTable prices, LlmCall o, String modelKey, String inputKey,
                    String outputKey, String totalKey) {
        Cost cost = of(prices, o);
        if (cost == null) {
            return;
        }
        if (cost.model() != null && o.modelOpaque) {
            p.put(modelKey, cost.model()); // an aliased application profile or provisioned model
        }
        if (cost.known()) {
            if (inputKey != null) { // null: a kind without that part (embeddings have no output, images no input)
                p.put(inputKey, cost.inputDollars());
            }
            if (outputKey != null) {
                p.put(outputKey, cost.outputDollars());
            }
            p.put(totalKey, cost.totalDollars());
        } else {
            p.put("price_unknown_dimension", cost.unknownDimension()); // cost left out: never a misleading 0
        }
        putIfSet(p, "price_route", cost.priceRoute());
        putIfSet(p, "price_region", cost.priceRegion());
        putIfSet(p, "service_tier", cost.serviceTier());
        putIfSet(p, "latency_mode", cost.latency());
        putIfSet(p, "context_tier", cost.contextTier());
        putIfSet(p, "cache_write_ttl", cost.cacheTtl());
    }

    private static void putIfSet(Map<String, Object> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
