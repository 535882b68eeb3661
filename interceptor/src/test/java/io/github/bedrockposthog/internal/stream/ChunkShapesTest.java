package io.github.bedrockposthog.internal.stream;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.bedrockposthog.internal.stream.Frames.chunk;
import static io.github.bedrockposthog.internal.stream.Frames.concat;
import static io.github.bedrockposthog.internal.stream.Frames.tapAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** InvokeModelWithResponseStream chunks of every family, recognised by their shape alone. */
class ChunkShapesTest {

    private static final String METRICS = "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":100,"
            + "\"outputTokenCount\":200,\"invocationLatency\":900,\"firstByteLatency\":300}";

    @Test
    void claudeMessagesStreamGivesTextUsageAndStopReason() {
        StreamResult result = tapAll(concat(
                chunk("{\"type\":\"message_start\",\"message\":{\"stop_reason\":null,\"usage\":{\"input_tokens\":10,"
                        + "\"output_tokens\":1,\"cache_read_input_tokens\":4,\"cache_creation_input_tokens\":6}}}"),
                chunk("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                chunk("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"),
                chunk("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" there\"}}"),
                chunk("{\"type\":\"content_block_stop\",\"index\":0}"),
                chunk("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":7}}"),
                chunk("{\"type\":\"message_stop\"}")));

        assertEquals("Hi there", result.output().text());
        assertEquals(10L, result.output().inputTokens());
        assertEquals(7L, result.output().outputTokens());
        assertEquals(4L, result.output().cacheReadInputTokens());
        assertEquals(6L, result.output().cacheWriteInputTokens());
        assertEquals("max_tokens", result.output().stopReason());
    }

    @Test
    void claudeThinkingAndToolInputAreNotTextButToolNamesAreKept() {
        StreamResult result = tapAll(concat(
                chunk("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}"),
                chunk("{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking.\"}}"),
                chunk("{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t1\","
                        + "\"name\":\"get_weather\",\"input\":{}}}"),
                chunk("{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"{\\\"city\\\":\"}}"),
                chunk("{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"\\\"Paris\\\"}\"}}"),
                chunk("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":20}}")));

        assertEquals("Checking.", result.output().text());
        assertEquals(List.of("get_weather"), result.toolNames());
        assertEquals(List.of(Map.of("type", "function", "id", "t1",
                "function", Map.of("name", "get_weather", "arguments", "{\"city\":\"Paris\"}"))), result.toolCalls(),
                "a streamed tool call keeps its id and its arguments, joined from the fragments");
        assertEquals("tool_use", result.output().stopReason());
    }

    @Test
    void chatCompletionsToolCallDeltasKeepIdNameAndArguments() {
        StreamResult result = tapAll(concat(
                chunk("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,"
                        + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"\"}}]}}]}"),
                chunk("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                        + "\"function\":{\"arguments\":\"{\\\"q\\\":\"}}]}}]}"),
                chunk("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                        + "\"function\":{\"arguments\":\"\\\"rivers\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}")));
        assertEquals(List.of(Map.of("type", "function", "id", "call_1",
                "function", Map.of("name", "lookup", "arguments", "{\"q\":\"rivers\"}"))), result.toolCalls());
        assertEquals("tool_calls", result.output().stopReason());
    }

    @Test
    void invocationMetricsWinOverTheBodysOwnUsage() {
        StreamResult result = tapAll(concat(
                chunk("{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":1,\"output_tokens\":1,"
                        + "\"cache_read_input_tokens\":4}}}"),
                chunk("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}"),
                chunk("{\"type\":\"message_stop\"," + METRICS + "}")));

        assertEquals(100L, result.output().inputTokens());
        assertEquals(200L, result.output().outputTokens());
        assertEquals(4L, result.output().cacheReadInputTokens(), "the body fills what the metrics leave out");
        assertEquals(900L, result.invocationLatencyMs());
        assertEquals(300L, result.firstByteLatencyMs());
    }

    @Test
    void cacheCountsInTheInvocationMetricsAreRead() {
        StreamResult result = tapAll(chunk("{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":"
                + "{\"inputTokenCount\":5,\"outputTokenCount\":6,\"cacheReadInputTokenCount\":70,\"cacheWriteInputTokenCount\":80}}"));

        assertEquals(70L, result.output().cacheReadInputTokens());
        assertEquals(80L, result.output().cacheWriteInputTokens());
    }

    @Test
    void claudeLegacyCompletionStream() {
        StreamResult result = tapAll(concat(
                chunk("{\"completion\":\" Hello\",\"stop_reason\":null,\"stop\":null}"),
                chunk("{\"completion\":\" again\",\"stop_reason\":\"stop_sequence\",\"stop\":\"\\n\\nHuman:\"," + METRICS + "}")));

        assertEquals(" Hello again", result.output().text());
        assertEquals("stop_sequence", result.output().stopReason());
        assertEquals(100L, result.output().inputTokens());
    }

    @Test
    void novaChunksWrapConverseEvents() {
        StreamResult result = tapAll(concat(
                chunk("{\"messageStart\":{\"role\":\"assistant\"}}"),
                chunk("{\"contentBlockDelta\":{\"delta\":{\"text\":\"Bonjour\"},\"contentBlockIndex\":0},"
                        + "\"amazon-bedrock-guardrailAction\":\"NONE\"}"),
                chunk("{\"contentBlockStop\":{\"contentBlockIndex\":0}}"),
                chunk("{\"contentBlockStart\":{\"start\":{\"toolUse\":{\"name\":\"lookup\",\"toolUseId\":\"x\"}},\"contentBlockIndex\":1}}"),
                chunk("{\"contentBlockDelta\":{\"delta\":{\"toolUse\":{\"input\":\"{}\"}},\"contentBlockIndex\":1}}"),
                chunk("{\"messageStop\":{\"stopReason\":\"tool_use\"}}"),
                chunk("{\"metadata\":{\"usage\":{\"inputTokens\":11,\"outputTokens\":22,\"cacheReadInputTokenCount\":3,"
                        + "\"cacheWriteInputTokenCount\":4},\"metrics\":{},\"trace\":{}}}")));

        assertEquals("Bonjour", result.output().text());
        assertEquals(List.of("lookup"), result.toolNames());
        assertEquals("tool_use", result.output().stopReason());
        assertEquals(11L, result.output().inputTokens());
        assertEquals(22L, result.output().outputTokens());
        assertEquals(3L, result.output().cacheReadInputTokens());
        assertEquals(4L, result.output().cacheWriteInputTokens());
        assertEquals("NONE", result.guardrailAction());
    }

    @Test
    void titanChunksCarryTextReasonAndCounts() {
        StreamResult result = tapAll(concat(
                chunk("{\"outputText\":\"Once\",\"index\":0,\"inputTextTokenCount\":28.0,"
                        + "\"amazon-bedrock-guardrailAction\":\"INTERVENED\"}"),
                chunk("{\"outputText\":\" upon\",\"index\":0,\"totalOutputTextTokenCount\":5.0,\"completionReason\":\"FINISH\","
                        + "\"amazon-bedrock-guardrailAction\":\"NONE\"}")));

        assertEquals("Once upon", result.output().text());
        assertEquals(28L, result.output().inputTokens());
        assertEquals(5L, result.output().outputTokens());
        assertEquals("FINISH", result.output().stopReason());
        assertEquals("INTERVENED", result.guardrailAction(), "an intervention is not undone by a later NONE");
    }

    @Test
    void llamaChunksCarryCumulativeCounts() {
        StreamResult result = tapAll(concat(
                chunk("{\"generation\":\"Why\",\"prompt_token_count\":9,\"generation_token_count\":1,\"stop_reason\":null}"),
                chunk("{\"generation\":\" not\",\"prompt_token_count\":null,\"generation_token_count\":2,\"stop_reason\":null}"),
                chunk("{\"generation\":\"\",\"prompt_token_count\":null,\"generation_token_count\":3,\"stop_reason\":\"stop\"}")));

        assertEquals("Why not", result.output().text());
        assertEquals(9L, result.output().inputTokens());
        assertEquals(3L, result.output().outputTokens());
        assertEquals("stop", result.output().stopReason());
    }

    @Test
    void mistralTextOutputs() {
        StreamResult result = tapAll(concat(
                chunk("{\"outputs\":[{\"text\":\"Ciao\",\"stop_reason\":null}]}"),
                chunk("{\"outputs\":[{\"text\":\"!\",\"stop_reason\":\"stop\"}]," + METRICS + "}")));

        assertEquals("Ciao!", result.output().text());
        assertEquals("stop", result.output().stopReason());
        assertEquals(200L, result.output().outputTokens());
    }

    @Test
    void mistralChatChoicesWithDeltaOrMessage() {
        StreamResult result = tapAll(concat(
                chunk("{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
                        + "{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}"),
                chunk("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"lo\"},\"stop_reason\":\"stop\"}]}")));

        assertEquals("Hello", result.output().text());
        assertEquals("stop", result.output().stopReason());
    }

    @Test
    void openAiStyleChoicesKeepOnlyTheFirstChoiceAndReadToolCallsAndUsage() {
        StreamResult result = tapAll(concat(
                chunk("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}},{\"index\":1,\"delta\":{\"content\":\"Z\"}}]}"),
                chunk("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"search\",\"arguments\":\"\"}}]}}]}"),
                chunk("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"},\"finish_reason\":\"length\"}],"
                        + "\"usage\":{\"prompt_tokens\":13,\"completion_tokens\":2,\"total_tokens\":15}}")));

        assertEquals("AB", result.output().text());
        assertEquals(List.of("search"), result.toolNames());
        assertEquals("length", result.output().stopReason());
        assertEquals(13L, result.output().inputTokens());
        assertEquals(2L, result.output().outputTokens());
    }

    @Test
    void deepSeekChoicesCarryText() {
        StreamResult result = tapAll(concat(
                chunk("{\"choices\":[{\"text\":\"<think>\",\"stop_reason\":null}]}"),
                chunk("{\"choices\":[{\"text\":\"42\",\"stop_reason\":\"stop\"}]}")));

        assertEquals("<think>42", result.output().text());
        assertEquals("stop", result.output().stopReason());
    }

    @Test
    void cohereCommandRDoesNotCountTheStreamEndResponseTwice() {
        StreamResult result = tapAll(concat(
                chunk("{\"is_finished\":false,\"event_type\":\"stream-start\",\"generation_id\":\"g\"}"),
                chunk("{\"is_finished\":false,\"event_type\":\"text-generation\",\"text\":\"Hola\"}"),
                chunk("{\"is_finished\":false,\"event_type\":\"text-generation\",\"text\":\" amigo\"}"),
                chunk("{\"is_finished\":true,\"event_type\":\"stream-end\",\"finish_reason\":\"COMPLETE\","
                        + "\"response\":{\"text\":\"Hola amigo\",\"meta\":{\"billed_units\":{\"input_tokens\":4,\"output_tokens\":2}}},"
                        + METRICS + "}")));

        assertEquals("Hola amigo", result.output().text());
        assertEquals("COMPLETE", result.output().stopReason());
        assertEquals(100L, result.output().inputTokens());
        assertEquals(200L, result.output().outputTokens());
    }

    @Test
    void cohereCommandRBilledUnitsAreUsedWithoutMetrics() {
        StreamResult result = tapAll(concat(
                chunk("{\"event_type\":\"tool-calls-generation\",\"tool_calls\":[{\"name\":\"calc\",\"parameters\":{}}]}"),
                chunk("{\"event_type\":\"stream-end\",\"finish_reason\":\"COMPLETE\","
                        + "\"response\":{\"text\":\"x\",\"meta\":{\"billed_units\":{\"input_tokens\":4,\"output_tokens\":2}}}}")));

        assertNull(result.output().text());
        assertEquals(List.of("calc"), result.toolNames());
        assertEquals(4L, result.output().inputTokens());
        assertEquals(2L, result.output().outputTokens());
    }

    @Test
    void cohereLegacyGenerateStream() {
        StreamResult result = tapAll(concat(
                chunk("{\"text\":\" Good\",\"is_finished\":false}"),
                chunk("{\"text\":\" day\",\"is_finished\":false}"),
                chunk("{\"is_finished\":true,\"finish_reason\":\"COMPLETE\",\"response\":{\"generations\":"
                        + "[{\"text\":\" Good day\"}]}}")));

        assertEquals(" Good day", result.output().text());
        assertEquals("COMPLETE", result.output().stopReason());
    }

    @Test
    void cohereLegacyGenerations() {
        StreamResult result = tapAll(chunk("{\"generations\":[{\"text\":\"Whole\",\"finish_reason\":\"MAX_TOKENS\"}]}"));

        assertEquals("Whole", result.output().text());
        assertEquals("MAX_TOKENS", result.output().stopReason());
    }

    @Test
    void ai21JurassicCompletions() {
        StreamResult result = tapAll(chunk("{\"id\":1,\"completions\":[{\"data\":{\"text\":\"J2 says\"},"
                + "\"finishReason\":{\"reason\":\"endoftext\"}}]}"));

        assertEquals("J2 says", result.output().text());
        assertEquals("endoftext", result.output().stopReason());
    }

    @Test
    void anUnknownShapeStillYieldsBedrocksMetrics() {
        StreamResult result = tapAll(chunk("{\"something_new\":{\"x\":1}," + METRICS
                + ",\"amazon-bedrock-guardrailAction\":\"NONE\"}"));

        assertNull(result.output().text());
        assertNull(result.output().stopReason());
        assertEquals(100L, result.output().inputTokens());
        assertEquals(200L, result.output().outputTokens());
        assertEquals("NONE", result.guardrailAction());
    }

    @Test
    void claudeErrorChunkIsRecordedAsAnException() {
        StreamResult result = tapAll(chunk("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));

        assertEquals("overloaded_error", result.exceptionType());
        assertEquals("Overloaded", result.exceptionMessage());
    }
}
