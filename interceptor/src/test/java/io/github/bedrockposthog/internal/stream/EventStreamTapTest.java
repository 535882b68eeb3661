package io.github.bedrockposthog.internal.stream;

import io.github.bedrockposthog.internal.text.CappedText;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.bedrockposthog.internal.stream.Frames.chunk;
import static io.github.bedrockposthog.internal.stream.Frames.concat;
import static io.github.bedrockposthog.internal.stream.Frames.event;
import static io.github.bedrockposthog.internal.stream.Frames.exception;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventStreamTapTest {

    private static final byte[] CLAUDE_STREAM = concat(
            chunk("{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}"),
            chunk("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}"),
            chunk("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\", world\"}}"),
            chunk("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":3}}"),
            chunk("{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":"
                    + "{\"inputTokenCount\":12,\"outputTokenCount\":3,\"invocationLatency\":500,\"firstByteLatency\":200}}"));

    @Test
    void aWholeStreamInOneBufferIsDecoded() {
        StreamResult result = Frames.tapAll(CLAUDE_STREAM);

        assertEquals("Hello, world", result.output().text());
        assertEquals(12L, result.output().inputTokens());
        assertEquals(3L, result.output().outputTokens());
        assertEquals("end_turn", result.output().stopReason());
        assertEquals(5, result.frameCount());
        assertEquals(500L, result.invocationLatencyMs());
        assertEquals(200L, result.firstByteLatencyMs());
        assertTrue(result.sawText());
        assertFalse(result.corrupt());
        assertNull(result.exceptionType());
    }

    @Test
    void framesSplitIntoSingleBytesGiveTheSameResult() {
        EventStreamTap tap = new EventStreamTap(100_000, null);
        for (byte b : CLAUDE_STREAM) {
            tap.accept(ByteBuffer.wrap(new byte[] {b}));
        }

        assertSameResult(Frames.tapAll(CLAUDE_STREAM), tap.result());
    }

    @Test
    void framesSplitAtRandomPointsGiveTheSameResult() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            EventStreamTap tap = new EventStreamTap(100_000, null);
            int offset = 0;
            while (offset < CLAUDE_STREAM.length) {
                int length = Math.min(1 + random.nextInt(300), CLAUDE_STREAM.length - offset);
                tap.accept(ByteBuffer.wrap(CLAUDE_STREAM, offset, length));
                offset += length;
            }
            assertSameResult(Frames.tapAll(CLAUDE_STREAM), tap.result());
        }
    }

    @Test
    void directBuffersAreReadToo() {
        ByteBuffer direct = ByteBuffer.allocateDirect(CLAUDE_STREAM.length);
        direct.put(CLAUDE_STREAM).flip();
        EventStreamTap tap = new EventStreamTap(100_000, null);
        tap.accept(direct);

        assertEquals("Hello, world", tap.result().output().text());
        assertEquals(CLAUDE_STREAM.length, direct.remaining());
    }

    @Test
    void theCallersBufferKeepsItsPositionLimitAndContent() {
        byte[] backing = concat(new byte[] {9, 9, 9}, CLAUDE_STREAM, new byte[] {7});
        byte[] copy = backing.clone();
        ByteBuffer buffer = ByteBuffer.wrap(backing, 3, CLAUDE_STREAM.length);
        buffer.mark();
        EventStreamTap tap = new EventStreamTap(100_000, null);

        tap.accept(buffer);

        assertEquals(3, buffer.position());
        assertEquals(3 + CLAUDE_STREAM.length, buffer.limit());
        assertFalse(buffer.isReadOnly());
        buffer.reset(); // the mark survives too
        assertEquals(3, buffer.position());
        assertArrayEquals(copy, backing);
        assertEquals("Hello, world", tap.result().output().text());
    }

    @Test
    void aMidStreamExceptionIsRecordedAndThePartialTextKept() {
        byte[] body = concat(
                chunk("{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Partial\"}}"),
                exception("modelStreamErrorException", "The model stopped"));

        StreamResult result = Frames.tapAll(body);

        assertEquals("modelStreamErrorException", result.exceptionType());
        assertEquals("The model stopped", result.exceptionMessage());
        assertEquals("Partial", result.output().text());
        assertEquals(2, result.frameCount());
    }

    @Test
    void anErrorFrameTakesCodeAndMessageFromItsHeaders() {
        byte[] body = concat(
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}"),
                Frames.error("InternalFailure", "Something broke"));

        StreamResult result = Frames.tapAll(body);

        assertEquals("InternalFailure", result.exceptionType());
        assertEquals("Something broke", result.exceptionMessage());
        assertEquals("Hi", result.output().text());
    }

    @Test
    void textBeyondTheCapIsCutAndMarked() {
        EventStreamTap tap = new EventStreamTap(7, null);
        tap.accept(ByteBuffer.wrap(CLAUDE_STREAM));

        StreamResult result = tap.result();
        assertEquals("Hello, " + CappedText.TRUNCATION_MARKER, result.output().text());
        assertTrue(result.textTruncated());
        assertEquals(3L, result.output().outputTokens());
    }

    @Test
    void theFirstTextCallbackRunsOnceBeforeAnyLaterTextIsDecoded() {
        List<String> textWhenCalled = new ArrayList<>();
        AtomicReference<EventStreamTap> self = new AtomicReference<>();
        EventStreamTap tap = new EventStreamTap(100_000, () -> textWhenCalled.add(self.get().result().output().text()));
        self.set(tap);
        byte[] body = concat(
                chunk("{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"\"}}"),
                chunk("{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"One\"}}"),
                chunk("{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\" two\"}}"));

        tap.accept(ByteBuffer.wrap(body));
        tap.accept(ByteBuffer.wrap(body));

        assertEquals(List.of("One"), textWhenCalled);
    }

    @Test
    void aThrowingFirstTextCallbackDoesNotStopTheDecoding() {
        EventStreamTap tap = new EventStreamTap(100_000, () -> {
            throw new IllegalStateException("callback bug");
        });
        tap.accept(ByteBuffer.wrap(CLAUDE_STREAM));

        assertEquals("Hello, world", tap.result().output().text());
        assertEquals(5, tap.result().frameCount());
    }

    @Test
    void emptyDeltasAreNotText() {
        StreamResult result = Frames.tapAll(
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"\"}}"));

        assertFalse(result.sawText());
        assertNull(result.output().text());
        assertEquals(1, result.frameCount());
    }

    @Test
    void garbageMarksTheStreamCorruptWithoutThrowing() {
        EventStreamTap tap = new EventStreamTap(100_000, null);
        byte[] garbage = "{\"not\":\"an event stream\"} and more bytes".getBytes();

        tap.accept(ByteBuffer.wrap(garbage));
        tap.accept(ByteBuffer.wrap(CLAUDE_STREAM));
        tap.accept(ByteBuffer.wrap(garbage));
        tap.accept(null);

        assertTrue(tap.corrupt());
        assertTrue(tap.result().corrupt());
        assertEquals(0, tap.result().frameCount());
        assertNull(tap.result().output().text());
    }

    @Test
    void corruptionAfterGoodFramesKeepsWhatWasDecoded() {
        byte[] good = chunk("{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Kept\"}}");
        byte[] broken = chunk("{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Lost\"}}");
        broken[broken.length - 1] ^= 0x55; // message checksum no longer matches

        StreamResult result = Frames.tapAll(concat(good, broken, good));

        assertTrue(result.corrupt());
        assertEquals("Kept", result.output().text());
        assertEquals(1, result.frameCount());
    }

    @Test
    void aFrameWithUnreadablePayloadIsSkippedAndDecodingGoesOn() {
        byte[] body = concat(
                event("chunk", "{\"bytes\":\"!!! not base64 !!!\"}"),
                event("chunk", "not json at all"),
                event("contentBlockDelta", "[1,2,3]"),
                chunk("[\"an array, not an object\"]"),
                chunk("{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Still here\"}}"));

        StreamResult result = Frames.tapAll(body);

        assertFalse(result.corrupt());
        assertEquals(5, result.frameCount());
        assertEquals("Still here", result.output().text());
    }

    @Test
    void aResultIsAnImmutableSnapshot() {
        EventStreamTap tap = new EventStreamTap(100_000, null);
        byte[] first = chunk("{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"A\"}}");
        tap.accept(ByteBuffer.wrap(first));
        StreamResult before = tap.result();

        tap.accept(ByteBuffer.wrap(first));

        assertEquals("A", before.output().text());
        assertEquals(1, before.frameCount());
        assertEquals("AA", tap.result().output().text());
    }

    @Test
    void theResultCanBeReadFromAnotherThread() throws Exception {
        EventStreamTap tap = new EventStreamTap(100_000, null);
        ExecutorService feeder = Executors.newSingleThreadExecutor();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            feeder.submit(() -> {
                for (byte b : CLAUDE_STREAM) {
                    tap.accept(ByteBuffer.wrap(new byte[] {b}));
                }
            }).get();
            Future<StreamResult> read = reader.submit(tap::result);

            assertEquals("Hello, world", read.get().output().text());
        } finally {
            feeder.shutdownNow();
            reader.shutdownNow();
        }
    }

    @Test
    void eventStreamContentTypesAreRecognised() {
        assertTrue(EventStreamTap.isEventStream("application/vnd.amazon.eventstream"));
        assertTrue(EventStreamTap.isEventStream("Application/VND.Amazon.EventStream"));
        assertTrue(EventStreamTap.isEventStream(" application/vnd.amazon.eventstream ; charset=utf-8"));
        assertFalse(EventStreamTap.isEventStream("application/json"));
        assertFalse(EventStreamTap.isEventStream("application/vnd.amazon.eventstreams"));
        assertFalse(EventStreamTap.isEventStream(""));
        assertFalse(EventStreamTap.isEventStream(null));
        assertEquals("application/vnd.amazon.eventstream", EventStreamTap.CONTENT_TYPE);
    }

    static void assertSameResult(StreamResult expected, StreamResult actual) {
        assertEquals(expected.output().text(), actual.output().text());
        assertEquals(expected.output().inputTokens(), actual.output().inputTokens());
        assertEquals(expected.output().outputTokens(), actual.output().outputTokens());
        assertEquals(expected.output().cacheReadInputTokens(), actual.output().cacheReadInputTokens());
        assertEquals(expected.output().cacheWriteInputTokens(), actual.output().cacheWriteInputTokens());
        assertEquals(expected.output().stopReason(), actual.output().stopReason());
        assertEquals(expected.frameCount(), actual.frameCount());
        assertEquals(expected.corrupt(), actual.corrupt());
        assertEquals(expected.sawText(), actual.sawText());
        assertEquals(expected.textTruncated(), actual.textTruncated());
        assertEquals(expected.exceptionType(), actual.exceptionType());
        assertEquals(expected.exceptionMessage(), actual.exceptionMessage());
        assertEquals(expected.toolNames(), actual.toolNames());
        assertEquals(expected.guardrailAction(), actual.guardrailAction());
        assertEquals(expected.invocationLatencyMs(), actual.invocationLatencyMs());
        assertEquals(expected.firstByteLatencyMs(), actual.firstByteLatencyMs());
        assertEquals(expected.incompleteReason(), actual.incompleteReason());
    }
}
