package io.github.bedrockposthog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.RecordedExchange;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.time.Duration;
import java.util.stream.Stream;

import static io.github.bedrockposthog.ExplicitRegistrationIT.number;
import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every recorded non-streaming exchange, replayed through a real client: the event states Bedrock's numbers. */
class FixtureReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    static Stream<String> nonStreamingFixtures() {
        return RecordedExchange.loadAll().stream()
                .filter(f -> !f.isStream() && f.status() == 200)
                .map(RecordedExchange::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonStreamingFixtures")
    void theEventCarriesTheRecordedTokenCounts(String name) throws Exception {
        RecordedExchange fixture = RecordedExchange.named(name);
        emulator.enqueueFixture(fixture);
        BedrockPostHog posthog = SERVERS.open("phc_replay", b -> { });
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            if (fixture.operation().equals("Converse")) {
                client.converse(r -> r.modelId(fixture.modelId()).messages(userSays("What is the capital of France?")));
            } else {
                client.invokeModel(r -> r.modelId(fixture.modelId()).body(SdkBytes.fromUtf8String(fixture.requestBody())));
            }
        }
        CapturedEvent e = capture.awaitEvents(1, Duration.ofSeconds(15)).get(0);
        assertEquals("bedrock_completion", e.event());
        assertEquals(fixture.modelId(), e.property("model_id"));
        String inHeader = fixture.responseHeader("X-Amzn-Bedrock-Input-Token-Count");
        if (inHeader != null) {
            assertEquals(Long.parseLong(inHeader), number(e, "prompt_token_count").longValue());
            assertEquals(Long.parseLong(fixture.responseHeader("X-Amzn-Bedrock-Output-Token-Count")),
                    number(e, "generation_token_count").longValue());
        } else {
            JsonNode usage = JSON.readTree(fixture.responseBodyText()).path("usage");
            assertEquals(usage.path("inputTokens").asLong(), number(e, "prompt_token_count").longValue());
            assertEquals(usage.path("outputTokens").asLong(), number(e, "generation_token_count").longValue());
        }
        String cacheRead = fixture.responseHeader("X-Amzn-Bedrock-Cache-Read-Input-Token-Count");
        if (cacheRead != null) {
            assertEquals(Long.parseLong(cacheRead), number(e, "cache_read_input_token_count").longValue());
        }
        if (!e.property("model_id").toString().startsWith("arn:aws:sagemaker")) {
            assertNotNull(e.property("generation"), "a known family's text is read");
        }
    }
}
