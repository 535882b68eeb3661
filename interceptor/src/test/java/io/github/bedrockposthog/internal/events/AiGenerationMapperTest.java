package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.bedrock.ModelId;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Operation;
import io.github.bedrockposthog.internal.bedrock.Dialect;
import io.github.bedrockposthog.internal.bedrock.Dialects;
import io.github.bedrockposthog.internal.config.Settings;
import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.pricing.PriceTable;
import io.github.bedrockposthog.internal.text.CappedText;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.bedrockposthog.internal.events.TestCalls.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The InvokeModel body of every family with a chat or prompt shape, as {@code $ai_generation} properties. */
class AiGenerationMapperTest {

    private static Map<String, Object> map(String modelId, String requestBody, String responseBody) {
        return map(settings(Map.of()), modelId, requestBody, responseBody, null);
    }

    private static Map<String, Object> map(Settings settings, String modelId, String requestBody, String responseBody,
                                           String generation) {
        LlmCall.Builder b = new LlmCall.Builder();
        b.operation = Operation.INVOKE_MODEL;
        b.modelId = modelId;
        b.distinctId = "ada@example.com";
        b.traceId = "trace-1";
        b.responseTimeMillis = 1234.5678;
        b.model = ModelId.parse(modelId).base();
        read(b, requestBody, responseBody);
        b.generation = generation; // what the caller says was generated (the stream tap's text, say)
        return new AiGenerationMapper(settings, PriceTable.of(Map.of())).map(b.build()).properties();
    }

    /** The record as the call layer builds it: the bodies read by the family's dialect. */
    private static void read(LlmCall.Builder b, String requestBody, String responseBody) {
        Object request = Json.parse(requestBody);
        Object response = responseBody == null ? null : Json.parse(responseBody);
        Dialect dialect = Dialects.of(ModelId.parse(b.modelId), request, response);
        if (dialect != null) {
            dialect.readRequest(request, b);
            if (response != null) {
                dialect.readResponse(response, b);
            }
        }
    }

    private static Map<String, Object> call(String id, String name, String arguments) {
        return Map.of("type", "function", "id", id, "function", Map.of("name", name, "arguments", arguments));
    }

    @Test
    void novaBodiesGiveSystemHistoryToolsAndParameters() {
        String request = """
                {"system": [{"text": "Be terse."}],
                 "messages": [
                   {"role": "user", "content": [{"text": "What is in this picture?"},
                                                 {"image": {"format": "png", "source": {"bytes": "iVBORw0KGgoAAAANSUhEUg"}}}]},
                   {"role": "assistant", "content": [{"toolUse": {"toolUseId": "t1", "name": "zoom", "input": {"factor": 2}}}]},
                   {"role": "user", "content": [{"toolResult": {"toolUseId": "t1", "content": [{"json": {"ok": true}}],
                                                                "status": "error"}}]}],
                 "inferenceConfig": {"max_new_tokens": 300, "temperature": 0.3, "top_p": 0.8, "top_k": 20},
                 "toolConfig": {"tools": [{"toolSpec": {"name": "zoom", "description": "Zooms in",
                                                        "inputSchema": {"json": {"type": "object"}}}}]}}
                """;
        String response = """
                {"output": {"message": {"role": "assistant", "content": [{"text": "A cat."},
                  {"toolUse": {"toolUseId": "t2", "name": "zoom", "input": {"factor": 4}}}]}},
                 "stopReason": "tool_use", "usage": {"inputTokens": 9, "outputTokens": 3}}
                """;
        Map<String, Object> p = map(settings(Map.of()), "amazon.nova-pro-v1:0", request, response, "A cat.");
        assertEquals(List.of(
                Map.of("role", "system", "content", "Be terse."),
                Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "What is in this picture?"),
                        Map.of("type", "image", "format", "png"))),
                Map.of("role", "assistant", "content", "", "tool_calls", List.of(call("t1", "zoom", "{\"factor\":2}"))),
                Map.of("role", "tool", "tool_call_id", "t1", "content", "{\"ok\":true}", "is_error", true)),
                p.get("$ai_input"));
        assertFalse(AiValues.json(p.get("$ai_input")).contains("iVBORw0KGgo"), "media bytes are never copied");
        assertEquals(List.of(Map.of("role", "assistant", "content", "A cat.",
                "tool_calls", List.of(call("t2", "zoom", "{\"factor\":4}")))), p.get("$ai_output_choices"));
        assertEquals(Map.of("max_tokens", 300L, "temperature", 0.3, "top_p", 0.8, "top_k", 20L), p.get("$ai_model_parameters"));
        assertEquals(List.of(Map.of("name", "zoom", "description", "Zooms in", "input_schema", Map.of("type", "object"))),
                p.get("$ai_tools"));
    }

    @Test
    void openAiStyleBodiesKeepToolCallsAndToolMessages() {
        String request = """
                {"messages": [
                   {"role": "system", "content": "You route questions."},
                   {"role": "user", "content": [{"type": "text", "text": "Find flights"}]},
                   {"role": "assistant", "content": null,
                    "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "search", "arguments": "{\\"to\\":\\"OSL\\"}"}}]},
                   {"role": "tool", "tool_call_id": "c1", "content": "3 flights"}],
                 "max_completion_tokens": 100, "temperature": 1, "top_p": 1, "stop": ["\\n\\n"],
                 "tools": [{"type": "function", "function": {"name": "search", "description": "Flight search",
                            "parameters": {"type": "object"}}}]}
                """;
        String response = """
                {"choices": [{"index": 0, "message": {"role": "assistant", "content": "",
                  "tool_calls": [{"id": "c2", "type": "function", "function": {"name": "book", "arguments": "{}"}}]},
                  "finish_reason": "tool_calls"}], "usage": {"prompt_tokens": 30, "completion_tokens": 5}}
                """;
        Map<String, Object> p = map(settings(Map.of()), "openai.gpt-oss-120b-1:0", request, response, null);
        assertEquals(List.of(
                Map.of("role", "system", "content", "You route questions."),
                Map.of("role", "user", "content", "Find flights"),
                Map.of("role", "assistant", "content", "", "tool_calls", List.of(call("c1", "search", "{\"to\":\"OSL\"}"))),
                Map.of("role", "tool", "tool_call_id", "c1", "content", "3 flights")), p.get("$ai_input"));
        assertEquals(List.of(Map.of("role", "assistant", "content", "", "tool_calls", List.of(call("c2", "book", "{}")))),
                p.get("$ai_output_choices"), "a pure tool call is an output too");
        assertEquals(Map.of("max_tokens", 100L, "temperature", 1L, "top_p", 1L, "stop_sequences", List.of("\n\n")),
                p.get("$ai_model_parameters"));
        assertEquals(List.of(Map.of("name", "search", "description", "Flight search", "input_schema", Map.of("type", "object"))),
                p.get("$ai_tools"));
    }

    @Test
    void cohereCommandRChatHistoryBecomesRoles() {
        String request = """
                {"preamble": "You are Coral.", "message": "And tomorrow?", "p": 0.75, "k": 5, "max_tokens": 50,
                 "chat_history": [{"role": "USER", "message": "Weather today?"}, {"role": "CHATBOT", "message": "Sunny."}]}
                """;
        Map<String, Object> p = map("cohere.command-r-v1:0", request, null);
        assertEquals(List.of(
                Map.of("role", "system", "content", "You are Coral."),
                Map.of("role", "user", "content", "Weather today?"),
                Map.of("role", "assistant", "content", "Sunny."),
                Map.of("role", "user", "content", "And tomorrow?")), p.get("$ai_input"));
        assertEquals(Map.of("max_tokens", 50L, "top_p", 0.75, "top_k", 5L), p.get("$ai_model_parameters"));
    }

    @Test
    void promptStyleFamiliesAreOneUserMessage() {
        assertEquals(List.of(Map.of("role", "user", "content", "<|begin_of_text|>Hi")),
                map("meta.llama3-1-8b-instruct-v1:0", "{\"prompt\":\"<|begin_of_text|>Hi\",\"max_gen_len\":64}", null)
                        .get("$ai_input"));
        assertEquals(List.of(Map.of("role", "user", "content", "[INST] Hi [/INST]")),
                map("mistral.mistral-7b-instruct-v0:2", "{\"prompt\":\"[INST] Hi [/INST]\",\"max_tokens\":64}", null)
                        .get("$ai_input"));
        assertEquals(Map.of("max_tokens", 64L), map("meta.llama3-1-8b-instruct-v1:0",
                "{\"prompt\":\"Hi\",\"max_gen_len\":64}", null).get("$ai_model_parameters"));
        assertEquals(List.of(Map.of("role", "user", "content", "Hi")),
                map("anthropic.claude-v2:1", "{\"prompt\":\"Hi\",\"max_tokens_to_sample\":10}", null).get("$ai_input"));
    }

    @Test
    void unknownFamiliesAndOpaqueModelsGuessNothing() {
        Map<String, Object> p = map("arn:aws:bedrock:us-east-1:123456789012:imported-model/abc123",
                "{\"prompt\":\"Hi\"}", null);
        assertFalse(p.containsKey("$ai_input"));
        assertFalse(p.containsKey("$ai_output_choices"));
        assertEquals("abc123", p.get("$ai_model"));
    }

    @Test
    void theTextBudgetCutsTheOldestHistoryFirst() {
        String request = """
                {"system": "%s", "messages": [{"role": "user", "content": "%s"}, {"role": "assistant", "content": "%s"},
                 {"role": "user", "content": "latest question"}]}
                """.formatted("s".repeat(30), "u".repeat(30), "a".repeat(30));
        Map<String, Object> p = map(settings(Map.of("POSTHOG_BEDROCK_MAX_TEXT_CHARS", "50")),
                "anthropic.claude-3-haiku-20240307-v1:0", request, null, "x".repeat(80));
        assertEquals(List.of(
                Map.of("role", "system", "content", CappedText.TRUNCATION_MARKER),
                Map.of("role", "user", "content", "u".repeat(5) + CappedText.TRUNCATION_MARKER),
                Map.of("role", "assistant", "content", "a".repeat(30)),
                Map.of("role", "user", "content", "latest question")), p.get("$ai_input"));
        assertEquals(List.of(Map.of("role", "assistant", "content", "x".repeat(50) + CappedText.TRUNCATION_MARKER)),
                p.get("$ai_output_choices"));
    }

    @Test
    void timesAreSecondsAndTheResolvedUserIsTheDistinctId() {
        LlmCall.Builder b = new LlmCall.Builder();
        b.operation = Operation.CONVERSE_STREAM;
        b.modelId = "amazon.nova-micro-v1:0";
        b.traceId = "trace-9";
        b.distinctId = "service-account"; // resolved by CallAttribution (attribute > scope > metadata > default)
        b.responseTimeMillis = 1500.25;
        b.timeToFirstTokenMillis = 250.5;
        b.userProperties = Map.of("$ai_latency", "overwritten?", "feature", "search");
        Event e = new AiGenerationMapper(settings(Map.of()), PriceTable.of(Map.of())).map(b.build());
        assertEquals("$ai_generation", e.name());
        assertEquals("service-account", e.distinctId());
        Map<String, Object> p = e.properties();
        assertEquals(1.50025, p.get("$ai_latency"));
        assertEquals(0.2505, p.get("$ai_time_to_first_token"));
        assertEquals("search", p.get("feature"));
        assertEquals(true, p.get("$ai_stream"));
        assertFalse(p.containsKey("$process_person_profile"), "a known user has a profile");
        assertTrue(p.get("$ai_span_id") instanceof String);
    }

    @Test
    void theRedactorVetsEveryTextOfTheInputOutputAndErrorFailingClosed() {
        LlmCall.Builder b = new LlmCall.Builder();
        b.operation = Operation.INVOKE_MODEL;
        b.modelId = "meta.llama3-1-8b-instruct-v1:0";
        b.traceId = "trace-1";
        read(b, "{\"prompt\":\"my secret question\"}", null);
        b.generation = "the secret answer";
        Map<String, Object> rewritten = new AiGenerationMapper(settings(Map.of()), PriceTable.of(Map.of()),
                (property, text) -> text.replace("secret", "[redacted]")).map(b.build()).properties();
        String json = AiValues.json(rewritten);
        assertFalse(json.contains("secret"), json);
        assertTrue(json.contains("my [redacted] question"), json);
        assertTrue(json.contains("the [redacted] answer"), json);
        assertTrue(json.contains("\"role\":\"user\""), "roles are structure, not text: " + json);

        b.error = new IllegalStateException("secret echo");
        Map<String, Object> failed = new AiGenerationMapper(settings(Map.of()), PriceTable.of(Map.of()),
                (property, text) -> {
                    throw new IllegalArgumentException("cannot vet");
                }).map(b.build()).properties();
        String failedJson = AiValues.json(failed);
        assertFalse(failedJson.contains("secret"), failedJson);
        assertEquals("IllegalStateException", failed.get("$ai_error"));
    }

    @Test
    void anOversizedGenerationCutsItsInputOldestTurnFirstInsteadOfDroppingIt() {
        StringBuilder messages = new StringBuilder("{\"anthropic_version\": \"bedrock-2023-05-31\", \"messages\": [");
        for (int i = 0; i < 6; i++) { // 6 × 100,000 CJK characters: 1.8 MB of UTF-8, twice the event budget
            messages.append(i == 0 ? "" : ",").append("{\"role\": \"").append(i % 2 == 0 ? "user" : "assistant")
                    .append("\", \"content\": \"").append(String.valueOf((char) ('\u8a9e' + i)).repeat(100_000))
                    .append("\"}");
        }
        messages.append(",{\"role\": \"user\", \"content\": \"and now?\"}]}");
        Map<String, Object> p = map(settings(Map.of("POSTHOG_BEDROCK_MAX_TEXT_CHARS", "1000000")),
                "anthropic.claude-3-haiku-20240307-v1:0", messages.toString(), null, "fine");
        List<?> input = (List<?>) p.get("$ai_input");
        assertEquals(7, input.size(), "every turn is still there");
        assertEquals(Map.of("role", "user", "content", "and now?"), input.get(6), "the newest turn is intact");
        String oldest = (String) ((Map<?, ?>) input.get(0)).get("content");
        assertTrue(oldest.endsWith(CappedText.TRUNCATION_MARKER) && oldest.length() < 100_000, "the oldest turn is cut");
        assertEquals(true, p.get("$ai_input_truncated"));
        assertFalse(p.containsKey("properties_truncated"), "nothing had to be dropped whole");
        assertTrue(EventBudget.size(p, "ada@example.com") <= EventBudget.MAX_EVENT_BYTES);
    }
}
