package io.github.bedrockposthog.internal.pricing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one price-file format expresses every dimension: the README example file, read as a user override. Its
 * rates are the file's own (made-up where AWS publishes none), so these cases check the arithmetic and the
 * lookup order, not AWS's figures (that is {@link CostTableTest}).
 */
class PriceFileFormatTest {

    static final String APP_PROFILE = "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/a1b2c3d4";
    static final String PROVISIONED = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/p9q8r7";

    /** The example of the README's "Prices" section (keep the two in sync). */
    static final String EXAMPLE = """
            {
              "models": {
                "acme.chat-v1:0": {
                  "input": 1.00, "output": 5.00, "cache_read": 0.10, "cache_write": 1.25, "cache_write_1h": 2.00,
                  "long_context": {"above_input_tokens": 200000, "input": 2.00, "output": 7.50},
                  "service_tiers": {"priority": {"input": 1.75, "output": 8.75}, "flex": {"input": 0.50, "output": 2.50}},
                  "latency_optimized": {"input": 1.25, "output": 6.25},
                  "routes": "listed"
                },
                "eu.acme.chat-v1:0": {"input": 1.10, "output": 5.50},
                "eu-west-3/acme.chat-v1:0": {"input": 1.30, "output": 6.50},
                "acme.embed-v1": {"input": 0.02, "output": 0},
                "acme.image-v1": {"image": 0.04}
              },
              "aliases": {
                "%s": "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "p9q8r7": "anthropic.claude-3-5-haiku-20241022-v1:0"
              }
            }
            """.formatted(APP_PROFILE);

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();

    private PriceTable table() throws IOException {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, EXAMPLE, StandardCharsets.UTF_8);
        PriceTable table = PriceTable.load(file.toString(), errors::add);
        assertTrue(errors.isEmpty(), errors.toString());
        return table;
    }

    private static PriceQuery.Builder acme(String model, String region, long in, long out) {
        return PriceQuery.builder().modelId(model).region(region).inputTokens(in).outputTokens(out);
    }

    @ParameterizedTest(name = "{0} in {1}, tier {2}, optimized {3}, {4} in / {5} out, cw {6} {7} -> {8} {9}")
    @CsvSource(nullValues = "-", value = {
            // model,          region,       tier,     opt,   in,      out,  cacheWrite, ttl, dollars,   unknown
            "acme.chat-v1:0,    us-east-1,    -,        false, 100000,  0,    0,   -,  0.1,       -",
            "acme.chat-v1:0,    -,            -,        false, 0,       100000, 0, -,   0.5,       -",
            "eu.acme.chat-v1:0, eu-west-1,    -,        false, 100000,  100000, 0, -,   0.66,      -",
            "acme.chat-v1:0,    eu-west-3,    -,        false, 100000,  100000, 0, -,   0.78,      -",
            "acme.chat-v1:0,    ap-south-1,   -,        false, 1000,    1000, 0,   -,  NaN,       route",
            "jp.acme.chat-v1:0, ap-northeast-1, -,      false, 1000,    1000, 0,   -,  NaN,       route",
            "acme.chat-v1:0,    us-east-1,    priority, false, 100000,  100000, 0, -,   1.05,      -",
            "acme.chat-v1:0,    us-east-1,    flex,     false, 100000,  100000, 0, -,   0.3,       -",
            "acme.chat-v1:0,    us-east-1,    reserved, false, 1000,    1000, 0,   -,  NaN,       service_tier",
            "acme.chat-v1:0,    us-east-1,    -,        true,  100000,  100000, 0, -,   0.75,      -",
            "acme.chat-v1:0,    us-east-1,    priority, true,  1000,    1000, 0,   -,  NaN,       service_tier",
            "acme.chat-v1:0,    us-east-1,    -,        false, 300000,  100000, 0, -,  1.35,      -",
            "acme.chat-v1:0,    us-east-1,    flex,     false, 300000,  1000, 0,   -,  NaN,       context_tier",
            "acme.chat-v1:0,    us-east-1,    -,        false, 0,       0,    100000, 5m, 0.125,  -",
            "acme.chat-v1:0,    us-east-1,    -,        false, 0,       0,    100000, 1h, 0.2,    -",
            "acme.chat-v1:0,    us-east-1,    flex,     false, 0,       0,    1000, 5m, NaN,      cache_price",
    })
    void everyDimensionOfTheFileIsPriced(String model, String region, String tier, boolean optimized, long in,
                                         long out, long cacheWrite, String ttl, double dollars, String unknown)
            throws IOException {
        Cost cost = table().price(acme(model, region, in, out).serviceTier(tier).latencyOptimized(optimized)
                .cacheWriteTokens(cacheWrite).cacheTtl(ttl).build());
        if (unknown != null) {
            assertEquals(unknown, cost.unknownDimension(), cost.toString());
            assertFalse(cost.known());
        } else {
            assertTrue(cost.known(), cost.toString());
            assertEquals(dollars, cost.totalDollars(), 1e-12, cost.toString());
        }
    }

    @Test
    void embeddingsAndImages() throws IOException {
        PriceTable table = table();
        Cost embedding = table.price(PriceQuery.builder().modelId("acme.embed-v1").kind(PriceQuery.Kind.EMBEDDING)
                .inputTokens(500_000L).build());
        assertEquals(0.01, embedding.totalDollars(), 1e-12, embedding.toString());
        Cost images = table.price(PriceQuery.builder().modelId("acme.image-v1").kind(PriceQuery.Kind.IMAGE)
                .images(3).build());
        assertEquals(0.12, images.totalDollars(), 1e-12, images.toString());
        assertEquals(0.12, images.outputDollars(), 1e-12, "images are output");
        Cost noCount = table.price(PriceQuery.builder().modelId("acme.image-v1").kind(PriceQuery.Kind.IMAGE).build());
        assertEquals(Cost.UNKNOWN_TOKENS, noCount.unknownDimension());
        Cost textOnImageModel = table.price(acme("acme.image-v1", null, 10, 10).build());
        assertEquals(Cost.UNKNOWN_MODEL, textOnImageModel.unknownDimension());
        Cost imageOfTextModel = table.price(PriceQuery.builder().modelId("acme.chat-v1:0")
                .kind(PriceQuery.Kind.IMAGE).images(1).build());
        assertEquals(Cost.UNKNOWN_IMAGE_PRICE, imageOfTextModel.unknownDimension());
    }

    @Test
    void anAliasedApplicationProfileIsPricedAndNamedAsItsModelOnTheRouteOfItsRegion() throws IOException {
        // [AWS][L eu.] Sonnet 4.5 on the eu. profile: $3.30 / $16.50; the ARN's region wins over the client's.
        Cost cost = table().price(acme(APP_PROFILE, "us-east-1", 10_000, 2_000).build());
        assertEquals(0.066, cost.totalDollars(), 1e-12, cost.toString());
        assertEquals("anthropic.claude-sonnet-4-5-20250929-v1:0", cost.model());
        assertEquals("eu", cost.priceRoute());
        assertEquals("eu-west-1", cost.priceRegion());
    }

    @Test
    void anAliasByArnTailPricesAProvisionedModelInTheArnsRegion() throws IOException {
        // [AWS][L] Claude 3.5 Haiku $0.80 / $4: 0.008 + 0.008.
        Cost cost = table().price(acme(PROVISIONED, "eu-west-1", 10_000, 2_000).build());
        assertEquals(0.016, cost.totalDollars(), 1e-12, cost.toString());
        assertEquals("in-region", cost.priceRoute());
        assertEquals("us-east-1", cost.priceRegion());
    }

    @Test
    void anUnaliasedApplicationProfileStaysUnknown() throws IOException {
        Cost cost = table().price(acme("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/zz",
                "us-east-1", 10, 10).build());
        assertEquals(Cost.UNKNOWN_MODEL, cost.unknownDimension());
        assertNull(cost.model());
    }

    @Test
    void theFirstFormatStillReadsUnchanged() throws IOException {
        Path file = dir.resolve("old.json");
        Files.writeString(file, "{\"models\": {\"acme.chat-v1:0\": {\"input\": 1, \"output\": 2, \"cache_read\": 0.1,"
                + " \"cache_write\": 1.25}}}", StandardCharsets.UTF_8);
        PriceTable table = PriceTable.load(file.toString(), errors::add);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(Price.of(1, 2, 0.1, 1.25), table.lookup("acme.chat-v1:0"));
        // No "routes": the one price holds on every route and in every region, as before.
        Cost cost = table.price(acme("apac.acme.chat-v1:0", "ap-south-1", 1_000_000, 1_000_000).build());
        assertEquals(3.0, cost.totalDollars(), 1e-12, cost.toString());
    }

    @Test
    void badNewFieldsAreReportedAndTheirEntrySkipped() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"models": {
                  "a.b-v1": {"input": 1, "output": 2, "long_context": {"above_input_tokens": -1, "input": 2, "output": 3}},
                  "a.c-v1": {"input": 1, "output": 2, "service_tiers": {"flex": {"input": "cheap", "output": 1}}},
                  "a.d-v1": {"input": 1, "output": 2, "routes": "some"},
                  "a.e-v1": {"image": -0.04},
                  "a.f-v1": {"input": 1, "output": 2}},
                 "aliases": {"arn:x": 42}}
                """, StandardCharsets.UTF_8);
        PriceTable table = PriceTable.load(file.toString(), errors::add);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("skipped 5 bad entries"), errors.get(0));
        assertTrue(table.price(acme("a.f-v1", null, 1_000_000, 0).build()).known());
        assertEquals(Cost.UNKNOWN_MODEL, table.price(acme("a.b-v1", null, 1, 1).build()).unknownDimension());
    }
}
