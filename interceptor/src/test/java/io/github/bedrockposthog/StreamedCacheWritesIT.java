package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.EventStreamFrames;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.github.bedrockposthog.ExplicitRegistrationIT.number;
import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * #14: a stream reports Bedrock's split of the cache writes by TTL (ConverseStream {@code metadata.usage.cacheDetails},
 * the Anthropic stream's {@code message_start.message.usage.cache_creation}) and is priced exactly like the same call
 * made without streaming. Claude Sonnet 4.5 on {@code global.}: $3 input, $3.75 5-minute and $6 1-hour cache writes,
 * $15 output per million tokens (AWS Bedrock pricing page). 1,000 input + 15,000 5-minute + 5,000 1-hour writes =
 * $0.08925; 500 output = $0.0075.
 */
class StreamedCacheWritesIT {

    private static final String SONNET = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final double INPUT_DOLLARS = 0.08925;
    private static final double OUTPUT_DOLLARS = 0.0075;

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();

    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    /** System blocks with a 1-hour and a 5-minute cache point. */
    private static final SystemContentBlock[] SYSTEM = {
        SystemContentBlock.fromText("Stable for hours"),
        SystemContentBlock.fromCachePoint(c -> c.type("default").ttl(CacheTTL.VALUE_1_H)),
        SystemContentBlock.fromText("Stable for minutes"),
        SystemContentBlock.fromCachePoint(c -> c.type("default"))};

    private static final String CONVERSE_USAGE = "{\"inputTokens\":1000,\"outputTokens\":500,\"totalTokens\":21500,"
            + "\"cacheReadInputTokens\":0,\"cacheWriteInputTokens\":20000,"
            + "\"cacheDetails\":[{\"ttl\":\"1h\",\"inputTokens\":5000},{\"ttl\":\"5m\",\"inputTokens\":15000}]}";

    private static final String ANTHROPIC_BODY = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":1000,"
            + "\"system\":[{\"type\":\"text\",\"text\":\"Stable for hours\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}},"
            + "{\"type\":\"text\",\"text\":\"Stable for minutes\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Summarise\"}]}";
    private static final String ANTHROPIC_USAGE = "{\"input_tokens\":1000,\"output_tokens\":500,"
            + "\"cache_read_input_tokens\":0,\"cache_creation_input_tokens\":20000,"
            + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":15000,\"ephemeral_1h_input_tokens\":5000}}";

    /** The same call, sync or streamed. */
    record Case(String name, EmulatorReply reply, ConverseFidelityIT.Call call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Object[]> syncAndStreamed() {
        Case converse = new Case("Converse, apache", EmulatorReply.json("{\"output\":{\"message\":{\"role\":\"assistant\","
                + "\"content\":[{\"text\":\"ok\"}]}},\"stopReason\":\"end_turn\",\"usage\":" + CONVERSE_USAGE
                + ",\"metrics\":{\"latencyMs\":12}}"), (emulator, posthog) -> {
                    try (BedrockRuntimeClient c = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
                        c.converse(ConverseRequest.builder().modelId(SONNET).system(SYSTEM)
                                .messages(userSays("Summarise")).build());
                    }
                });
        Case converseStream = new Case("ConverseStream, netty", EmulatorReply.builder()
                .header("Content-Type", EmulatorReply.EVENT_STREAM)
                .frames(List.of(
                        EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"),
                        EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"ok\"}}"),
                        EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"),
                        EventStreamFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}"),
                        EventStreamFrames.event("metadata", "{\"usage\":" + CONVERSE_USAGE + ",\"metrics\":{\"latencyMs\":12}}")))
                .build(), (emulator, posthog) -> {
                    try (BedrockRuntimeAsyncClient c = Clients.netty(emulator.endpoint(), posthog.interceptor())) {
                        c.converseStream(ConverseStreamRequest.builder().modelId(SONNET).system(SYSTEM)
                                        .messages(userSays("Summarise")).build(),
                                ConverseStreamResponseHandler.builder().subscriber(e -> { }).build()).join();
                    }
                });
        Case invoke = new Case("Anthropic InvokeModel, url-connection", EmulatorReply.json("{\"id\":\"m\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
                + "\"usage\":" + ANTHROPIC_USAGE + "}"), (emulator, posthog) -> {
                    try (BedrockRuntimeClient c = Clients.urlConnection(emulator.endpoint(), posthog.interceptor())) {
                        c.invokeModel(r -> r.modelId(SONNET).body(SdkBytes.fromUtf8String(ANTHROPIC_BODY)));
                    }
                });
        Case invokeStream = new Case("Anthropic InvokeModel stream, netty", EmulatorReply.builder()
                .header("Content-Type", EmulatorReply.EVENT_STREAM)
                .header("X-Amzn-Bedrock-Content-Type", "application/json")
                .frames(List.of(
                        EventStreamFrames.chunk("{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\","
                                + "\"role\":\"assistant\",\"content\":[],\"stop_reason\":null,\"usage\":"
                                + ANTHROPIC_USAGE.replace("\"output_tokens\":500", "\"output_tokens\":1") + "}}"),
                        EventStreamFrames.chunk("{\"type\":\"content_block_delta\",\"index\":0,"
                                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"ok\"}}"),
                        EventStreamFrames.chunk("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                                + "\"usage\":{\"output_tokens\":500}}"),
                        EventStreamFrames.chunk("{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":"
                                + "{\"inputTokenCount\":1000,\"outputTokenCount\":500,\"invocationLatency\":12,"
                                + "\"firstByteLatency\":5}}")))
                .build(), (emulator, posthog) -> {
                    try (BedrockRuntimeAsyncClient c = Clients.netty(emulator.endpoint(), posthog.interceptor())) {
                        c.invokeModelWithResponseStream(r -> r.modelId(SONNET).body(SdkBytes.fromUtf8String(ANTHROPIC_BODY)),
                                InvokeModelWithResponseStreamResponseHandler.builder().subscriber(e -> { }).build()).join();
                    }
                });
        return Stream.of(new Object[] {converse, converseStream}, new Object[] {invoke, invokeStream});
    }

    private CapturedEvent event(Case c) {
        capture.clear();
        emulator.enqueue(c.reply());
        try (BedrockPostHog posthog = SERVERS.posthog("phc_cache_ttl").build()) {
            c.call().run(emulator, posthog);
        }
        return capture.awaitEvents(1, WAIT).get(0);
    }

    @ParameterizedTest(name = "{1} priced like {0}")
    @MethodSource("syncAndStreamed")
    void aStreamedOneHourCacheWriteIsPricedLikeTheSyncOne(Case sync, Case streamed) {
        CapturedEvent expected = event(sync);
        CapturedEvent actual = event(streamed);
        for (CapturedEvent e : List.of(expected, actual)) {
            assertEquals(INPUT_DOLLARS, number(e, "input_cost_in_dollars").doubleValue(), 1e-12, () -> e.properties().toString());
            assertEquals(OUTPUT_DOLLARS, number(e, "output_cost_in_dollars").doubleValue(), 1e-12);
            assertEquals("5m+1h", e.property("cache_write_ttl"));
            assertEquals(20_000L, number(e, "cache_write_input_token_count").longValue());
        }
        assertEquals(true, actual.property("stream"));
    }
}
