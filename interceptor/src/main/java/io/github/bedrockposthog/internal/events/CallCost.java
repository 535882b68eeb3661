package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.pricing.Cost;
import io.github.bedrockposthog.internal.pricing.Price;
import io.github.bedrockposthog.internal.pricing.PriceTable;

/** The price of one observed call, shared by both event schemas so their costs can never disagree. */
final class CallCost {

    private CallCost() {
    }

    /**
     * What the call cost.
     *
     * @return the cost, or {@code null} when the token counts or the model's price are unknown (never a misleading 0)
     */
    static Cost of(PriceTable prices, LlmCall o) {
        if (prices == null || o.inputTokens == null || o.outputTokens == null) {
            return null;
        }
        Price price = prices.lookup(o.modelId);
        if (price == null) {
            return null;
        }
        return price.cost(o.inputTokens, o.outputTokens, orZero(o.cacheReadInputTokens), orZero(o.cacheWriteInputTokens));
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }
}
