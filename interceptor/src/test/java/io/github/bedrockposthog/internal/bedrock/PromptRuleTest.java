package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.bedrockposthog.internal.bedrock.TestBodies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One prompt rule for every family's messages (Converse's is tested end to end in {@code ConverseFidelityIT}): the
 * last user turn's text, or, on a tool-loop step, the text of the tool results the model was given to answer.
 * And chat-completions reasoning ({@code reasoning_content}) kept apart from the answer, sync and streamed.
 */
class PromptRuleTest {

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
            // Anthropic messages
            "anthropic | {'messages': [{'role': 'user', 'content': 'Weather in Paris?'}]} | Weather in Paris?",
            "anthropic | {'messages': [{'role': 'user', 'content': 'Weather in Paris?'}, {'role': 'assistant', 'content': [{'type': 'tool_use', 'id': 't1', 'name': 'weather', 'input': {}}]}, {'role': 'user', 'content': [{'type': 'tool_result', 'tool_use_id': 't1', 'content': '18 C and sunny'}]}]} | 18 C and sunny",
            "anthropic | {'messages': [{'role': 'user', 'content': [{'type': 'tool_result', 'tool_use_id': 't1', 'content': [{'type': 'text', 'text': 'a'}]}, {'type': 'tool_result', 'tool_use_id': 't2', 'content': [{'type': 'text', 'text': 'b'}]}]}]} | a\\nb",
            "anthropic | {'messages': [{'role': 'user', 'content': [{'type': 'tool_result', 'tool_use_id': 't1', 'content': 'x'}, {'type': 'text', 'text': 'And now?'}]}]} | And now?",
            "anthropic | {'messages': [{'role': 'user', 'content': 'First'}, {'role': 'user', 'content': []}]} | First",
            // Nova messages
            "nova | {'messages': [{'role': 'user', 'content': [{'text': 'Hi'}]}]} | Hi",
            "nova | {'messages': [{'role': 'user', 'content': [{'text': 'Hi'}]}, {'role': 'user', 'content': [{'toolResult': {'toolUseId': 't1', 'content': [{'text': '42'}]}}]}]} | 42",
            // chat completions: tool results are messages of their own
            "chat | {'messages': [{'role': 'user', 'content': 'Sum 40 and 2'}]} | Sum 40 and 2",
            "chat | {'messages': [{'role': 'user', 'content': 'Sum 40 and 2'}, {'role': 'assistant', 'tool_calls': [{'id': 'c1', 'type': 'function', 'function': {'name': 'sum', 'arguments': '{}'}}]}, {'role': 'tool', 'tool_call_id': 'c1', 'content': '42'}]} | 42",
            "chat | {'messages': [{'role': 'user', 'content': 'Two tools'}, {'role': 'assistant', 'tool_calls': []}, {'role': 'tool', 'tool_call_id': 'c1', 'content': 'one'}, {'role': 'tool', 'tool_call_id': 'c2', 'content': 'two'}]} | one\\ntwo",
            "chat | {'messages': [{'role': 'user', 'content': 'Sum'}, {'role': 'tool', 'content': '42'}, {'role': 'assistant', 'content': 'It is 42'}, {'role': 'user', 'content': 'Thanks'}]} | Thanks",
    })
    void thePromptIsTheLastUserTurnOrTheToolResultsItCarries(String family, String request, String expected) {
        Dialect dialect = "anthropic".equals(family) ? AnthropicMessagesDialect.INSTANCE
                : "nova".equals(family) ? NovaDialect.INSTANCE : ChatCompletionsDialect.INSTANCE;
        LlmCall.Builder b = new LlmCall.Builder();
        dialect.readRequest(json(request), b);
        assertEquals(expected.replace("\\n", "\n"), b.prompt);
    }

    @Test
    void chatCompletionsReasoningIsKeptApartFromTheAnswer() {
        LlmCall.Builder b = new LlmCall.Builder();
        ChatCompletionsDialect.INSTANCE.readResponse(json("{'choices': [{'message': {'role': 'assistant', "
                + "'reasoning_content': 'Add the numbers.', 'content': '42'}, 'finish_reason': 'stop'}]}"), b);
        assertEquals("42", b.generation);
        assertEquals("Add the numbers.", b.reasoning);

        LlmCall.Builder plain = new LlmCall.Builder();
        ChatCompletionsDialect.INSTANCE.readResponse(json("{'choices': [{'message': {'content': '42'}}]}"), plain);
        assertNull(plain.reasoning);
    }

    @Test
    void streamedChatCompletionsReasoningReachesTheSinkAsReasoning() {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ChunkSink sink = new ChunkSink() {
            @Override public void text(String fragment) { if (fragment != null) { text.append(fragment); } }
            @Override public void reasoning(String fragment) { if (fragment != null) { reasoning.append(fragment); } }
            @Override public void toolCall(String id, String name) { }
            @Override public void toolArguments(String fragment) { }
            @Override public void usage(Long i, Long o, Long cr, Long cw, boolean service) { }
            @Override public void stopReason(String reason) { }
            @Override public void guardrailAction(String action) { }
            @Override public void latencies(Long invocationMs, Long firstByteMs) { }
            @Override public void exception(String type, String message) { }
            @Override public void finalEvent() { }
        };
        for (String chunk : new String[] {
                "{'choices': [{'index': 0, 'delta': {'reasoning_content': 'Add '}}]}",
                "{'choices': [{'index': 0, 'delta': {'reasoning_content': 'them.'}}]}",
                "{'choices': [{'index': 0, 'delta': {'content': '42'}, 'finish_reason': 'stop'}]}"}) {
            ChatCompletionsDialect.INSTANCE.readChunk(Json.object(json(chunk)), sink);
        }
        assertEquals("42", text.toString());
        assertEquals("Add them.", reasoning.toString());
    }
}
