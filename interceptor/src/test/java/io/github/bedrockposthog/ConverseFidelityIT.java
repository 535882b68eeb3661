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
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Converse fidelity (#13), end to end through real SDK clients (apache, url-connection, netty) against the loopback
 * emulator: the prompt of a tool-loop step, answers given in citation blocks, reasoning as PostHog's
 * {@code {type: "thinking", thinking}} parts (Converse and Anthropic messages, sync and streamed), and the time to
 * first token of a stream that starts with reasoning or a tool call.
 */
class ConverseFidelityIT {

    private static final String CLAUDE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String USAGE = "{\"inputTokens\":120,\"outputTokens\":40,\"totalTokens\":160}";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();

    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    // ------------------------------------------------------------------ how a case calls Bedrock

    /** One way of calling Bedrock with an explicit interceptor. */
    @FunctionalInterface
    interface Call {
        void run(BedrockEmulator emulator, BedrockPostHog posthog);
    }

    static Call converseApache(List<Message> messages) {
        return (emulator, posthog) -> {
            try (BedrockRuntimeClient c = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
                c.converse(r -> r.modelId(CLAUDE).messages(messages));
            }
        };
    }

    static Call converseUrlConnection(List<Message> messages) {
        return (emulator, posthog) -> {
            try (BedrockRuntimeClient c = Clients.urlConnection(emulator.endpoint(), posthog.interceptor())) {
                c.converse(r -> r.modelId(CLAUDE).messages(messages));
            }
        };
    }

    static Call converseNetty(List<Message> messages) {
        return (emulator, posthog) -> {
            try (BedrockRuntimeAsyncClient c = Clients.netty(emulator.endpoint(), posthog.interceptor())) {
                c.converse(r -> r.modelId(CLAUDE).messages(messages)).join();
            }
        };
    }

    static Call converseStreamNetty(List<Message> messages) {
        return (emulator, posthog) -> {
            try (BedrockRuntimeAsyncClient c = Clients.netty(emulator.endpoint(), posthog.interceptor())) {
                c.converseStream(r -> r.modelId(CLAUDE).messages(messages),
                        ConverseStreamResponseHandler.builder().subscriber(e -> { }).build()).join();
            }
        };
    }

    static Call invokeApache(String body) {
        return (emulator, posthog) -> {
            try (BedrockRuntimeClient c = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
                c.invokeModel(r -> r.modelId(CLAUDE).body(SdkBytes.fromUtf8String(body)));
            }
        };
    }

    static Call invokeApache(String modelId, String body) {
        return (emulator, posthog) -> {
            try (BedrockRuntimeClient c = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
                c.invokeModel(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)));
            }
        };
    }

    static Call invokeStreamNetty(String body) {
        return (emulator, posthog) -> {
            try (BedrockRuntimeAsyncClient c = Clients.netty(emulator.endpoint(), posthog.interceptor())) {
                c.invokeModelWithResponseStream(r -> r.modelId(CLAUDE).body(SdkBytes.fromUtf8String(body)),
                        InvokeModelWithResponseStreamResponseHandler.builder().subscriber(e -> { }).build()).join();
            }
        };
    }

    /** Runs one call with both schemas and returns {@code [bedrock_completion, $ai_generation]}. */
    private CapturedEvent[] events(EmulatorReply reply, Call call) {
        emulator.enqueue(reply);
        try (BedrockPostHog posthog = SERVERS.posthog("phc_fidelity").events(EventSchema.BOTH).build()) {
            call.run(emulator, posthog);
        }
        List<CapturedEvent> events = capture.awaitEvents(2, WAIT);
        assertEquals(2, events.size(), () -> "events: " + events);
        return new CapturedEvent[] {named(events, "bedrock_completion"), named(events, "$ai_generation")};
    }

    private static CapturedEvent named(List<CapturedEvent> events, String name) {
        return events.stream().filter(e -> e.event().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no " + name + " in " + events));
    }

    // ------------------------------------------------------------------ replies

    static EmulatorReply converse(String contentJson) {
        return EmulatorReply.json("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":" + contentJson
                + "}},\"stopReason\":\"end_turn\",\"usage\":" + USAGE + ",\"metrics\":{\"latencyMs\":30}}");
    }

    /** A ConverseStream reply: messageStart, the given events ({@code [type, payload]} pairs), messageStop, metadata. */
    static EmulatorReply converseStream(String stopReason, String... typeAndPayload) {
        return converseStreamOf(USAGE, stopReason, typeAndPayload);
    }

    /** A ConverseStream reply answering "ok" whose metadata carries {@code usageJson}. */
    static EmulatorReply converseStreamWithUsage(String usageJson) {
        return converseStreamOf(usageJson, "end_turn", "contentBlockDelta", delta(0, "{\"text\":\"ok\"}"));
    }

    private static EmulatorReply converseStreamOf(String usageJson, String stopReason, String... typeAndPayload) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"));
        for (int i = 0; i < typeAndPayload.length; i += 2) {
            frames.add(EventStreamFrames.event(typeAndPayload[i], typeAndPayload[i + 1]));
        }
        frames.add(EventStreamFrames.event("messageStop", "{\"stopReason\":\"" + stopReason + "\"}"));
        frames.add(EventStreamFrames.event("metadata", "{\"usage\":" + usageJson + ",\"metrics\":{\"latencyMs\":30}}"));
        return EmulatorReply.builder().header("Content-Type", EmulatorReply.EVENT_STREAM).frames(frames).build();
    }

    /** An InvokeModelWithResponseStream reply of Anthropic message chunks; the last carries the invocation metrics. */
    static EmulatorReply anthropicStream(String... chunks) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(EventStreamFrames.chunk("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":120,\"output_tokens\":1}}}"));
        for (String chunk : chunks) {
            frames.add(EventStreamFrames.chunk(chunk));
        }
        frames.add(EventStreamFrames.chunk("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":40}}"));
        frames.add(EventStreamFrames.chunk("{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":"
                + "{\"inputTokenCount\":120,\"outputTokenCount\":40,\"invocationLatency\":30,\"firstByteLatency\":10}}"));
        return EmulatorReply.builder().header("Content-Type", EmulatorReply.EVENT_STREAM)
                .header("X-Amzn-Bedrock-Content-Type", "application/json").frames(frames).build();
    }

    static String delta(int index, String deltaJson) {
        return "{\"contentBlockIndex\":" + index + ",\"delta\":" + deltaJson + "}";
    }

    // ------------------------------------------------------------------ prompt of a tool-loop step

    static final String TOOL_RESULT = "{\"city\":\"Paris\",\"celsius\":18}";

    /** The first question, the model's tool call, and the turn that returns the tool's result. */
    static List<Message> toolLoop(boolean withText) {
        Message asked = userSays("What is the weather in Paris?");
        Message called = Message.builder().role(ConversationRole.ASSISTANT).content(ContentBlock.fromToolUse(
                ToolUseBlock.builder().toolUseId("tooluse_1").name("weather")
                        .input(Document.mapBuilder().putString("city", "Paris").build()).build())).build();
        List<ContentBlock> result = new ArrayList<>();
        result.add(ContentBlock.fromToolResult(ToolResultBlock.builder().toolUseId("tooluse_1")
                .content(ToolResultContentBlock.fromText(TOOL_RESULT)).build()));
        if (withText) {
            result.add(ContentBlock.fromText("Answer in one word."));
        }
        return List.of(asked, called, Message.builder().role(ConversationRole.USER).content(result).build());
    }

    static Stream<Object[]> toolLoopSteps() {
        EmulatorReply streamed = converseStream("end_turn", "contentBlockDelta", delta(0, "{\"text\":\"Mild.\"}"));
        return Stream.of(
                new Object[] {"Converse, apache: a turn of tool results only", converse("[{\"text\":\"Mild.\"}]"),
                        converseApache(toolLoop(false)), TOOL_RESULT},
                new Object[] {"Converse, netty: a turn of tool results only", converse("[{\"text\":\"Mild.\"}]"),
                        converseNetty(toolLoop(false)), TOOL_RESULT},
                new Object[] {"ConverseStream, netty: a turn of tool results only", streamed,
                        converseStreamNetty(toolLoop(false)), TOOL_RESULT},
                new Object[] {"Converse, url-connection: tool results and text", converse("[{\"text\":\"Mild.\"}]"),
                        converseUrlConnection(toolLoop(true)), "Answer in one word."});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toolLoopSteps")
    void theLastUserTurnIsThePromptAndATurnOfToolResultsOnlyGivesTheirText(String name, EmulatorReply reply, Call call,
                                                                           String prompt) {
        CapturedEvent completion = events(reply, call)[0];
        assertEquals(prompt, completion.property("prompt"), () -> completion.properties().toString());
        assertEquals("Mild.", completion.property("generation"));
    }

    // ------------------------------------------------------------------ citations

    static Stream<Object[]> citedAnswers() {
        EmulatorReply cited = converse("[{\"citationsContent\":{\"content\":[{\"text\":\"The term is 24 months.\"}],"
                + "\"citations\":[{\"title\":\"contract.pdf\",\"sourceContent\":[{\"text\":\"twenty-four months\"}],"
                + "\"location\":{\"documentChar\":{\"documentIndex\":0,\"start\":10,\"end\":40}}}]}},"
                + "{\"text\":\" It renews every year.\"}]");
        return Stream.of(
                new Object[] {"apache", cited, converseApache(List.of(userSays("How long is the term?")))},
                new Object[] {"netty", cited, converseNetty(List.of(userSays("How long is the term?")))});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("citedAnswers")
    void textInCitationBlocksIsPartOfTheGeneration(String name, EmulatorReply reply, Call call) {
        CapturedEvent[] e = events(reply, call);
        assertEquals("The term is 24 months. It renews every year.", e[0].property("generation"),
                () -> e[0].properties().toString());
        assertEquals("The term is 24 months. It renews every year.", choice(e[1]).get("content"));
    }

    // ------------------------------------------------------------------ reasoning

    private static final String ANTHROPIC_REQUEST = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":2000,"
            + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Is 97 prime?\"}]}";

    static Stream<Object[]> reasonedAnswers() {
        String reasoning = "97 has no divisor up to 9.";
        List<Message> ask = List.of(userSays("Is 97 prime?"));
        return Stream.of(
                new Object[] {"Converse, apache", converse("[{\"reasoningContent\":{\"reasoningText\":{\"text\":\""
                        + reasoning + "\",\"signature\":\"sig\"}}},{\"text\":\"Yes.\"}]"), converseApache(ask)},
                new Object[] {"ConverseStream, netty", converseStream("end_turn",
                        "contentBlockDelta", delta(0, "{\"reasoningContent\":{\"text\":\"97 has no divisor \"}}"),
                        "contentBlockDelta", delta(0, "{\"reasoningContent\":{\"text\":\"up to 9.\"}}"),
                        "contentBlockDelta", delta(0, "{\"reasoningContent\":{\"signature\":\"sig\"}}"),
                        "contentBlockStop", "{\"contentBlockIndex\":0}",
                        "contentBlockDelta", delta(1, "{\"text\":\"Yes.\"}")), converseStreamNetty(ask)},
                new Object[] {"Anthropic InvokeModel, apache", EmulatorReply.json("{\"id\":\"msg_1\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"" + reasoning
                        + "\",\"signature\":\"sig\"},{\"type\":\"text\",\"text\":\"Yes.\"}],\"stop_reason\":\"end_turn\","
                        + "\"usage\":{\"input_tokens\":120,\"output_tokens\":40}}"), invokeApache(ANTHROPIC_REQUEST)},
                new Object[] {"Nova InvokeModel, apache", EmulatorReply.json("{\"output\":{\"message\":{\"role\":"
                        + "\"assistant\",\"content\":[{\"reasoningContent\":{\"reasoningText\":{\"text\":\"" + reasoning
                        + "\"}}},{\"text\":\"Yes.\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":120,"
                        + "\"outputTokens\":40,\"totalTokens\":160}}"), invokeApache("us.amazon.nova-premier-v1:0",
                        "{\"schemaVersion\":\"messages-v1\",\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"text\":\"Is 97 prime?\"}]}],\"inferenceConfig\":{\"maxTokens\":500}}")},
                new Object[] {"Anthropic InvokeModel stream, netty", anthropicStream(
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"97 has no divisor \"}}",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"up to 9.\"}}",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig\"}}",
                        "{\"type\":\"content_block_stop\",\"index\":0}",
                        "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                        "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Yes.\"}}",
                        "{\"type\":\"content_block_stop\",\"index\":1}"), invokeStreamNetty(ANTHROPIC_REQUEST)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasonedAnswers")
    void reasoningIsAThinkingPartOfTheOutputChoicesAndNotPartOfTheGeneration(String name, EmulatorReply reply,
                                                                            Call call) {
        CapturedEvent[] e = events(reply, call);
        assertEquals("Yes.", e[0].property("generation"), () -> e[0].properties().toString());
        assertEquals(List.of(Map.of("type", "thinking", "thinking", "97 has no divisor up to 9."),
                Map.of("type", "text", "text", "Yes.")), choice(e[1]).get("content"), () -> e[1].properties().toString());
    }

    static Stream<Object[]> reasoningInTheHistory() {
        Message earlier = Message.builder().role(ConversationRole.ASSISTANT).content(
                ContentBlock.fromReasoningContent(ReasoningContentBlock.fromReasoningText(
                        ReasoningTextBlock.builder().text("Check small primes.").signature("sig").build())),
                ContentBlock.fromText("Yes.")).build();
        String anthropic = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":2000,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Is 97 prime?\"},{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"thinking\",\"thinking\":\"Check small primes.\",\"signature\":\"sig\"},"
                + "{\"type\":\"text\",\"text\":\"Yes.\"}]},{\"role\":\"user\",\"content\":\"And 91?\"}]}";
        return Stream.of(
                new Object[] {"Converse, url-connection", converse("[{\"text\":\"No.\"}]"), converseUrlConnection(
                        List.of(userSays("Is 97 prime?"), earlier, userSays("And 91?")))},
                new Object[] {"Anthropic InvokeModel, apache", EmulatorReply.json("{\"id\":\"msg_2\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"No.\"}],"
                        + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":120,\"output_tokens\":40}}"),
                        invokeApache(anthropic)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasoningInTheHistory")
    void reasoningInTheConversationIsAThinkingPartOfTheInput(String name, EmulatorReply reply, Call call) {
        CapturedEvent ai = events(reply, call)[1];
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> input = (List<Map<String, Object>>) ai.property("$ai_input");
        Map<String, Object> assistant = input.stream().filter(m -> "assistant".equals(m.get("role"))).findFirst()
                .orElseThrow();
        assertEquals(List.of(Map.of("type", "thinking", "thinking", "Check small primes."),
                Map.of("type", "text", "text", "Yes.")), assistant.get("content"), () -> input.toString());
    }

    // ------------------------------------------------------------------ time to first token

    static Stream<Object[]> streamsWithoutAnswerText() {
        List<Message> ask = List.of(userSays("Weather in Paris?"));
        String toolStart = "{\"contentBlockIndex\":0,\"start\":{\"toolUse\":{\"toolUseId\":\"tooluse_9\",\"name\":\"weather\"}}}";
        return Stream.of(
                new Object[] {"ConverseStream: a tool call only", converseStream("tool_use",
                        "contentBlockStart", toolStart,
                        "contentBlockDelta", delta(0, "{\"toolUse\":{\"input\":\"{\\\"city\\\":\"}}"),
                        "contentBlockDelta", delta(0, "{\"toolUse\":{\"input\":\"\\\"Paris\\\"}\"}}"),
                        "contentBlockStop", "{\"contentBlockIndex\":0}"), converseStreamNetty(ask), "tooluse_9"},
                new Object[] {"ConverseStream: reasoning, then a tool call", converseStream("tool_use",
                        "contentBlockDelta", delta(0, "{\"reasoningContent\":{\"text\":\"Need the weather tool.\"}}"),
                        "contentBlockStop", "{\"contentBlockIndex\":0}",
                        "contentBlockStart", toolStart.replace("\"contentBlockIndex\":0", "\"contentBlockIndex\":1"),
                        "contentBlockDelta", delta(1, "{\"toolUse\":{\"input\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}"),
                        "contentBlockStop", "{\"contentBlockIndex\":1}"), converseStreamNetty(ask), "tooluse_9"},
                new Object[] {"Anthropic InvokeModel stream: a tool call only", anthropicStream(
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\","
                                + "\"id\":\"toolu_9\",\"name\":\"weather\",\"input\":{}}}",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                                + "\"partial_json\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}",
                        "{\"type\":\"content_block_stop\",\"index\":0}"), invokeStreamNetty(ANTHROPIC_REQUEST), "toolu_9"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamsWithoutAnswerText")
    void theFirstReasoningOrToolUseDeltaIsTheFirstToken(String name, EmulatorReply reply, Call call, String toolId) {
        CapturedEvent[] e = events(reply, call);
        assertTrue(e[0].hasProperty("time_to_first_token_in_ms"), () -> e[0].properties().toString());
        assertNotNull(e[1].property("$ai_time_to_first_token"));
        assertFalse(e[0].hasProperty("generation"), "no answer text was streamed");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> calls = (List<Map<String, Object>>) choice(e[1]).get("tool_calls");
        assertEquals(toolId, calls.get(0).get("id"), "streamed tool calls keep their ids");
        assertEquals(Map.of("name", "weather", "arguments", "{\"city\":\"Paris\"}"), calls.get(0).get("function"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> choice(CapturedEvent ai) {
        return ((List<Map<String, Object>>) ai.property("$ai_output_choices")).get(0);
    }
}
