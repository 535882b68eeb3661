package io.github.bedrockposthog.internal.stream;

import io.github.bedrockposthog.internal.bedrock.Dialect;
import io.github.bedrockposthog.internal.bedrock.Dialects;
import io.github.bedrockposthog.internal.bedrock.ModelId;
import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.testkit.EventStreamFrames;
import io.github.bedrockposthog.testkit.RecordedExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cut-off streams (#13): a stream is whole only when its family's final event arrived (the chunk with
 * {@code amazon-bedrock-invocationMetrics}, Titan's completion chunk, ConverseStream's {@code metadata}), no frame
 * is left half-read and the bytes stayed a valid event stream. Every recorded Bedrock stream is whole, read with
 * its family's dialect and with none (opaque ids); each one cut, truncated or corrupted is not.
 */
class StreamCompletenessTest {

    /** Every recorded 200 stream, with its family's dialect and without one. */
    static Stream<Arguments> recordedStreams() {
        List<Arguments> cases = new ArrayList<>();
        for (RecordedExchange fixture : RecordedExchange.loadAll()) {
            if (fixture.isStream() && fixture.status() == 200) {
                cases.add(Arguments.of(fixture.name(), true));
                cases.add(Arguments.of(fixture.name(), false));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} (family dialect: {1})")
    @MethodSource("recordedStreams")
    void everyRecordedStreamIsWhole(String name, boolean familyDialect) {
        RecordedExchange fixture = RecordedExchange.named(name);
        StreamResult whole = feed(fixture, familyDialect, fixture.responseBody());
        assertFalse(whole.incomplete(), () -> name + ": " + whole.incompleteReason());
        assertNull(whole.incompleteReason());
    }

    @ParameterizedTest(name = "{0} (family dialect: {1})")
    @MethodSource("recordedStreams")
    void everyRecordedStreamWithoutItsLastFrameIsIncomplete(String name, boolean familyDialect) {
        RecordedExchange fixture = RecordedExchange.named(name);
        List<byte[]> frames = EventStreamFrames.split(fixture.responseBody());
        StreamResult cut = feed(fixture, familyDialect, join(frames.subList(0, frames.size() - 1)));
        assertTrue(cut.incomplete());
        assertEquals("The stream ended before its final event", cut.incompleteReason());
    }

    @ParameterizedTest(name = "{0} (family dialect: {1})")
    @MethodSource("recordedStreams")
    void everyRecordedStreamEndingInsideItsLastFrameIsIncomplete(String name, boolean familyDialect) {
        RecordedExchange fixture = RecordedExchange.named(name);
        byte[] body = fixture.responseBody();
        for (int missing : new int[] {1, 7, 20}) {
            StreamResult partial = feed(fixture, familyDialect, Arrays.copyOf(body, body.length - missing));
            assertTrue(partial.incomplete(), "missing " + missing + " bytes");
            assertEquals("The stream ended inside an event-stream frame", partial.incompleteReason());
        }
    }

    @ParameterizedTest(name = "{0} (family dialect: {1})")
    @MethodSource("recordedStreams")
    void everyRecordedStreamWithACorruptedFrameIsIncomplete(String name, boolean familyDialect) {
        RecordedExchange fixture = RecordedExchange.named(name);
        byte[] body = fixture.responseBody().clone();
        body[body.length - 6] ^= 0x5a; // the last frame's payload no longer matches its CRC
        StreamResult corrupted = feed(fixture, familyDialect, body);
        assertTrue(corrupted.corrupt());
        assertTrue(corrupted.incomplete());
        assertEquals("The event stream could not be decoded (bad checksum or framing)", corrupted.incompleteReason());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // Titan ends with its completion chunk even without metrics (an input-blocking guardrail answers so).
        "{\"outputText\":\"Input blocked\",\"index\":0,\"totalOutputTextTokenCount\":3,\"inputTextTokenCount\":6}",
        "{\"outputText\":\"done\",\"index\":0,\"completionReason\":\"FINISH\"}",
    })
    void titansCompletionChunkEndsItsStream(String lastChunk) {
        byte[] body = join(List.of(EventStreamFrames.chunk("{\"outputText\":\"Hello\",\"index\":0,\"completionReason\":null}"),
                EventStreamFrames.chunk(lastChunk)));
        assertFalse(feedModel("amazon.titan-text-express-v1", body).incomplete());
        assertFalse(feedModel(null, body).incomplete(), "read by shape, Titan's rule holds too");
        byte[] first = EventStreamFrames.chunk("{\"outputText\":\"Hello\",\"index\":0,\"completionReason\":null}");
        assertTrue(feedModel("amazon.titan-text-express-v1", first).incomplete(), "a null completionReason ends nothing");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"meta.llama3-1-8b-instruct-v1:0", "unknown-provider.model-v1"})
    void aLlamaStreamEndsWithItsMetricsChunkNotWithItsStopReason(String modelId) {
        byte[] text = EventStreamFrames.chunk("{\"generation\":\"Hi\",\"prompt_token_count\":5,\"generation_token_count\":1,"
                + "\"stop_reason\":null}");
        byte[] stop = EventStreamFrames.chunk("{\"generation\":\"\",\"generation_token_count\":2,\"stop_reason\":\"stop\"}");
        byte[] metrics = EventStreamFrames.chunk("{\"generation\":\"\",\"stop_reason\":\"stop\","
                + "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":5,\"outputTokenCount\":2}}");
        StreamResult cut = feedModel(modelId, join(List.of(text, stop)));
        assertTrue(cut.incomplete());
        assertEquals(5L, cut.output().inputTokens(), "the tokens seen so far stay");
        assertEquals(2L, cut.output().outputTokens());
        assertFalse(feedModel(modelId, join(List.of(text, stop, metrics))).incomplete());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"messageStop", "contentBlockDelta"})
    void aConverseStreamEndsOnlyWithItsMetadata(String lastEvent) {
        byte[] start = EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}");
        byte[] last = EventStreamFrames.event(lastEvent, "messageStop".equals(lastEvent)
                ? "{\"stopReason\":\"end_turn\"}" : "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}");
        byte[] metadata = EventStreamFrames.event("metadata", "{\"usage\":{\"inputTokens\":3,\"outputTokens\":1}}");
        assertTrue(feedModel(null, join(List.of(start, last))).incomplete());
        assertFalse(feedModel(null, join(List.of(start, last, metadata))).incomplete());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"modelStreamErrorException", "throttlingException"})
    void anExceptionFrameIsAnEndOfItsOwn(String exception) {
        byte[] body = join(List.of(EventStreamFrames.chunk("{\"generation\":\"Once\"}"),
                EventStreamFrames.exception(exception, "stopped")));
        StreamResult result = feedModel("meta.llama3-1-8b-instruct-v1:0", body);
        assertEquals(exception, result.exceptionType());
        assertFalse(result.incomplete(), "Bedrock said why the stream stopped");
    }

    @Test
    void aFinalFrameSkippedForWantOfScratchMemoryIsNotCalledACutOff() {
        int mb = 1024 * 1024;
        byte[] bigLast = EventStreamFrames.chunk("{\"generation\":\"" + "x".repeat(3 * mb / 2) + "\",\"stop_reason\":\"stop\","
                + "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":7,\"outputTokenCount\":9}}");
        EventStreamTap tap = new EventStreamTap(10 * mb, null, null, new ScratchBudget(mb));
        tap.accept(ByteBuffer.wrap(join(List.of(EventStreamFrames.chunk("{\"generation\":\"Hello\"}"), bigLast))));
        tap.end();
        StreamResult result = tap.result();
        assertTrue(result.textTruncated(), "the big frame went by unread");
        assertFalse(result.incomplete(), "unread is unknown, not cut off");
    }

    private static StreamResult feed(RecordedExchange fixture, boolean familyDialect, byte[] body) {
        Dialect dialect = null;
        if (familyDialect && fixture.operation().equals("InvokeModelWithResponseStream")) {
            Object request = fixture.requestBody() == null ? null
                    : Json.parse(fixture.requestBody().getBytes(StandardCharsets.UTF_8));
            dialect = Dialects.of(ModelId.parse(fixture.modelId()), request, null);
        }
        return feed(dialect, body);
    }

    private static StreamResult feedModel(String modelId, byte[] body) {
        return feed(modelId == null ? null : Dialects.of(ModelId.parse(modelId), null, null), body);
    }

    private static StreamResult feed(Dialect dialect, byte[] body) {
        EventStreamTap tap = new EventStreamTap(100_000, dialect, null);
        tap.accept(ByteBuffer.wrap(body));
        tap.end(); // as the publisher does when the response ends
        return tap.result();
    }

    private static byte[] join(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
