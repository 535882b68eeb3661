package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.RecordedExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static io.github.bedrockposthog.ExplicitRegistrationIT.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Prices as AWS bills them, end to end: real SDK clients against the loopback Bedrock emulator, the events read
 * back from the loopback PostHog. Figures: Claude Sonnet 4.5 on AWS's pricing page (global $3 / $15, geographic
 * profiles +10% = $3.30 / $16.50, long context above 200k input $6.60 / $24.75 on a geographic profile).
 */
class PricingIT {

    private static final String SONNET_45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String APP_PROFILE =
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/team-a-sonnet";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();

    @TempDir
    Path dir;

    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    /** A Converse answer with exactly these usage counts. */
    private static EmulatorReply converseReply(long in, long out, long cacheWrite) {
        return EmulatorReply.json("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"ok\"}]}},"
                + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":" + in + ",\"outputTokens\":" + out
                + ",\"totalTokens\":" + (in + out + cacheWrite) + ",\"cacheReadInputTokens\":0,\"cacheWriteInputTokens\":"
                + cacheWrite + "},\"metrics\":{\"latencyMs\":12}}");
    }

    private static Message user(String text) {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
    }

    /** Runs one Converse call through a sync apache client and returns its one event. */
    private CapturedEvent converse(BedrockPostHog.Builder config, Region region, EmulatorReply reply,
                                   Consumer<ConverseRequest.Builder> request) {
        return converse(config, region, reply, request, 1).get(0);
    }

    /** Runs one Converse call and returns its {@code expected} events (one per configured schema). */
    private List<CapturedEvent> converse(BedrockPostHog.Builder config, Region region, EmulatorReply reply,
                                         Consumer<ConverseRequest.Builder> request, int expected) {
        emulator.enqueue(reply);
        try (BedrockPostHog posthog = config.build();
             BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), region, posthog.interceptor())) {
            client.converse(r -> {
                r.messages(user("Summarise the attached contract"));
                request.accept(r);
            });
        }
        List<CapturedEvent> events = capture.awaitEvents(expected, WAIT);
        assertEquals(expected, capture.events().size(), () -> "events: " + capture.events());
        return events;
    }

    private BedrockPostHog.Builder posthog() {
        return SERVERS.posthog("phc_pricing");
    }

    private static void assertCost(CapturedEvent e, double input, double output) {
        assertEquals(input, number(e, "input_cost_in_dollars").doubleValue(), 1e-12, () -> e.properties().toString());
        assertEquals(output, number(e, "output_cost_in_dollars").doubleValue(), 1e-12, () -> e.properties().toString());
        assertEquals(input + output, number(e, "total_cost_in_dollars").doubleValue(), 1e-12, () -> e.properties().toString());
    }

    @Test
    void aUsProfileOfSonnet45CostsThreeThirtyAndSixteenFifty() {
        CapturedEvent e = converse(posthog(), Region.US_EAST_1, converseReply(100_000, 10_000, 0),
                r -> r.modelId("us." + SONNET_45));
        assertCost(e, 0.33, 0.165); // 100k x $3.30/M, 10k x $16.50/M
        assertEquals("us", e.property("price_route"));
        assertEquals("us-east-1", e.property("price_region"));
        assertEquals("default", e.property("service_tier"));
        assertEquals("standard", e.property("context_tier"));
        assertNull(e.property("price_unknown_dimension"));
    }

    @Test
    void theGlobalProfileOfSonnet45CostsThreeAndFifteen() {
        CapturedEvent e = converse(posthog(), Region.US_WEST_2, converseReply(100_000, 10_000, 0),
                r -> r.modelId("global." + SONNET_45));
        assertCost(e, 0.30, 0.15);
        assertEquals("global", e.property("price_route"));
        assertEquals("us-west-2", e.property("price_region"), "the client's region, from the SDK");
    }

    @Test
    void aLongContextCallOnAUsProfileIsBilledAtTheLongRateForTheWholeRequest() {
        CapturedEvent e = converse(posthog(), Region.US_EAST_1, converseReply(250_000, 1_000, 0),
                r -> r.modelId("us." + SONNET_45));
        assertCost(e, 1.65, 0.02475); // 250k x $6.60/M, 1k x $24.75/M
        assertEquals("long", e.property("context_tier"));
    }

    @Test
    void anAliasedApplicationProfileIsPricedAndNamedAsItsBaseModel() throws IOException {
        Path prices = dir.resolve("prices.json");
        Files.writeString(prices, "{\"aliases\": {\"" + APP_PROFILE + "\": \"us." + SONNET_45 + "\"}}",
                StandardCharsets.UTF_8);
        List<CapturedEvent> events = converse(posthog().pricesFile(prices.toString()).events(EventSchema.BOTH),
                Region.EU_WEST_1, converseReply(100_000, 10_000, 0), r -> r.modelId(APP_PROFILE), 2);
        CapturedEvent ai = events.stream().filter(x -> x.event().equals("$ai_generation")).findFirst().orElseThrow();
        CapturedEvent completion = events.stream().filter(x -> x.event().equals("bedrock_completion")).findFirst()
                .orElseThrow();
        assertCost(completion, 0.33, 0.165);
        assertEquals(SONNET_45, completion.property("model"), "named as its base model");
        assertEquals(APP_PROFILE, completion.property("model_id"), "the id as called is kept");
        assertEquals("us", completion.property("price_route"));
        assertEquals("us-east-1", completion.property("price_region"), "the ARN's region, not the client's");
        assertEquals(0.495, number(ai, "$ai_total_cost_usd").doubleValue(), 1e-12);
        assertEquals(SONNET_45, ai.property("$ai_model"));
        assertEquals("us", ai.property("price_route"));
    }

    @Test
    void theRequestedServiceTierIsRecordedAndAnUnknownTierPriceLeavesTheCostOut() {
        CapturedEvent e = converse(posthog(), Region.US_EAST_1, converseReply(1_000, 100, 0),
                r -> r.modelId("global." + SONNET_45).serviceTier(t -> t.type(ServiceTierType.PRIORITY)));
        assertEquals("priority", e.property("service_tier"));
        assertEquals("service_tier", e.property("price_unknown_dimension"));
        assertNull(e.property("total_cost_in_dollars"), "never a made-up cost");
    }

    @Test
    void aFlexTierPriceFromTheOverrideFileIsUsed() throws IOException {
        // The file's own flex rates (half of $3 / $15); AWS publishes per-model flex prices on its pricing page.
        Path prices = dir.resolve("flex.json");
        Files.writeString(prices, "{\"models\": {\"global." + SONNET_45 + "\": {\"input\": 3, \"output\": 15,"
                + " \"service_tiers\": {\"flex\": {\"input\": 1.5, \"output\": 7.5}}}}}", StandardCharsets.UTF_8);
        CapturedEvent e = converse(posthog().pricesFile(prices.toString()), Region.US_EAST_1,
                converseReply(100_000, 10_000, 0),
                r -> r.modelId("global." + SONNET_45).serviceTier(t -> t.type(ServiceTierType.FLEX)));
        assertCost(e, 0.15, 0.075);
        assertEquals("flex", e.property("service_tier"));
    }

    @Test
    void oneHourCacheWritesFromTheConverseCachePointArePricedAtTheOneHourRate() {
        CapturedEvent e = converse(posthog(), Region.US_EAST_1, converseReply(1_000, 500, 20_000),
                r -> r.modelId("global." + SONNET_45).system(s -> s.text("A long, stable system prompt"),
                        s -> s.cachePoint(c -> c.type("default").ttl(CacheTTL.VALUE_1_H))));
        assertCost(e, 0.123, 0.0075); // 1k x $3 + 20k x $6 (2 x $3, 1-hour writes)
        assertEquals("1h", e.property("cache_write_ttl"));
    }

    @Test
    void bedrocksSplitOfCacheWritesByTtlPricesARequestWithBothTtls() {
        EmulatorReply reply = EmulatorReply.json("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":"
                + "[{\"text\":\"ok\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":1000,"
                + "\"outputTokens\":500,\"totalTokens\":21500,\"cacheReadInputTokens\":0,\"cacheWriteInputTokens\":20000,"
                + "\"cacheDetails\":[{\"ttl\":\"1h\",\"inputTokens\":5000},{\"ttl\":\"5m\",\"inputTokens\":15000}]},"
                + "\"metrics\":{\"latencyMs\":12}}");
        CapturedEvent e = converse(posthog(), Region.US_EAST_1, reply,
                r -> r.modelId("global." + SONNET_45)
                        .system(s -> s.text("Stable for hours"), s -> s.cachePoint(c -> c.type("default").ttl(CacheTTL.VALUE_1_H)),
                                s -> s.text("Stable for minutes"), s -> s.cachePoint(c -> c.type("default"))));
        assertCost(e, 0.08925, 0.0075); // 1k x $3 + 15k x $3.75 (5 min) + 5k x $6 (1 h)
        assertEquals("5m+1h", e.property("cache_write_ttl"));
    }

    @Test
    void theClientsRegionPricesAnInRegionCall() {
        // [AWS][LiteLLM bedrock/eu-west-2/] Llama 3 8B in London: $0.39 / $0.78 per 1M; the fixture's 8 in / 35 out.
        emulator.enqueueFixture(RecordedExchange.named("test_meta__test_meta_llama3_completion"));
        try (BedrockPostHog posthog = posthog().build();
             BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), Region.EU_WEST_2, posthog.interceptor())) {
            client.invokeModel(r -> r.modelId("meta.llama3-8b-instruct-v1:0")
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"Tell me a joke\",\"max_gen_len\":128}")));
        }
        CapturedEvent e = capture.awaitEvents(1, WAIT).get(0);
        assertCost(e, 8 * 0.39 / 1e6, 35 * 0.78 / 1e6);
        assertEquals("in-region", e.property("price_route"));
        assertEquals("eu-west-2", e.property("price_region"));
    }

    @Test
    void theAsyncClientCarriesTheRegionToo() {
        emulator.enqueue(converseReply(100_000, 10_000, 0));
        try (BedrockPostHog posthog = posthog().build();
             BedrockRuntimeAsyncClient client = Clients.netty(emulator.endpoint(), posthog.interceptor())) {
            client.converse(r -> r.modelId("us." + SONNET_45).messages(user("Hello"))).join();
        }
        CapturedEvent e = capture.awaitEvents(1, WAIT).get(0);
        assertCost(e, 0.33, 0.165);
        assertEquals("us-east-1", e.property("price_region"));
    }
}
