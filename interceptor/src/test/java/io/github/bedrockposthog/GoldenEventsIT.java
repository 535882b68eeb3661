package io.github.bedrockposthog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.RecordedExchange;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Golden events: every recorded exchange and every main end-to-end scenario, through real SDK clients and the
 * loopback servers, with {@code events("both")}; the captured {@code bedrock_*} and {@code $ai_generation} events
 * (volatile values normalised) must equal {@code golden-events/<scenario>.json}. A change to an event is a change
 * to its golden file, made on purpose and explained in the commit and the CHANGELOG. To rewrite the files after
 * such a change, run with {@code -Dgolden.write=true} and review the diff.
 */
class GoldenEventsIT {

    @RegisterExtension
    static final LoopbackPostHog servers = new LoopbackPostHog();

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path SOURCE = Paths.get("src/test/resources/golden-events");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Values that differ from run to run: wall-clock times, ids, the library's version. */
    private static final Set<String> VOLATILE = Set.of("response_time_in_ms", "time_to_first_token_in_ms",
            "time_to_first_token_ms", "$ai_latency", "$ai_time_to_first_token", "$lib_version", "lib_version",
            "$ai_lib_version", "timestamp", "$ai_base_url");
    private static final String HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final String PROFILE_ARN =
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6";


    /** One scenario: how to configure, what to call, how many events it yields. */
    record Scenario(String name, boolean privacy, int events, Call call) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Call {
        void run(Calls calls) throws Exception;
    }

    /** The clients of one scenario, all with the scenario's explicit interceptor. */
    record Calls(BedrockRuntimeClient sync, BedrockRuntimeAsyncClient async, LoopbackPostHog servers) {

        void invoke(String modelId, String body) {
            sync.invokeModel(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)));
        }

        void invokeStream(String modelId, String body) {
            async.invokeModelWithResponseStream(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)),
                    InvokeModelWithResponseStreamResponseHandler.builder().subscriber(e -> { }).build()).join();
        }

        void converse(ConverseRequest request) {
            sync.converse(request);
        }

        void converseStream(ConverseStreamRequest request) {
            async.converseStream(request, ConverseStreamResponseHandler.builder().subscriber(e -> { }).build()).join();
        }
    }

    static Stream<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        for (RecordedExchange fixture : RecordedExchange.loadAll()) {
            all.add(new Scenario("fixture-" + fixture.name(), false, 2, c -> replay(c, fixture)));
        }
        for (Map.Entry<String, String[]> family : FAMILIES.entrySet()) {
            String modelId = family.getValue()[0];
            String body = family.getValue()[1];
            all.add(new Scenario("invoke-" + family.getKey(), false, 2, c -> c.invoke(modelId, body)));
            all.add(new Scenario("stream-" + family.getKey(), false, 2, c -> c.invokeStream(modelId, body)));
        }
        all.add(new Scenario("invoke-claude-tools", false, 2, c -> {
            c.servers().emulator().enqueue(EmulatorReply.json(ToolLoops.CLAUDE_ANSWER).toBuilder()
                    .header("X-Amzn-Bedrock-Input-Token-Count", "420")
                    .header("X-Amzn-Bedrock-Output-Token-Count", "55")
                    .header("x-amzn-RequestId", "req-claude-1").build());
            c.invoke("us." + HAIKU, ToolLoops.CLAUDE_REQUEST);
        }));
        all.add(new Scenario("invoke-claude-tools-privacy", true, 2, c -> c.invoke(HAIKU, ToolLoops.CLAUDE_REQUEST)));
        all.add(new Scenario("converse-tools", false, 2, c -> c.converse(ToolLoops.novaConverse())));
        all.add(new Scenario("converse-tools-privacy", true, 2, c -> c.converse(ToolLoops.novaConverse())));
        all.add(new Scenario("converse-stream-tools", false, 2, c -> c.converseStream(ConverseStreamRequest.builder()
                .modelId(ToolLoops.novaConverse().modelId()).system(ToolLoops.novaConverse().system())
                .messages(ToolLoops.novaConverse().messages()).toolConfig(ToolLoops.novaConverse().toolConfig())
                .inferenceConfig(ToolLoops.novaConverse().inferenceConfig()).build())));
        // operation kind (#13): one embedding, image and rerank call each (bodies from AWS's pages, NonTextBodies)
        all.add(new Scenario("invoke-embedding-titan-v2", false, 2, c -> {
            c.servers().emulator().enqueue(EmulatorReply.json(NonTextBodies.TITAN_V2_RESPONSE).toBuilder()
                    .header("X-Amzn-Bedrock-Input-Token-Count", "8").header("x-amzn-RequestId", "req-embed-1").build());
            c.invoke("amazon.titan-embed-text-v2:0", NonTextBodies.TITAN_V2_REQUEST);
        }));
        all.add(new Scenario("invoke-image-nova-canvas", false, 2, c -> {
            c.servers().emulator().enqueue(EmulatorReply.json(NonTextBodies.AMAZON_IMAGE_RESPONSE).toBuilder()
                    .header("x-amzn-RequestId", "req-image-1").build());
            c.invoke("amazon.nova-canvas-v1:0", NonTextBodies.AMAZON_IMAGE_REQUEST);
        }));
        all.add(new Scenario("invoke-rerank-cohere", false, 2, c -> {
            c.servers().emulator().enqueue(EmulatorReply.json(NonTextBodies.RERANK_RESPONSE).toBuilder()
                    .header("x-amzn-RequestId", "req-rerank-1").build());
            c.invoke("cohere.rerank-v3-5:0", NonTextBodies.RERANK_REQUEST);
        }));
        all.add(new Scenario("error-invoke-400", false, 2, c -> {
            c.servers().emulator().enqueueError(400, "ValidationException", "Malformed input request: extraneous key [foo]");
            expectFailure(() -> c.invoke(HAIKU, ToolLoops.CLAUDE_REQUEST));
        }));
        all.add(new Scenario("error-converse-throttled", false, 2, c -> {
            for (int i = 0; i < 4; i++) {
                c.servers().emulator().enqueueError(429, "ThrottlingException", "Too many requests, please wait");
            }
            expectFailure(() -> c.converse(ToolLoops.novaConverse()));
        }));
        all.add(new Scenario("error-invoke-stream-400", false, 2, c -> {
            c.servers().emulator().enqueueError(400, "ValidationException", "The model is not ready");
            expectFailure(() -> c.invokeStream("meta.llama3-8b-instruct-v1:0", FAMILIES.get("llama")[1]));
        }));
        all.add(new Scenario("error-converse-stream-privacy", true, 2, c -> {
            c.servers().emulator().enqueueError(400, "ValidationException", "echo: my secret prompt");
            expectFailure(() -> c.converseStream(ConverseStreamRequest.builder().modelId(HAIKU)
                    .messages(userSays("my secret prompt")).build()));
        }));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theEventsEqualTheGoldenFile(Scenario scenario) throws Exception {
        String actual;
        try (BedrockPostHog posthog = servers.posthog("phc_golden").events(EventSchema.BOTH).privacyMode(scenario.privacy())
                .build()) {
            try (BedrockRuntimeClient sync = Clients.noRetries(servers.emulator().endpoint(), posthog.interceptor());
                 BedrockRuntimeAsyncClient async = servers.async(posthog.interceptor(),
                         o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))) {
                scenario.call().run(new Calls(sync, async, servers));
            }
            servers.capture().awaitEvents(scenario.events(), WAIT);
        }
        List<CapturedEvent> events = servers.capture().events();
        assertEquals(scenario.events(), events.size(), () -> "events: " + events);
        actual = render(events);
        String file = scenario.name() + ".json";
        if (Boolean.getBoolean("golden.write")) {
            Files.createDirectories(SOURCE);
            Files.write(SOURCE.resolve(file), actual.getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream in = GoldenEventsIT.class.getResourceAsStream("/golden-events/" + file)) {
            assertNotNull(in, () -> "no golden file golden-events/" + file + "; run with -Dgolden.write=true");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, scenario.name());
        }
    }

    private static void replay(Calls c, RecordedExchange fixture) {
        c.servers().emulator().enqueueFixture(fixture);
        Runnable call = switch (fixture.operation()) {
            case "InvokeModel" -> () -> c.invoke(fixture.modelId(), fixture.requestBody());
            case "InvokeModelWithResponseStream" -> () -> c.invokeStream(fixture.modelId(), fixture.requestBody());
            case "Converse" -> () -> c.converse(ConverseRequest.builder().modelId(fixture.modelId())
                    .messages(userSays("What is the capital of France?")).build());
            case "ConverseStream" -> () -> c.converseStream(ConverseStreamRequest.builder().modelId(fixture.modelId())
                    .messages(userSays("What is the capital of France?")).build());
            default -> throw new IllegalArgumentException(fixture.operation());
        };
        if (fixture.status() == 200) {
            call.run();
        } else {
            expectFailure(call);
        }
    }

    private static void expectFailure(Runnable call) {
        try {
            call.run();
        } catch (SdkException | CompletionException expected) {
            return;
        }
        throw new AssertionError("the call was expected to fail");
    }

    /**
     * The events as stable, pretty JSON: sorted by event name, object keys sorted at every depth (key order is
     * not part of an event), volatile values replaced by placeholders.
     */
    static String render(List<CapturedEvent> events) throws JsonProcessingException {
        List<CapturedEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(CapturedEvent::event));
        ArrayNode out = JSON.createArrayNode();
        for (CapturedEvent e : sorted) {
            JsonNode raw;
            try {
                raw = JSON.readTree(e.rawJson());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            ObjectNode event = JSON.createObjectNode();
            event.put("event", e.event());
            event.set("distinct_id", normalise("distinct_id", TextNode.valueOf(e.distinctId())));
            event.set("properties", sortedAndNormalised(raw.path("properties")));
            out.add(event);
        }
        return JSON.writeValueAsString(out) + "\n";
    }

    private static JsonNode sortedAndNormalised(JsonNode properties) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            sorted.put(p.getKey(), normalise(p.getKey(), p.getValue()));
        }
        ObjectNode node = JSON.createObjectNode();
        sorted.forEach(node::set);
        return node;
    }

    private static JsonNode normalise(String key, JsonNode value) {
        if (VOLATILE.contains(key) && !value.isNull()) {
            return TextNode.valueOf("<" + key + ">");
        }
        if ("error_stack".equals(key) && value.isTextual()) { // frames depend on the test runner: the head only
            String head = value.asText().split("\n", 2)[0];
            return TextNode.valueOf(UUID.matcher(head).replaceAll("<uuid>") + "\n<frames>");
        }
        if (value.isTextual()) {
            return TextNode.valueOf(UUID.matcher(value.asText()).replaceAll("<uuid>"));
        }
        if (value.isObject()) {
            return sortedAndNormalised(value);
        }
        if (value.isArray()) {
            ArrayNode items = JSON.createArrayNode();
            value.forEach(item -> items.add(normalise("", item)));
            return items;
        }
        return value;
    }

    // ---- the requests ----

    /** family → {model id, InvokeModel body}; the emulator answers each in its family's format. */
    private static final Map<String, String[]> FAMILIES = new TreeMap<>(Map.ofEntries(
            Map.entry("anthropic-messages", new String[]{HAIKU,
                    "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":200,\"temperature\":0.3,"
                            + "\"system\":\"Be brief.\",\"stop_sequences\":[\"END\"],"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Name three rivers.\"}]}"}),
            Map.entry("anthropic-text", new String[]{"anthropic.claude-v2:1",
                    "{\"prompt\":\"\\n\\nHuman: Name three rivers.\\n\\nAssistant:\",\"max_tokens_to_sample\":200,"
                            + "\"temperature\":0.5,\"stop_sequences\":[\"\\n\\nHuman:\"]}"}),
            Map.entry("titan", new String[]{"amazon.titan-text-express-v1",
                    "{\"inputText\":\"Name three rivers.\",\"textGenerationConfig\":{\"maxTokenCount\":200,"
                            + "\"temperature\":0.2,\"topP\":0.9,\"stopSequences\":[\"User:\"]}}"}),
            Map.entry("nova", new String[]{"us.amazon.nova-lite-v1:0",
                    "{\"schemaVersion\":\"messages-v1\",\"system\":[{\"text\":\"Be brief.\"}],"
                            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Name three rivers.\"}]}],"
                            + "\"inferenceConfig\":{\"maxTokens\":200,\"temperature\":0.7,\"topP\":0.9}}"}),
            Map.entry("llama", new String[]{"meta.llama3-8b-instruct-v1:0",
                    "{\"prompt\":\"<|begin_of_text|><|start_header_id|>user<|end_header_id|>\\nName three rivers."
                            + "<|eot_id|>\",\"max_gen_len\":200,\"temperature\":0.1,\"top_p\":0.9}"}),
            Map.entry("mistral-text", new String[]{"mistral.mistral-7b-instruct-v0:2",
                    "{\"prompt\":\"<s>[INST] Name three rivers. [/INST]\",\"max_tokens\":200,\"temperature\":0.5,"
                            + "\"top_k\":50}"}),
            Map.entry("mistral-chat", new String[]{"mistral.mistral-large-2407-v1:0",
                    "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                            + "{\"role\":\"user\",\"content\":\"Name three rivers.\"}],\"max_tokens\":200,"
                            + "\"temperature\":0.3}"}),
            Map.entry("cohere-command", new String[]{"cohere.command-text-v14",
                    "{\"prompt\":\"Name three rivers.\",\"max_tokens\":200,\"temperature\":0.4,\"p\":0.8,\"k\":5}"}),
            Map.entry("cohere-command-r", new String[]{"cohere.command-r-plus-v1:0",
                    "{\"message\":\"Name three rivers.\",\"preamble\":\"Be brief.\",\"chat_history\":["
                            + "{\"role\":\"USER\",\"message\":\"Hi\"},{\"role\":\"CHATBOT\",\"message\":\"Hello!\"}],"
                            + "\"max_tokens\":200,\"temperature\":0.3}"}),
            Map.entry("deepseek", new String[]{"us.deepseek.r1-v1:0",
                    "{\"prompt\":\"Name three rivers.\",\"max_tokens\":200,\"temperature\":0.6,\"top_p\":0.9}"}),
            Map.entry("ai21-jurassic", new String[]{"ai21.j2-ultra-v1",
                    "{\"prompt\":\"Name three rivers.\",\"maxTokens\":200,\"temperature\":0.7}"}),
            Map.entry("ai21-jamba", new String[]{"ai21.jamba-1-5-mini-v1:0",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"Name three rivers.\"}],\"max_tokens\":200,"
                            + "\"temperature\":0.4}"}),
            Map.entry("openai-gpt-oss", new String[]{"openai.gpt-oss-20b-1:0",
                    "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                            + "{\"role\":\"user\",\"content\":\"Name three rivers.\"}],\"max_completion_tokens\":200,"
                            + "\"temperature\":0.2}"}),
            Map.entry("opaque-arn-claude-body", new String[]{PROFILE_ARN,
                    "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":200,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Name three rivers.\"}]}"})));
}
