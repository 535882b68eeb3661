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
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.bedrockposthog.ExplicitRegistrationIT.number;
import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POSTHOG_BEDROCK_EVENTS=ai|both} end to end: real SDK clients, the loopback Bedrock emulator, and the
 * {@code $ai_generation} events exactly as they arrive at the loopback PostHog.
 */
class AiGenerationIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final Map<String, Object> WEATHER_SCHEMA = Map.of("type", "object",
            "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"));

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();
    private BedrockPostHog posthog;

    private BedrockRuntimeAsyncClient async() {
        return SERVERS.async(posthog.interceptor());
    }

    private void configure(EventSchema events) {
        configure(events, false);
    }

    private void configure(EventSchema events, boolean privacyMode) {
        posthog = SERVERS.open("phc_ai", b -> b.events(events).privacyMode(privacyMode));
    }

    /** Waits for {@code count} events, flushes, and checks that no more arrived. */
    private List<CapturedEvent> exactly(int count) {
        capture.awaitEvents(count, WAIT);
        posthog.close();
        List<CapturedEvent> events = capture.events();
        assertEquals(count, events.size(), () -> "expected exactly " + count + " events: " + events);
        return events;
    }

    private static CapturedEvent named(List<CapturedEvent> events, String name) {
        return events.stream().filter(e -> name.equals(e.event())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + events));
    }

    private static Map<String, Object> toolCall(String id, String name, String argumentsJson) {
        return Map.of("type", "function", "id", id, "function", Map.of("name", name, "arguments", argumentsJson));
    }

    private static void assertSeconds(CapturedEvent e, String property) {
        double seconds = number(e, property).doubleValue();
        assertTrue(seconds > 0 && seconds < 15, () -> property + " must be seconds, was " + seconds);
    }

    @Test
    void claudeInvokeModelWithSystemHistoryAndToolsBecomesOneAiGeneration() {
        configure(EventSchema.AI);
        emulator.enqueue(EmulatorReply.json(ToolLoops.CLAUDE_ANSWER).toBuilder()
                .header("X-Amzn-Bedrock-Input-Token-Count", "420")
                .header("X-Amzn-Bedrock-Output-Token-Count", "55")
                .header("x-amzn-RequestId", "req-claude-1").build());
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            client.invokeModel(r -> r.modelId("us." + HAIKU).body(SdkBytes.fromUtf8String(ToolLoops.CLAUDE_REQUEST)));
        }
        CapturedEvent e = exactly(1).get(0);
        assertEquals("$ai_generation", e.event());
        String traceId = (String) e.property("$ai_trace_id");
        UUID.fromString(traceId);
        assertEquals(traceId, e.distinctId(), "anonymous calls are attributed to their trace");
        assertEquals(false, e.property("$process_person_profile"));
        UUID.fromString((String) e.property("$ai_span_id"));
        assertEquals(HAIKU, e.property("$ai_model"), "geo prefix stripped");
        assertEquals("bedrock", e.property("$ai_provider"));
        assertEquals(List.of(
                Map.of("role", "system", "content", "You are a weather assistant."),
                Map.of("role", "user", "content", "What's the weather in Paris?"),
                Map.of("role", "assistant", "content", "Let me check.",
                        "tool_calls", List.of(toolCall("toolu_01", "get_weather", "{\"city\":\"Paris\"}"))),
                Map.of("role", "tool", "tool_call_id", "toolu_01", "content", "18°C, sunny"),
                Map.of("role", "user", "content", "And in Lyon?")), e.property("$ai_input"));
        assertEquals(List.of(Map.of("role", "assistant", "content", "Checking Lyon too.",
                "tool_calls", List.of(toolCall("toolu_02", "get_weather", "{\"city\":\"Lyon\"}")))),
                e.property("$ai_output_choices"));
        assertEquals(420, number(e, "$ai_input_tokens").intValue());
        assertEquals(55, number(e, "$ai_output_tokens").intValue());
        assertFalse(e.hasProperty("$ai_cache_read_input_tokens"));
        assertEquals(420 * 0.80 / 1e6, number(e, "$ai_input_cost_usd").doubleValue(), 1e-15);
        assertEquals(55 * 4.00 / 1e6, number(e, "$ai_output_cost_usd").doubleValue(), 1e-15);
        assertEquals((420 * 0.80 + 55 * 4.00) / 1e6, number(e, "$ai_total_cost_usd").doubleValue(), 1e-15);
        assertSeconds(e, "$ai_latency");
        assertFalse(e.hasProperty("$ai_time_to_first_token"), "no TTFT without a stream");
        assertEquals(200, number(e, "$ai_http_status").intValue());
        assertEquals(false, e.property("$ai_is_error"));
        assertFalse(e.hasProperty("$ai_error"));
        assertEquals(false, e.property("$ai_stream"));
        assertEquals(Map.of("max_tokens", 512, "temperature", 0.2, "top_p", 0.9, "stop_sequences", List.of("END")),
                e.property("$ai_model_parameters"));
        assertEquals(List.of(Map.of("name", "get_weather", "description", "Current weather for a city",
                "input_schema", WEATHER_SCHEMA)), e.property("$ai_tools"));
        assertEquals("tool_use", e.property("$ai_stop_reason"));
        assertEquals("req-claude-1", e.property("request_id"));
        assertEquals("InvokeModel", e.property("operation"));
        assertFalse(e.hasProperty("prompt"), "no bedrock_* properties on $ai_generation");
    }

    private static final String NOVA_TOOL_ANSWER = """
            {"metrics": {"latencyMs": 321},
             "output": {"message": {"role": "assistant", "content": [{"text": "Let me look up Bergen."},
                 {"toolUse": {"toolUseId": "tooluse_2", "name": "get_weather", "input": {"city": "Bergen"}}}]}},
             "stopReason": "tool_use", "usage": {"inputTokens": 200, "outputTokens": 12, "totalTokens": 212}}
            """;

    @Test
    void converseWithSystemToolsAndInferenceConfigGivesBothSchemasForOneCall() {
        configure(EventSchema.BOTH);
        emulator.enqueue(EmulatorReply.json(NOVA_TOOL_ANSWER));
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor());
             BedrockPostHog.Scope ignored = BedrockPostHog.identify("ada@example.com")) {
            client.converse(ToolLoops.novaConverse());
        }
        List<CapturedEvent> events = exactly(2);
        CapturedEvent completion = named(events, "bedrock_completion");
        CapturedEvent e = named(events, "$ai_generation");
        assertEquals("ada@example.com", e.distinctId());
        assertFalse(e.hasProperty("$process_person_profile"));
        assertEquals(completion.property("trace_id"), e.property("$ai_trace_id"), "one call, one trace, two schemas");
        assertEquals("amazon.nova-lite-v1:0", e.property("$ai_model"));
        assertEquals(List.of(
                Map.of("role", "system", "content", "Answer briefly."),
                Map.of("role", "user", "content", "Weather in Oslo?"),
                Map.of("role", "assistant", "content", "",
                        "tool_calls", List.of(toolCall("tooluse_1", "get_weather", "{\"city\":\"Oslo\"}"))),
                Map.of("role", "tool", "tool_call_id", "tooluse_1", "content", "-3°C, snow"),
                Map.of("role", "user", "content", "And Bergen?")), e.property("$ai_input"));
        assertEquals(List.of(Map.of("role", "assistant", "content", "Let me look up Bergen.",
                "tool_calls", List.of(toolCall("tooluse_2", "get_weather", "{\"city\":\"Bergen\"}")))),
                e.property("$ai_output_choices"));
        assertEquals(Map.of("max_tokens", 256, "temperature", 0.7, "top_p", 0.9, "stop_sequences", List.of("END")),
                e.property("$ai_model_parameters"), "floats arrive as the decimals the app wrote");
        assertEquals(List.of(Map.of("name", "get_weather", "description", "Current weather for a city",
                "input_schema", WEATHER_SCHEMA)), e.property("$ai_tools"));
        assertEquals(200, number(e, "$ai_input_tokens").intValue());
        assertEquals(12, number(e, "$ai_output_tokens").intValue());
        assertEquals("tool_use", e.property("$ai_stop_reason"));
        assertEquals((200 * 0.06 + 12 * 0.24) / 1e6, number(e, "$ai_total_cost_usd").doubleValue(), 1e-15);
        assertEquals(number(completion, "total_cost_in_dollars").doubleValue(),
                number(e, "$ai_total_cost_usd").doubleValue(), 0.0, "both schemas price a call the same");
        assertEquals(number(completion, "response_time_in_ms").doubleValue() / 1000.0,
                number(e, "$ai_latency").doubleValue(), 1e-6, "$ai_latency is the same measurement, in seconds");
        assertEquals("Converse", e.property("operation"));
        assertEquals("Let me look up Bergen.", completion.property("generation"));
    }

    @Test
    void aConverseStreamReportsItsTextToolCallsAndTimeToFirstTokenInSeconds() {
        configure(EventSchema.AI);
        RecordedExchange fixture = RecordedExchange.named("test_anthropic__test_anthropic_converse_stream_with_tool_use");
        ExpectedStream expected = ExpectedStream.of(fixture.responseBody());
        emulator.enqueueFixture(fixture);
        try (BedrockRuntimeAsyncClient client = async()) {
            client.converseStream(r -> r.modelId(fixture.modelId())
                            .messages(userSays("What is the weather in Barcelona?"))
                            .toolConfig(t -> t.tools(Tool.fromToolSpec(ToolSpecification.builder().name("get_weather")
                                    .description("Current weather for a city")
                                    .inputSchema(s -> s.json(ToolLoops.weatherSchema())).build())))
                            .inferenceConfig(c -> c.maxTokens(300).temperature(0.5f)),
                    ConverseStreamResponseHandler.builder().subscriber(event -> { }).build()).join();
        }
        CapturedEvent e = exactly(1).get(0);
        assertEquals("$ai_generation", e.event());
        assertEquals(true, e.property("$ai_stream"));
        assertEquals("anthropic.claude-3-sonnet-20240229-v1:0", e.property("$ai_model"));
        assertEquals(List.of(Map.of("role", "user", "content", "What is the weather in Barcelona?")), e.property("$ai_input"));
        assertEquals(List.of(Map.of("role", "assistant", "content", expected.text(),
                        "tool_calls", List.of(toolCall("tooluse_yypYDr71TwCwByoyao4-Vg", "get_weather",
                                "{\"location\": \"Barcelona\"}")))),
                e.property("$ai_output_choices"), "a streamed tool call keeps its id and its arguments");
        assertEquals(expected.inputTokens().longValue(), number(e, "$ai_input_tokens").longValue());
        assertEquals(expected.outputTokens().longValue(), number(e, "$ai_output_tokens").longValue());
        assertEquals("tool_use", e.property("$ai_stop_reason"));
        assertEquals(Map.of("max_tokens", 300, "temperature", 0.5), e.property("$ai_model_parameters"));
        assertSeconds(e, "$ai_latency");
        assertSeconds(e, "$ai_time_to_first_token");
        assertTrue(number(e, "$ai_time_to_first_token").doubleValue() <= number(e, "$ai_latency").doubleValue());
        assertTrue(number(e, "$ai_total_cost_usd").doubleValue() > 0);
    }

    @Test
    void aFailedCallIsAnErrorGenerationNextToItsBedrockError() {
        configure(EventSchema.BOTH);
        emulator.enqueueError(400, "ValidationException", "Malformed input request: extraneous key [foo]");
        try (BedrockRuntimeClient client = Clients.noRetries(emulator.endpoint(), posthog.interceptor());
             BedrockPostHog.Scope ignored = BedrockPostHog.identify("ada@example.com")) {
            assertThrows(ValidationException.class, () -> client.invokeModel(r -> r.modelId(HAIKU)
                    .body(SdkBytes.fromUtf8String(ToolLoops.CLAUDE_REQUEST))));
        }
        List<CapturedEvent> events = exactly(2);
        CapturedEvent error = named(events, "bedrock_error");
        CapturedEvent e = named(events, "$ai_generation");
        assertEquals(error.property("trace_id"), e.property("$ai_trace_id"));
        assertEquals("ada@example.com", e.distinctId());
        assertEquals(true, e.property("$ai_is_error"));
        assertEquals("ValidationException: Malformed input request: extraneous key [foo]", e.property("$ai_error"));
        assertEquals(400, number(e, "$ai_http_status").intValue());
        assertEquals(5, ((List<?>) e.property("$ai_input")).size(), "the request is still reported");
        assertFalse(e.hasProperty("$ai_output_choices"));
        assertFalse(e.hasProperty("$ai_total_cost_usd"));
        assertFalse(e.hasProperty("$ai_output_tokens"));
        assertEquals(Map.of("max_tokens", 512, "temperature", 0.2, "top_p", 0.9, "stop_sequences", List.of("END")),
                e.property("$ai_model_parameters"));
        assertSeconds(e, "$ai_latency");
    }

    @Test
    void callsInOneTraceScopeShareTheTraceIdButNotTheSpanId() {
        configure(EventSchema.AI);
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            try (BedrockPostHog.Scope ignored = BedrockPostHog.trace("checkout-agent-run-7")) {
                client.converse(r -> r.modelId(HAIKU).messages(userSays("Plan the steps")));
                client.converse(r -> r.modelId(HAIKU).messages(userSays("Do step one")));
                client.converse(r -> r.modelId(HAIKU).messages(userSays("Side question"))
                        .overrideConfiguration(o -> o.putExecutionAttribute(BedrockPostHog.TRACE_ID, "side-trace")));
            }
            client.converse(r -> r.modelId(HAIKU).messages(userSays("Outside any trace")));
        }
        List<CapturedEvent> events = exactly(4);
        CapturedEvent plan = byPrompt(events, "Plan the steps");
        CapturedEvent step = byPrompt(events, "Do step one");
        assertEquals("checkout-agent-run-7", plan.property("$ai_trace_id"));
        assertEquals("checkout-agent-run-7", step.property("$ai_trace_id"));
        assertNotEquals(plan.property("$ai_span_id"), step.property("$ai_span_id"));
        UUID.fromString((String) plan.property("$ai_span_id"));
        UUID.fromString((String) step.property("$ai_span_id"));
        assertEquals("side-trace", byPrompt(events, "Side question").property("$ai_trace_id"), "the request attribute wins");
        Object outside = byPrompt(events, "Outside any trace").property("$ai_trace_id");
        assertNotEquals("checkout-agent-run-7", outside, "the scope ended");
        UUID.fromString((String) outside);
    }

    private static CapturedEvent byPrompt(List<CapturedEvent> events, String prompt) {
        return events.stream()
                .filter(e -> prompt.equals(((Map<?, ?>) ((List<?>) e.property("$ai_input")).get(0)).get("content")))
                .findFirst().orElseThrow(() -> new AssertionError("no event for " + prompt));
    }

    @Test
    void privacyModeSendsInputAndOutputAsRealJsonNulls() {
        configure(EventSchema.AI, true);
        try (BedrockRuntimeClient client = Clients.noRetries(emulator.endpoint(), posthog.interceptor())) {
            client.converse(r -> r.modelId(HAIKU).messages(userSays("my secret prompt")));
            emulator.enqueueError(400, "ValidationException", "echo: my secret prompt");
            assertThrows(ValidationException.class, () -> client.converse(r -> r.modelId(HAIKU)
                    .messages(userSays("my secret prompt"))));
        }
        List<CapturedEvent> events = exactly(2);
        for (CapturedEvent e : events) {
            assertTrue(e.hasProperty("$ai_input") && e.hasProperty("$ai_output_choices"), () -> e.rawJson());
            assertNull(e.property("$ai_input"));
            assertNull(e.property("$ai_output_choices"));
            assertTrue(e.rawJson().contains("\"$ai_input\":null"), () -> e.rawJson());
            assertFalse(e.rawJson().contains("secret"), () -> "no text leaves the process: " + e.rawJson());
        }
        CapturedEvent failed = events.stream().filter(e -> Boolean.TRUE.equals(e.property("$ai_is_error"))).findFirst()
                .orElseThrow();
        assertEquals("ValidationException", failed.property("$ai_error"), "the error's name only");
        CapturedEvent ok = events.stream().filter(e -> Boolean.FALSE.equals(e.property("$ai_is_error"))).findFirst()
                .orElseThrow();
        assertTrue(number(ok, "$ai_output_tokens").intValue() > 0, "numbers are still reported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_guardrails__test_guardrail_invoke", "test_guardrails__test_guardrail_converse",
            "test_guardrails__test_guardrail_converse_stream"})
    void aGuardrailInterventionIsRecordedInBothSchemas(String name) {
        configure(EventSchema.BOTH);
        RecordedExchange fixture = RecordedExchange.named(name);
        emulator.enqueueFixture(fixture);
        switch (fixture.operation()) {
            case "InvokeModel" -> {
                try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
                    client.invokeModel(r -> r.modelId(fixture.modelId()).body(SdkBytes.fromUtf8String(fixture.requestBody())));
                }
            }
            case "Converse" -> {
                try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
                    client.converse(r -> r.modelId(fixture.modelId()).messages(userSays("what is the capital of Japan?")));
                }
            }
            default -> {
                try (BedrockRuntimeAsyncClient client = async()) {
                    client.converseStream(r -> r.modelId(fixture.modelId()).messages(userSays("what is the capital of Japan?")),
                            ConverseStreamResponseHandler.builder().subscriber(event -> { }).build()).join();
                }
            }
        }
        List<CapturedEvent> events = exactly(2);
        CapturedEvent completion = named(events, "bedrock_completion");
        CapturedEvent e = named(events, "$ai_generation");
        assertEquals(true, completion.property("guardrail_intervened"));
        assertEquals("INTERVENED", completion.property("guardrail_action"));
        assertEquals(true, e.property("$ai_guardrail_intervened"));
        assertEquals("INTERVENED", e.property("$ai_guardrail_action"));
        assertEquals(completion.property("stop_reason"), e.property("$ai_stop_reason"));
        if (!fixture.operation().equals("InvokeModel")) {
            assertEquals("guardrail_intervened", e.property("$ai_stop_reason"));
        }
    }

    @Test
    void aCallWithoutGuardrailSaysNothingAboutGuardrails() {
        configure(EventSchema.BOTH);
        emulator.enqueueFixture(RecordedExchange.named("test_meta__test_meta_llama3_completion"));
        try (BedrockRuntimeAsyncClient client = async()) {
            client.invokeModel(r -> r.modelId("meta.llama3-1-8b-instruct-v1:0")
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"Tell me a joke\",\"max_gen_len\":128,\"temperature\":0.1}"))).join();
        }
        List<CapturedEvent> events = exactly(2);
        assertFalse(named(events, "bedrock_completion").hasProperty("guardrail_intervened"));
        CapturedEvent e = named(events, "$ai_generation");
        assertFalse(e.hasProperty("$ai_guardrail_intervened"));
        assertEquals(List.of(Map.of("role", "user", "content", "Tell me a joke")), e.property("$ai_input"));
        assertEquals(Map.of("max_tokens", 128, "temperature", 0.1), e.property("$ai_model_parameters"));
        assertTrue(((String) ((Map<?, ?>) ((List<?>) e.property("$ai_output_choices")).get(0)).get("content"))
                .startsWith("\nWhy did the opentelemetry span go to therapy?"));
    }

    @Test
    void anInvokeModelStreamOfAnotherFamilyKeepsItsPromptStyleInput() {
        configure(EventSchema.AI);
        RecordedExchange fixture = RecordedExchange.named("test_titan__test_titan_invoke_stream");
        ExpectedStream expected = ExpectedStream.of(fixture.responseBody());
        emulator.enqueueFixture(fixture);
        try (BedrockRuntimeAsyncClient client = async()) {
            client.invokeModelWithResponseStream(r -> r.modelId(fixture.modelId())
                            .body(SdkBytes.fromUtf8String(fixture.requestBody())),
                    InvokeModelWithResponseStreamResponseHandler.builder().subscriber(event -> { }).build()).join();
        }
        CapturedEvent e = exactly(1).get(0);
        assertEquals(List.of(Map.of("role", "user",
                        "content", "tell me a very two sentence story and put the string 1234561666 into the last sentence.")),
                e.property("$ai_input"));
        assertEquals(List.of(Map.of("role", "assistant", "content", expected.text())), e.property("$ai_output_choices"));
        assertEquals(true, e.property("$ai_stream"));
        assertEquals(Map.of("max_tokens", 8000, "temperature", 0.5), e.property("$ai_model_parameters"),
                "Titan's textGenerationConfig.maxTokenCount");
    }
}
