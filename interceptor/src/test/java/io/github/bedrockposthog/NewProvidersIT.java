package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.Responders;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.bedrockposthog.ExplicitRegistrationIT.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The newer providers (#13 item 3), each added as one registry line (chat-completions shape) or one dialect file
 * (Writer's {@code {"text": ...}} contents): InvokeModel and InvokeModelWithResponseStream through real SDK clients
 * against the emulator yield the prompt, the text and the tokens, in both schemas. Request bodies follow AWS's
 * model-parameter pages for each provider.
 */
class NewProvidersIT {

    @RegisterExtension
    static final LoopbackPostHog servers = new LoopbackPostHog();

    private static final String CHAT = "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":\"Name three rivers.\"}],\"max_tokens\":256,\"temperature\":0.6,"
            + "\"top_p\":0.95}";
    /** Writer Palmyra on Bedrock: message content is a {"text": ...} object. */
    private static final String WRITER = "{\"messages\":[{\"role\":\"system\",\"content\":{\"text\":\"Be brief.\"}},"
            + "{\"role\":\"user\",\"content\":{\"text\":\"Name three rivers.\"}}],\"max_tokens\":256,"
            + "\"temperature\":0.6,\"top_p\":0.95}";


    static Stream<Arguments> providers() {
        return Stream.of(
                Arguments.of("qwen.qwen3-32b-v1:0", CHAT),
                Arguments.of("us.qwen.qwen3-coder-480b-a35b-v1:0", CHAT),
                Arguments.of("minimax.minimax-m2", CHAT),
                Arguments.of("moonshot.kimi-k2-thinking", CHAT),
                Arguments.of("zai.glm-4.6", CHAT),
                Arguments.of("nvidia.nemotron-nano-12b-v2", CHAT),
                Arguments.of("google.gemma-3-27b-it", CHAT),
                Arguments.of("writer.palmyra-x5-v1:0", WRITER),
                Arguments.of("us.writer.palmyra-x4-v1:0", WRITER));
    }

    @ParameterizedTest(name = "{0} InvokeModel")
    @MethodSource("providers")
    void anInvokeModelYieldsItsPromptTextAndTokens(String modelId, String body) {
        try (BedrockPostHog posthog = servers.posthog("phc_new").events(EventSchema.BOTH).build();
             BedrockRuntimeClient client = Clients.apache(servers.emulator().endpoint(), posthog.interceptor())) {
            client.invokeModel(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)));
            servers.capture().awaitEvents(2, Duration.ofSeconds(15));
        }
        assertEvents(false);
    }

    @ParameterizedTest(name = "{0} InvokeModelWithResponseStream")
    @MethodSource("providers")
    void aStreamYieldsItsPromptTextAndTokens(String modelId, String body) {
        try (BedrockPostHog posthog = servers.posthog("phc_new").events(EventSchema.BOTH).build();
             BedrockRuntimeAsyncClient client = servers.async(posthog.interceptor())) {
            client.invokeModelWithResponseStream(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)),
                    InvokeModelWithResponseStreamResponseHandler.builder().subscriber(e -> { }).build()).join();
            servers.capture().awaitEvents(2, Duration.ofSeconds(15));
        }
        assertEvents(true);
    }

    private static void assertEvents(boolean stream) {
        List<CapturedEvent> events = servers.capture().events();
        assertEquals(2, events.size(), () -> "events: " + events);
        CapturedEvent completion = events.stream().filter(e -> e.event().equals("bedrock_completion")).findFirst()
                .orElseThrow();
        CapturedEvent generation = events.stream().filter(e -> e.event().equals("$ai_generation")).findFirst()
                .orElseThrow();
        assertEquals(Responders.DEFAULT_ANSWER, completion.property("generation"), "the model's text");
        assertEquals("Name three rivers.", completion.property("prompt"));
        assertEquals(stream, completion.property("stream"));
        assertTrue(number(completion, "prompt_token_count").longValue() > 0);
        assertTrue(number(completion, "generation_token_count").longValue() > 0);
        assertEquals(List.of(Map.of("role", "system", "content", "Be brief."),
                Map.of("role", "user", "content", "Name three rivers.")), generation.property("$ai_input"));
        assertEquals(List.of(Map.of("role", "assistant", "content", Responders.DEFAULT_ANSWER)),
                generation.property("$ai_output_choices"));
        assertEquals(Map.of("max_tokens", 256, "temperature", 0.6, "top_p", 0.95),
                generation.property("$ai_model_parameters"));
    }
}
