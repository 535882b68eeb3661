package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.github.bedrockposthog.ConverseFidelityIT.converse;
import static io.github.bedrockposthog.ConverseFidelityIT.converseApache;
import static io.github.bedrockposthog.ConverseFidelityIT.converseNetty;
import static io.github.bedrockposthog.ConverseFidelityIT.converseStream;
import static io.github.bedrockposthog.ConverseFidelityIT.converseStreamNetty;
import static io.github.bedrockposthog.ConverseFidelityIT.converseUrlConnection;
import static io.github.bedrockposthog.ConverseFidelityIT.invokeApache;
import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostHog conformance (#13) of {@code $ai_generation}, end to end through real SDK clients against the loopback
 * emulator: {@code $ai_cache_reporting_exclusive} whenever cache counts are sent (Bedrock's input tokens leave
 * cache reads and writes out), {@code $ai_base_url} (the endpoint the client used), {@code $ai_lib} and
 * {@code $ai_lib_version}.
 */
class PostHogConformanceIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ANTHROPIC_REQUEST = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":100,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();

    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    private CapturedEvent[] events(EmulatorReply reply, ConverseFidelityIT.Call call) {
        emulator.enqueue(reply);
        try (BedrockPostHog posthog = SERVERS.posthog("phc_conformance").events(EventSchema.BOTH).build()) {
            call.run(emulator, posthog);
        }
        List<CapturedEvent> events = capture.awaitEvents(2, WAIT);
        assertEquals(2, events.size(), () -> "events: " + events);
        return new CapturedEvent[] {named(events, "bedrock_completion"), named(events, "$ai_generation")};
    }

    private static CapturedEvent named(List<CapturedEvent> events, String name) {
        return events.stream().filter(e -> e.event().equals(name)).findFirst().orElseThrow();
    }

    private static String usage(String cache) {
        return "{\"inputTokens\":100,\"outputTokens\":10,\"totalTokens\":2110" + cache + "}";
    }

    static Stream<Object[]> cacheCounts() {
        String cached = ",\"cacheReadInputTokens\":2000,\"cacheWriteInputTokens\":0";
        return Stream.of(
                new Object[] {"Converse with cache counts, apache", EmulatorReply.json(
                        "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"ok\"}]}},"
                        + "\"stopReason\":\"end_turn\",\"usage\":" + usage(cached) + ",\"metrics\":{\"latencyMs\":5}}"),
                        converseApache(List.of(userSays("Hi"))), true},
                new Object[] {"ConverseStream with cache counts, netty", ConverseFidelityIT.converseStreamWithUsage(
                        usage(cached)), converseStreamNetty(List.of(userSays("Hi"))), true},
                new Object[] {"Anthropic InvokeModel with cache counts, apache", EmulatorReply.json(
                        "{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"ok\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":100,"
                        + "\"output_tokens\":10,\"cache_read_input_tokens\":2000,\"cache_creation_input_tokens\":0}}"),
                        invokeApache(ANTHROPIC_REQUEST), true},
                new Object[] {"Converse without cache counts, url-connection", converse("[{\"text\":\"ok\"}]"),
                        converseUrlConnection(List.of(userSays("Hi"))), false});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cacheCounts")
    void cacheReportingIsDeclaredExclusiveWheneverCacheCountsAreSent(String name, EmulatorReply reply,
                                                                     ConverseFidelityIT.Call call, boolean cached) {
        CapturedEvent ai = events(reply, call)[1];
        assertEquals(cached, ai.hasProperty("$ai_cache_read_input_tokens"), () -> ai.properties().toString());
        if (cached) {
            assertEquals(Boolean.TRUE, ai.property("$ai_cache_reporting_exclusive"), () -> ai.properties().toString());
        } else {
            assertFalse(ai.hasProperty("$ai_cache_reporting_exclusive"), () -> ai.properties().toString());
        }
    }

    static Stream<Object[]> clients() {
        List<software.amazon.awssdk.services.bedrockruntime.model.Message> hi = List.of(userSays("Hi"));
        return Stream.of(
                new Object[] {"apache", converse("[{\"text\":\"ok\"}]"), converseApache(hi)},
                new Object[] {"url-connection", converse("[{\"text\":\"ok\"}]"), converseUrlConnection(hi)},
                new Object[] {"netty", converse("[{\"text\":\"ok\"}]"), converseNetty(hi)},
                new Object[] {"netty, streamed", converseStream("end_turn", "contentBlockDelta",
                        ConverseFidelityIT.delta(0, "{\"text\":\"ok\"}")), converseStreamNetty(hi)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void theEndpointAndTheLibraryAreNamed(String name, EmulatorReply reply, ConverseFidelityIT.Call call) {
        CapturedEvent[] e = events(reply, call);
        URI endpoint = emulator.endpoint();
        assertEquals(endpoint.getScheme() + "://" + endpoint.getHost() + ":" + endpoint.getPort(),
                e[1].property("$ai_base_url"), () -> e[1].properties().toString());
        assertEquals("bedrock-posthog", e[1].property("$ai_lib"));
        String version = (String) e[1].property("$ai_lib_version");
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), "the build's version, got " + version);
        assertEquals(version, e[1].property("$lib_version"));
        assertEquals(version, e[0].property("$lib_version"));
    }
}
