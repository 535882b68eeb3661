package io.github.bedrockposthog.internal.pricing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pricing inputs read from real SDK request and response objects. */
class SdkPricingInputsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"system\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]}|1h",
            "{\"system\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":\"ephemeral\"}}]}|5m",
            "{\"messages\":[{\"content\":[{\"text\":\"a\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"5m\"}}]}]}|5m",
            "{\"system\":[{\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],\"messages\":[{\"content\":[{\"cache_control\":{\"type\":\"ephemeral\"}}]}]}|mixed",
            "{\"messages\":[{\"content\":\"the text says \\\"ttl\\\":\\\"1h\\\"\"}]}|5m",
            "not json|5m",
    })
    void anthropicBodiesGiveTheirCacheControlTtl(String body, String ttl) {
        assertEquals(ttl, SdkPricingInputs.cacheTtl(null, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void converseCachePointsGiveTheirTtl() {
        ConverseRequest oneHour = ConverseRequest.builder().modelId("m")
                .system(s -> s.text("x"), s -> s.cachePoint(c -> c.type("default").ttl(CacheTTL.VALUE_1_H))).build();
        assertEquals("1h", SdkPricingInputs.cacheTtl(oneHour, null));
        ConverseRequest mixed = oneHour.toBuilder().messages(m -> m.role("user").content(ContentBlock.fromText("q"),
                ContentBlock.fromCachePoint(c -> c.type("default")))).build();
        assertEquals("mixed", SdkPricingInputs.cacheTtl(mixed, null));
        assertEquals("5m", SdkPricingInputs.cacheTtl(ConverseRequest.builder().modelId("m").build(), null));
    }

    @Test
    void theServedTierAndLatencyWinOverTheRequestedOnes() {
        InvokeModelRequest request = InvokeModelRequest.builder().modelId("m").body(SdkBytes.fromUtf8String("{}"))
                .serviceTier(ServiceTierType.PRIORITY).performanceConfigLatency(PerformanceConfigLatency.OPTIMIZED).build();
        assertEquals("priority", SdkPricingInputs.serviceTier(null, request));
        assertTrue(SdkPricingInputs.latencyOptimized(null, request));
        // Bedrock serves an optimized request at standard latency (and rate) when its quota is used up.
        InvokeModelResponse served = InvokeModelResponse.builder().serviceTier(ServiceTierType.DEFAULT)
                .performanceConfigLatency(PerformanceConfigLatency.STANDARD).build();
        assertEquals("default", SdkPricingInputs.serviceTier(served, request));
        assertFalse(SdkPricingInputs.latencyOptimized(served, request));
    }

    @Test
    void converseTierAndLatency() {
        ConverseRequest request = ConverseRequest.builder().modelId("m").serviceTier(t -> t.type(ServiceTierType.FLEX))
                .performanceConfig(p -> p.latency(PerformanceConfigLatency.OPTIMIZED)).build();
        assertEquals("flex", SdkPricingInputs.serviceTier(ConverseResponse.builder().build(), request));
        assertTrue(SdkPricingInputs.latencyOptimized(null, request));
        assertNull(SdkPricingInputs.serviceTier(null, ConverseRequest.builder().build()));
        assertNull(SdkPricingInputs.serviceTier("not an SDK object", null));
    }

    @Test
    void bedrocksSplitOfCacheWritesByTtl() {
        ConverseResponse converse = ConverseResponse.builder().usage(u -> u.inputTokens(1).outputTokens(1)
                .totalTokens(2).cacheWriteInputTokens(20_000).cacheDetails(
                        d -> d.ttl(CacheTTL.VALUE_1_H).inputTokens(5_000),
                        d -> d.ttl(CacheTTL.VALUE_5_M).inputTokens(15_000))).build();
        assertEquals(5_000L, SdkPricingInputs.cacheWrite1hTokens(converse, null));
        assertNull(SdkPricingInputs.cacheWrite1hTokens(ConverseResponse.builder().usage(u -> u.inputTokens(1))
                .build(), null), "no details: no split");
        byte[] anthropic = ("{\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":300,"
                + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":100,\"ephemeral_1h_input_tokens\":200}}}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(200L, SdkPricingInputs.cacheWrite1hTokens(null, anthropic));
        assertNull(SdkPricingInputs.cacheWrite1hTokens(null, "{\"usage\":{}}".getBytes(StandardCharsets.UTF_8)));
    }
}
