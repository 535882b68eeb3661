package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.RecordedExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Explicit registration, end to end: real SDK clients, loopback Bedrock emulator, loopback PostHog. */
class ExplicitRegistrationIT {

    private static final String LLAMA_31_8B = "meta.llama3-1-8b-instruct-v1:0";
    private static final String PROMPT = "Tell me a joke about opentelemetry";
    private static final String LLAMA_BODY = "{\"prompt\":\"" + PROMPT + "\",\"max_gen_len\":128,\"temperature\":0.1}";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();
    private BedrockPostHog posthog = SERVERS.open("phc_explicit", b -> { });

    private static RecordedExchange llamaFixture() {
        return RecordedExchange.named("test_meta__test_meta_llama3_completion");
    }

    private CapturedEvent onlyEvent() {
        List<CapturedEvent> events = capture.awaitEvents(1, WAIT);
        posthog.close(); // flush: anything extra would now have arrived
        assertEquals(1, capture.events().size(), () -> "exactly one event per call: " + capture.events());
        return events.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache", "url-connection"})
    void invokeModelBecomesACompletionEventWithExactTokensCostAndUser(String httpClient) {
        emulator.enqueueFixture(llamaFixture());
        try (BedrockRuntimeClient client = httpClient.equals("apache")
                ? Clients.apache(emulator.endpoint(), posthog.interceptor())
                : Clients.urlConnection(emulator.endpoint(), posthog.interceptor());
             BedrockPostHog.Scope ignored = BedrockPostHog.identify("ada@example.com")) {
            InvokeModelResponse response = client.invokeModel(r -> r.modelId(LLAMA_31_8B)
                    .body(SdkBytes.fromUtf8String(LLAMA_BODY)));
            assertEquals(llamaFixture().responseBodyText(), response.body().asUtf8String(), "the app sees Bedrock's answer");
        }
        CapturedEvent e = onlyEvent();
        assertEquals("bedrock_completion", e.event());
        assertEquals("ada@example.com", e.distinctId());
        assertEquals("phc_explicit", e.apiKey());
        assertFalse(e.gzipped(), "plain JSON unless gzip(true)");
        assertNotNull(e.uuid());
        assertEquals(PROMPT, e.property("prompt"));
        assertEquals(LLAMA_31_8B, e.property("model_id"));
        assertTrue(((String) e.property("generation")).startsWith("\nWhy did the opentelemetry span go to therapy?"));
        assertEquals(8, number(e, "prompt_token_count").intValue());
        assertEquals(35, number(e, "generation_token_count").intValue());
        assertEquals(8 * 0.22 / 1e6, number(e, "input_cost_in_dollars").doubleValue(), 1e-15);
        assertEquals(35 * 0.22 / 1e6, number(e, "output_cost_in_dollars").doubleValue(), 1e-15);
        assertEquals(43 * 0.22 / 1e6, number(e, "total_cost_in_dollars").doubleValue(), 1e-15);
        assertTrue(number(e, "response_time_in_ms").doubleValue() > 0);
        assertEquals("InvokeModel", e.property("operation"));
        assertEquals("stop", e.property("stop_reason"));
        assertEquals("49f48fb6-28ab-4471-95e3-57e5579f3a52", e.property("request_id"));
        assertEquals(1, number(e, "attempts").intValue());
        assertEquals(200, number(e, "http_status").intValue());
        assertEquals(false, e.property("stream"));
        assertNull(e.property("$process_person_profile"));
    }

    @Test
    void gzipTrueCompressesEveryBatchAndTheEventIsTheSame() {
        posthog.close();
        posthog = SERVERS.open("phc_explicit", b -> b.gzip(true));
        emulator.enqueueFixture(llamaFixture());
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            client.invokeModel(r -> r.modelId(LLAMA_31_8B).body(SdkBytes.fromUtf8String(LLAMA_BODY)));
        }
        CapturedEvent e = onlyEvent();
        assertTrue(e.gzipped(), "gzip(true): the batch travels gzip-compressed");
        assertEquals(PROMPT, e.property("prompt"));
        assertEquals(35, number(e, "generation_token_count").intValue());
        assertEquals(43 * 0.22 / 1e6, number(e, "total_cost_in_dollars").doubleValue(), 1e-15);
    }

    @Test
    void asyncInvokeModelAndConverseThroughNettyAreReported() {
        emulator.enqueueFixture(llamaFixture());
        try (BedrockRuntimeAsyncClient client = Clients.netty(emulator.endpoint(), posthog.interceptor())) {
            try (BedrockPostHog.Scope ignored = BedrockPostHog.identify("grace@example.com")) {
                client.invokeModel(r -> r.modelId(LLAMA_31_8B).body(SdkBytes.fromUtf8String(LLAMA_BODY))).join();
                ConverseResponse converse = client.converse(r -> r.modelId("us.amazon.nova-lite-v1:0")
                        .messages(userSays("Name three spices"))).join();
                assertNotNull(converse.output().message().content().get(0).text());
            }
        }
        List<CapturedEvent> events = capture.awaitEvents(2, WAIT);
        assertEquals(2, events.size());
        CapturedEvent invoke = byOperation(events, "InvokeModel");
        CapturedEvent converse = byOperation(events, "Converse");
        assertEquals("grace@example.com", invoke.distinctId());
        assertEquals("grace@example.com", converse.distinctId(), "a scope covers async calls started inside it");
        assertEquals(35, number(invoke, "generation_token_count").intValue());
        assertEquals("Name three spices", converse.property("prompt"));
        assertEquals("us.amazon.nova-lite-v1:0", converse.property("model_id"));
        assertNotNull(converse.property("generation"));
        assertTrue(number(converse, "prompt_token_count").intValue() > 0);
        assertTrue(number(converse, "generation_token_count").intValue() > 0);
        assertNotNull(converse.property("total_cost_in_dollars"), "geo-prefixed Nova is priced");
    }

    @Test
    void converseRequestMetadataNamesTheUserWithoutAnyImport() {
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            client.converse(r -> r.modelId("anthropic.claude-3-haiku-20240307-v1:0")
                    .messages(userSays("Hello"))
                    .requestMetadata(Map.of("posthog_distinct_id", "linus@example.com")));
        }
        CapturedEvent e = onlyEvent();
        assertEquals("linus@example.com", e.distinctId());
        assertEquals("Converse", e.property("operation"));
    }

    @Test
    void perRequestAttributeBeatsTheScopeAndPropertiesMerge() {
        emulator.enqueueFixture(llamaFixture());
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor());
             BedrockPostHog.Scope ignored = BedrockPostHog.identify("scope@example.com", Map.of("feature", "recipes", "plan", "free"))) {
            client.invokeModel(r -> r.modelId(LLAMA_31_8B).body(SdkBytes.fromUtf8String(LLAMA_BODY))
                    .overrideConfiguration(o -> o.putExecutionAttribute(BedrockPostHog.DISTINCT_ID, "request@example.com")
                            .putExecutionAttribute(BedrockPostHog.PROPERTIES, Map.of("plan", "pro"))));
        }
        CapturedEvent e = onlyEvent();
        assertEquals("request@example.com", e.distinctId());
        assertEquals("recipes", e.property("feature"));
        assertEquals("pro", e.property("plan"), "per-request properties beat the scope's");
    }

    @Test
    void anAnonymousCallUsesItsTraceIdAndCreatesNoPersonProfile() {
        emulator.enqueueFixture(llamaFixture());
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            client.invokeModel(r -> r.modelId(LLAMA_31_8B).body(SdkBytes.fromUtf8String(LLAMA_BODY)));
        }
        CapturedEvent e = onlyEvent();
        assertEquals(e.property("trace_id"), e.distinctId());
        assertEquals(false, e.property("$process_person_profile"));
    }

    @Test
    void aServiceErrorBecomesABedrockErrorEvent() {
        emulator.enqueueError(400, "ValidationException", "Malformed input request: extraneous key [foo]");
        try (BedrockRuntimeClient client = Clients.noRetries(emulator.endpoint(), posthog.interceptor());
             BedrockPostHog.Scope ignored = BedrockPostHog.identify("ada@example.com")) {
            assertThrows(ValidationException.class, () -> client.invokeModel(r -> r.modelId(LLAMA_31_8B)
                    .body(SdkBytes.fromUtf8String(LLAMA_BODY))));
        }
        CapturedEvent e = onlyEvent();
        assertEquals("bedrock_error", e.event());
        assertEquals("ada@example.com", e.distinctId());
        assertEquals("Malformed input request: extraneous key [foo]", e.property("error_message"));
        assertEquals("ValidationException", e.property("error_name"));
        assertEquals(400, number(e, "error_code").intValue());
        assertEquals("ValidationException", e.property("error_type"));
        assertNotNull(e.property("error_requestId"));
        assertTrue(((String) e.property("error_stack")).startsWith(ValidationException.class.getName()));
        assertEquals(LLAMA_31_8B, e.property("model_id"));
        assertEquals(PROMPT, e.property("prompt"));
        assertEquals("InvokeModel", e.property("operation"));
        assertTrue(number(e, "response_time_in_ms").doubleValue() > 0);
        assertNull(e.property("generation"));
    }

    @Test
    void aRetriedCallYieldsOneEventThatCountsItsAttempts() {
        emulator.enqueueError(503, "ServiceUnavailableException", "busy");
        emulator.enqueueError(429, "ThrottlingException", "slow down");
        emulator.enqueueFixture(llamaFixture());
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            client.invokeModel(r -> r.modelId(LLAMA_31_8B).body(SdkBytes.fromUtf8String(LLAMA_BODY)));
        }
        CapturedEvent e = onlyEvent();
        assertEquals("bedrock_completion", e.event());
        assertEquals(3, number(e, "attempts").intValue());
        assertEquals(3, emulator.requests().size());
    }

    @Test
    void anAsyncFailureIsReportedOnce() {
        emulator.enqueueError(429, "ThrottlingException", "Too many requests, please wait before trying again.");
        emulator.enqueueError(429, "ThrottlingException", "Too many requests, please wait before trying again.");
        emulator.enqueueError(429, "ThrottlingException", "Too many requests, please wait before trying again.");
        emulator.enqueueError(429, "ThrottlingException", "Too many requests, please wait before trying again.");
        try (BedrockRuntimeAsyncClient client = Clients.netty(emulator.endpoint(), posthog.interceptor())) {
            CompletionException thrown = assertThrows(CompletionException.class, () -> client.invokeModel(r -> r
                    .modelId(LLAMA_31_8B).body(SdkBytes.fromUtf8String(LLAMA_BODY))).join());
            assertTrue(thrown.getCause() instanceof ThrottlingException);
        }
        CapturedEvent e = onlyEvent();
        assertEquals("bedrock_error", e.event());
        assertEquals("ThrottlingException", e.property("error_name"));
        assertEquals(429, number(e, "error_code").intValue());
        assertEquals(emulator.requests().size(), number(e, "attempts").intValue());
    }

    @Test
    void aModelWithoutAKnownPriceHasNoCostPropertiesAtAll() {
        emulator.enqueue(EmulatorReply.builder().status(200).header("Content-Type", "application/json")
                .header("X-Amzn-Bedrock-Input-Token-Count", "12").header("X-Amzn-Bedrock-Output-Token-Count", "34")
                .body("{\"anything\":\"goes\"}").build());
        String importedModel = "arn:aws:bedrock:us-east-1:123456789012:imported-model/abcd1234efgh";
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            client.invokeModel(r -> r.modelId(importedModel).body(SdkBytes.fromUtf8String("{\"prompt\":\"hi\"}")));
        }
        CapturedEvent e = onlyEvent();
        assertEquals(importedModel, e.property("model_id"));
        assertEquals(12, number(e, "prompt_token_count").intValue(), "tokens come from the headers");
        assertEquals(34, number(e, "generation_token_count").intValue());
        assertFalse(e.properties().containsKey("input_cost_in_dollars"));
        assertFalse(e.properties().containsKey("output_cost_in_dollars"));
        assertFalse(e.properties().containsKey("total_cost_in_dollars"));
    }

    @Test
    void privacyModeSendsNoPromptOrGenerationText() {
        posthog.close();
        posthog = SERVERS.open("phc_explicit", b -> b.privacyMode(true));
        emulator.enqueueFixture(llamaFixture());
        emulator.enqueueError(400, "ValidationException", "Input echo: " + PROMPT);
        try (BedrockRuntimeClient client = Clients.noRetries(emulator.endpoint(), posthog.interceptor())) {
            client.invokeModel(r -> r.modelId(LLAMA_31_8B).body(SdkBytes.fromUtf8String(LLAMA_BODY)));
            assertThrows(ValidationException.class, () -> client.invokeModel(r -> r.modelId(LLAMA_31_8B)
                    .body(SdkBytes.fromUtf8String(LLAMA_BODY))));
        }
        List<CapturedEvent> events = capture.awaitEvents(2, WAIT);
        for (CapturedEvent e : events) {
            assertFalse(e.rawJson().contains("opentelemetry"), () -> "no text of the exchange may leave: " + e.rawJson());
            assertFalse(e.properties().containsKey("prompt"));
            assertFalse(e.properties().containsKey("generation"));
        }
        CapturedEvent completion = events.stream().filter(e -> e.event().equals("bedrock_completion")).findFirst().orElseThrow();
        assertEquals(35, number(completion, "generation_token_count").intValue(), "numbers are still there");
    }

    static Message userSays(String text) {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
    }

    static Number number(CapturedEvent e, String property) {
        Object value = e.property(property);
        assertNotNull(value, () -> property + " missing in " + e.properties());
        return (Number) value;
    }

    static CapturedEvent byOperation(List<CapturedEvent> events, String operation) {
        return events.stream().filter(e -> operation.equals(e.property("operation"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + operation + " event in " + events));
    }
}
