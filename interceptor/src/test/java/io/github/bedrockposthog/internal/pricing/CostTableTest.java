package io.github.bedrockposthog.internal.pricing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled table against published prices: model × route × region × service tier × context × cache TTL × kind.
 * Each case states the per-1M rates it expects and where they are published:
 * <ul>
 *   <li>[AWS] aws.amazon.com/bedrock/pricing: on-demand rates per model; embeddings billed per input token;
 *       Claude Sonnet 4.5 / Haiku 4.5 / Opus 4.5 cost 10% more on geographic profiles and in-region than on
 *       {@code global.} (the "regional endpoint" premium);</li>
 *   <li>[ANT] Anthropic's pricing page, which Bedrock mirrors for Claude: long context above 200k input tokens
 *       ($6 / $22.50 for Sonnet 4 and 4.5), cache writes 1.25x (5 min) or 2x (1 h) and reads 0.1x the input rate;</li>
 *   <li>[L] LiteLLM's Bedrock rows (snapshot 2026-07-24, bundled with credit), row key given;</li>
 *   <li>[D] DESIGN §3 corrections checked against AWS (Llama 3.1, Titan Text, Nova cache reads at 25%).</li>
 * </ul>
 * Unknown cases assert that no cost is made up and which dimension was missing.
 */
class CostTableTest {

    private static final String SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String HAIKU_45 = "anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String OPUS_45 = "anthropic.claude-opus-4-5-20251101-v1:0";
    private static final String NOVA_PRO = "amazon.nova-pro-v1:0";

    private static PriceQuery.Builder text(String model, String region, long in, long out) {
        return PriceQuery.builder().modelId(model).region(region).inputTokens(in).outputTokens(out);
    }

    private static Arguments known(String source, PriceQuery.Builder q, double dollars, String route, String context) {
        return Arguments.of(source, q.build(), dollars, null, route, context);
    }

    private static Arguments unknown(String source, PriceQuery.Builder q, String dimension) {
        return Arguments.of(source, q.build(), Double.NaN, dimension, null, null);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // --- Claude Sonnet 4.5: global vs geographic vs GovCloud, in-region by region ---
                known("[AWS][L global.] $3 / $15: 10k in, 2k out = 0.03 + 0.03",
                        text("global." + SONNET_45, "us-east-1", 10_000, 2_000), 0.06, "global", "standard"),
                known("[AWS][L us.] $3.30 / $16.50 (+10%): 0.033 + 0.033",
                        text("us." + SONNET_45, "us-east-1", 10_000, 2_000), 0.066, "us", "standard"),
                known("[AWS][L eu.] $3.30 / $16.50", text("eu." + SONNET_45, "eu-west-1", 10_000, 2_000),
                        0.066, "eu", "standard"),
                known("[AWS][L jp.] $3.30 / $16.50", text("jp." + SONNET_45, "ap-northeast-1", 10_000, 2_000),
                        0.066, "jp", "standard"),
                known("[AWS][L au.] $3.30 / $16.50", text("au." + SONNET_45, "ap-southeast-2", 10_000, 2_000),
                        0.066, "au", "standard"),
                known("[AWS][L us-gov.] $3.60 / $18: 0.036 + 0.036",
                        text("us-gov." + SONNET_45, "us-gov-west-1", 10_000, 2_000), 0.072, "us-gov", "standard"),
                known("[AWS][L bedrock/us-gov-west-1/] in-region GovCloud $3.60 / $18",
                        text(SONNET_45, "us-gov-west-1", 10_000, 2_000), 0.072, "in-region", "standard"),
                known("[AWS] inference-profile ARN: its region and its us. route, $3.30 / $16.50",
                        text("arn:aws:bedrock:us-east-2:123456789012:inference-profile/us." + SONNET_45, "eu-west-1",
                                10_000, 2_000), 0.066, "us", "standard"),
                unknown("[L] no apac. row for Sonnet 4.5: its route is unknown, not the base price",
                        text("apac." + SONNET_45, "ap-southeast-1", 10_000, 2_000), Cost.UNKNOWN_ROUTE),
                unknown("[L] no in-region row for eu-central-1", text(SONNET_45, "eu-central-1", 10_000, 2_000),
                        Cost.UNKNOWN_ROUTE),
                // --- long context: above 200k input tokens, the whole request at the long rate ---
                known("[ANT][L us. *_above_200k] $6.60 / $24.75: 250k in = 1.65, 1k out = 0.02475",
                        text("us." + SONNET_45, "us-east-1", 250_000, 1_000), 1.67475, "us", "long"),
                known("[ANT][L global. *_above_200k] $6 / $22.50: 1.5 + 0.0225",
                        text("global." + SONNET_45, "us-east-1", 250_000, 1_000), 1.5225, "global", "long"),
                known("[AWS] exactly 200k input is not above the threshold: $3.30 / $16.50, 0.66 + 0.0165",
                        text("us." + SONNET_45, "us-east-1", 200_000, 1_000), 0.6765, "us", "standard"),
                known("[ANT] cache reads count toward the threshold; long reads 0.1 x $6.60 = $0.66: "
                                + "150k x 6.6 + 60k x 0.66 = 1.0296, + 1k x 24.75 = 1.05435",
                        text("us." + SONNET_45, "us-east-1", 150_000, 1_000).cacheReadTokens(60_000L), 1.05435,
                        "us", "long"),
                known("[AWS][L] Sonnet 4 global. long context $6 / $22.50",
                        text("global.anthropic.claude-sonnet-4-20250514-v1:0", "us-west-2", 300_000, 2_000), 1.845,
                        "global", "long"),
                unknown("[L] GovCloud in-region row has no long-context rate: unknown, not the standard rate",
                        text(SONNET_45, "us-gov-west-1", 250_000, 1_000), Cost.UNKNOWN_CONTEXT_TIER),
                // --- prompt cache TTL ---
                known("[AWS][L] 5-minute writes $3.75: 1k x 3 + 20k x 3.75 = 0.078, 500 out = 0.0075",
                        text("global." + SONNET_45, "us-east-1", 1_000, 500).cacheWriteTokens(20_000L)
                                .cacheTtl(PriceQuery.TTL_5M), 0.0855, "global", "standard"),
                known("[ANT] 1-hour writes 2 x $3 = $6: 0.003 + 0.12 + 0.0075",
                        text("global." + SONNET_45, "us-east-1", 1_000, 500).cacheWriteTokens(20_000L)
                                .cacheTtl(PriceQuery.TTL_1H), 0.1305, "global", "standard"),
                known("[ANT][AWS] 1-hour writes on us.: 2 x $3.30 = $6.60: 0.0033 + 0.132 + 0.00825",
                        text("us." + SONNET_45, "us-east-1", 1_000, 500).cacheWriteTokens(20_000L)
                                .cacheTtl(PriceQuery.TTL_1H), 0.14355, "us", "standard"),
                known("[ANT][L us.] Haiku 4.5 1-hour writes 2 x $1.10 = $2.20: 10k = 0.022, 100 out x 5.5",
                        text("us." + HAIKU_45, "us-west-2", 0, 100).cacheWriteTokens(10_000L)
                                .cacheTtl(PriceQuery.TTL_1H), 0.02255, "us", "standard"),
                known("[ANT] Bedrock's split by TTL: 1k x 3 + 15k x 3.75 (5 min) + 5k x 6 (1 h) = 0.08925, + 0.0075",
                        text("global." + SONNET_45, "us-east-1", 1_000, 500).cacheWriteTokens(20_000L)
                                .cacheTtl(PriceQuery.TTL_MIXED).cacheWrite1hTokens(5_000L), 0.09675, "global",
                        "standard"),
                unknown("5-minute and 1-hour cache points in one request: the split is not reported",
                        text("global." + SONNET_45, "us-east-1", 1_000, 500).cacheWriteTokens(20_000L)
                                .cacheTtl(PriceQuery.TTL_MIXED), Cost.UNKNOWN_CACHE_TTL),
                unknown("[L] Claude 3.5 Haiku has no published 1-hour write rate",
                        text("anthropic.claude-3-5-haiku-20241022-v1:0", "us-east-1", 1_000, 500)
                                .cacheWriteTokens(2_000L).cacheTtl(PriceQuery.TTL_1H), Cost.UNKNOWN_CACHE_TTL),
                // --- other Claude 4.5 models ---
                known("[AWS][L global.] Haiku 4.5 $1 / $5: 0.01 + 0.01",
                        text("global." + HAIKU_45, "us-east-1", 10_000, 2_000), 0.02, "global", "standard"),
                known("[AWS][L us.] Haiku 4.5 $1.10 / $5.50", text("us." + HAIKU_45, "us-east-1", 10_000, 2_000),
                        0.022, "us", "standard"),
                known("[AWS][L global.] Opus 4.5 $5 / $25: 0.05 + 0.05",
                        text("global." + OPUS_45, "us-east-1", 10_000, 2_000), 0.1, "global", "standard"),
                known("[AWS][L us.] Opus 4.5 $5.50 / $27.50", text("us." + OPUS_45, "us-east-1", 10_000, 2_000),
                        0.11, "us", "standard"),
                // --- Amazon Nova: EU and APAC profiles, GovCloud, cache reads ---
                known("[AWS][L] Nova Pro in us-east-1 $0.80 / $3.20: 0.008 + 0.0064",
                        text(NOVA_PRO, "us-east-1", 10_000, 2_000), 0.0144, "in-region", "standard"),
                known("[AWS][L eu.] Nova Pro $1.05 / $4.20: 0.0105 + 0.0084",
                        text("eu." + NOVA_PRO, "eu-west-1", 10_000, 2_000), 0.0189, "eu", "standard"),
                known("[AWS][L apac.] Nova Pro $0.84 / $3.36: 0.0084 + 0.00672",
                        text("apac." + NOVA_PRO, "ap-northeast-1", 10_000, 2_000), 0.01512, "apac", "standard"),
                known("[AWS][L us.] Nova Pro $0.80 / $3.20", text("us." + NOVA_PRO, "us-east-1", 10_000, 2_000),
                        0.0144, "us", "standard"),
                known("[AWS][L bedrock/us-gov-west-1/] Nova Pro GovCloud $0.96 / $3.84: 0.0096 + 0.00768",
                        text(NOVA_PRO, "us-gov-west-1", 10_000, 2_000), 0.01728, "in-region", "standard"),
                known("[D] Nova cache reads at 25% of $0.80 = $0.20: 1k x 0.8 + 8k x 0.2 = 0.0024, 100 x 3.2",
                        text(NOVA_PRO, "us-east-1", 1_000, 100).cacheReadTokens(8_000L), 0.00272, "in-region",
                        "standard"),
                // --- regional prices of other families ---
                known("[D][AWS] Llama 3.1 70B $0.72 / $0.72 on us.: 0.0072 + 0.00144",
                        text("us.meta.llama3-1-70b-instruct-v1:0", "us-east-1", 10_000, 2_000), 0.00864, "us",
                        "standard"),
                known("[AWS][L bedrock/eu-west-2/] Llama 3 8B in London $0.39 / $0.78: 0.0039 + 0.00156",
                        text("meta.llama3-8b-instruct-v1:0", "eu-west-2", 10_000, 2_000), 0.00546, "in-region",
                        "standard"),
                unknown("[L] Llama 3 8B has regional prices but none for Tokyo",
                        text("meta.llama3-8b-instruct-v1:0", "ap-northeast-1", 10_000, 2_000), Cost.UNKNOWN_ROUTE),
                known("[AWS][L bedrock/eu-west-3/] Mistral Large (24.02) in Paris $10.40 / $31.20",
                        text("mistral.mistral-large-2402-v1:0", "eu-west-3", 10_000, 2_000), 0.1664, "in-region",
                        "standard"),
                known("[D] Titan Text Express $0.20 / $0.60 in us-west-2: 0.002 + 0.0012",
                        text("amazon.titan-text-express-v1", "us-west-2", 10_000, 2_000), 0.0032, "in-region",
                        "standard"),
                // --- embeddings: input tokens only ---
                known("[AWS][L] Titan Text Embeddings V2 $0.02 per 1M input tokens: 8 tokens = $1.6e-7",
                        PriceQuery.builder().modelId("amazon.titan-embed-text-v2:0").region("us-east-1")
                                .kind(PriceQuery.Kind.EMBEDDING).inputTokens(8L), 1.6e-7, "in-region", "standard"),
                known("[L bedrock/us-gov-west-1/] Titan Embeddings V2 in GovCloud $0.20: 8 tokens = $1.6e-6",
                        PriceQuery.builder().modelId("amazon.titan-embed-text-v2:0").region("us-gov-west-1")
                                .kind(PriceQuery.Kind.EMBEDDING).inputTokens(8L), 1.6e-6, "in-region", "standard"),
                known("[AWS][L] Cohere Embed English v3 $0.10 per 1M: 1,000 tokens = $1e-4",
                        PriceQuery.builder().modelId("cohere.embed-english-v3").region("us-east-1")
                                .kind(PriceQuery.Kind.EMBEDDING).inputTokens(1_000L), 1e-4, "in-region", "standard"),
                // --- service tiers and latency: the bundled table has no such rates, so nothing is guessed ---
                known("[AWS] the Standard tier is the on-demand rate", text("global." + SONNET_45, "us-east-1",
                        10_000, 2_000).serviceTier("standard"), 0.06, "global", "standard"),
                unknown("[AWS] Priority is the standard rate plus a premium: not in the bundled table",
                        text("global." + SONNET_45, "us-east-1", 10_000, 2_000).serviceTier("priority"),
                        Cost.UNKNOWN_SERVICE_TIER),
                unknown("[AWS] Flex is a discount on the standard rate: not in the bundled table",
                        text("global." + SONNET_45, "us-east-1", 10_000, 2_000).serviceTier("flex"),
                        Cost.UNKNOWN_SERVICE_TIER),
                unknown("[AWS] Reserved capacity is billed per tokens-per-minute per month, not per call",
                        text("global." + SONNET_45, "us-east-1", 10_000, 2_000).serviceTier("reserved"),
                        Cost.UNKNOWN_SERVICE_TIER),
                unknown("[AWS] latency-optimized Claude 3.5 Haiku has its own rate, not in the bundled table",
                        text("us.anthropic.claude-3-5-haiku-20241022-v1:0", "us-east-2", 10_000, 2_000)
                                .latencyOptimized(true), Cost.UNKNOWN_LATENCY),
                unknown("[AWS] images are billed per image; the source has no image prices",
                        PriceQuery.builder().modelId("amazon.nova-canvas-v1:0").region("us-east-1")
                                .kind(PriceQuery.Kind.IMAGE).images(1), Cost.UNKNOWN_MODEL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void costsWhatAwsBills(String source, PriceQuery query, double dollars, String unknownDimension, String route,
                           String contextTier) {
        Cost cost = PriceTable.bundled().price(query);
        if (unknownDimension != null) {
            assertFalse(cost.known(), cost.toString());
            assertEquals(unknownDimension, cost.unknownDimension(), cost.toString());
            assertTrue(Double.isNaN(cost.totalDollars()), "no made-up figure: " + cost);
            return;
        }
        assertTrue(cost.known(), cost.toString());
        assertEquals(dollars, cost.totalDollars(), 1e-12, cost.toString());
        assertEquals(route, cost.priceRoute(), cost.toString());
        assertEquals(contextTier, cost.contextTier(), cost.toString());
    }
}
