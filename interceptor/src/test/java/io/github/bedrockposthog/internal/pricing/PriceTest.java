package io.github.bedrockposthog.internal.pricing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class PriceTest {

    private static final double EXACT = 1e-12;

    @Test
    void llama31EightBCostsTwentyTwoCentsPerMillionEachWay() {
        Cost cost = Price.of(0.22, 0.22).cost(1000, 2000, 0, 0);
        assertEquals(0.00022, cost.inputDollars(), EXACT);
        assertEquals(0.00044, cost.outputDollars(), EXACT);
        assertEquals(0.00066, cost.totalDollars(), EXACT);
    }

    @Test
    void cacheReadsAndWritesAreInputAtTheirOwnPrices() {
        Price haiku35 = Price.of(0.80, 4.00, 0.08, 1.00);
        Cost cost = haiku35.cost(4, 50, 18131, 1000);
        // 4 x 0.80 + 18131 x 0.08 + 1000 x 1.00 = 2453.68 per million
        assertEquals(0.00245368, cost.inputDollars(), EXACT);
        assertEquals(0.0002, cost.outputDollars(), EXACT);
        assertEquals(0.00265368, cost.totalDollars(), EXACT);
    }

    @Test
    void absentCachePricesBillCachedTokensAtTheInputPrice() {
        Price price = Price.of(2.0, 8.0);
        assertNull(price.cacheRead());
        assertNull(price.cacheWrite());
        Cost cost = price.cost(0, 0, 1_000_000, 500_000);
        assertEquals(3.0, cost.inputDollars(), EXACT);
        assertEquals(0.0, cost.outputDollars(), EXACT);
    }

    @Test
    void negativeTokenCountsCountAsZero() {
        Cost cost = Price.of(1.0, 1.0, 1.0, 1.0).cost(-5, -1, -7, Long.MIN_VALUE);
        assertEquals(0.0, cost.totalDollars(), EXACT);
    }

    @Test
    void invalidPricesAreRefusedWithoutThrowing() {
        assertNull(Price.of(-0.01, 1.0));
        assertNull(Price.of(1.0, Double.NaN));
        assertNull(Price.of(1.0, Double.POSITIVE_INFINITY));
        assertNull(Price.of(1.0, 1.0, -1.0, null));
        assertNull(Price.of(1.0, 1.0, null, Double.NaN));
        assertNotNull(Price.of(0.0, 0.0, 0.0, 0.0), "free is a valid price");
    }

    @Test
    void largeCountsStayAccurate() {
        Cost cost = Price.of(15.0, 75.0).cost(3_000_000_000L, 1_000_000_000L, 0, 0);
        assertEquals(45_000.0, cost.inputDollars(), 1e-6);
        assertEquals(75_000.0, cost.outputDollars(), 1e-6);
    }
}
