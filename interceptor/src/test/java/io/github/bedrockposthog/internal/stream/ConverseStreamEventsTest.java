package io.github.bedrockposthog.internal.stream;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.bedrockposthog.internal.stream.Frames.concat;
import static io.github.bedrockposthog.internal.stream.Frames.event;
import static io.github.bedrockposthog.internal.stream.Frames.exception;
import static io.github.bedrockposthog.internal.stream.Frames.tapAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ConverseStream frames: the event name is a header and the payload is the event itself. */
class ConverseStreamEventsTest {

    @Test
    void textUsageStopReasonAndLatencyAreRead() {
        StreamResult result = tapAll(concat(
                event("messageStart", "{\"role\":\"assistant\"}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Good\"}}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" morning\"}}"),
                event("contentBlockStop", "{\"contentBlockIndex\":0}"),
                event("messageStop", "{\"stopReason\":\"end_turn\"}"),
                event("metadata", "{\"usage\":{\"inputTokens\":8,\"outputTokens\":2,\"totalTokens\":10,"
                        + "\"cacheReadInputTokens\":5,\"cacheWriteInputTokens\":1},\"metrics\":{\"latencyMs\":321}}")));

        assertEquals("Good morning", result.output().text());
        assertEquals(8L, result.output().inputTokens());
        assertEquals(2L, result.output().outputTokens());
        assertEquals(5L, result.output().cacheReadInputTokens());
        assertEquals(1L, result.output().cacheWriteInputTokens());
        assertEquals("end_turn", result.output().stopReason());
        assertEquals(321L, result.invocationLatencyMs());
        assertNull(result.firstByteLatencyMs());
        assertEquals(6, result.frameCount());
    }

    @Test
    void toolUseInputIsNotTextButTheToolNameIsKept() {
        StreamResult result = tapAll(concat(
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Let me look.\"}}"),
                event("contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"name\":\"get_weather\","
                        + "\"toolUseId\":\"t1\"}}}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"city\\\"\"}}}"),
                event("contentBlockStart", "{\"contentBlockIndex\":2,\"start\":{\"toolUse\":{\"name\":\"get_time\","
                        + "\"toolUseId\":\"t2\"}}}"),
                event("messageStop", "{\"stopReason\":\"tool_use\"}")));

        assertEquals("Let me look.", result.output().text());
        assertEquals(List.of("get_weather", "get_time"), result.toolNames());
        assertEquals("tool_use", result.output().stopReason());
    }

    @Test
    void reasoningContentIsNotPartOfTheGeneration() {
        StreamResult result = tapAll(concat(
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"Thinking...\"}}}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"sig\"}}}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"text\":\"Answer\"}}")));

        assertEquals("Answer", result.output().text());
    }

    @Test
    void aGuardrailInterventionIsReportedFromTheStopReason() {
        StreamResult result = tapAll(concat(
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"{ADDRESS}\"}}"),
                event("messageStop", "{\"stopReason\":\"guardrail_intervened\"}")));

        assertEquals("INTERVENED", result.guardrailAction());
    }

    @Test
    void withoutAGuardrailThereIsNoAction() {
        StreamResult result = tapAll(event("messageStop", "{\"stopReason\":\"end_turn\"}"));

        assertNull(result.guardrailAction());
        assertTrue(result.toolNames().isEmpty());
    }

    @Test
    void aThrottlingExceptionMidStreamKeepsTheTextSoFar() {
        StreamResult result = tapAll(concat(
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Half an\"}}"),
                exception("throttlingException", "Too many requests")));

        assertEquals("Half an", result.output().text());
        assertEquals("throttlingException", result.exceptionType());
        assertEquals("Too many requests", result.exceptionMessage());
        assertNull(result.output().stopReason());
    }
}
