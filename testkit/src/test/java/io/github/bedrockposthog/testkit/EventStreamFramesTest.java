package io.github.bedrockposthog.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventstream.Message;

class EventStreamFramesTest {

    @Test
    void aChunkFrameCarriesTheModelJsonBase64EncodedWithChunkHeaders() {
        Message message = EventStreamFrames.decode(EventStreamFrames.chunk("{\"generation\":\"héllo\"}")).get(0);

        assertEquals("chunk", EventStreamFrames.header(message, ":event-type"));
        assertEquals("application/json", EventStreamFrames.header(message, ":content-type"));
        assertEquals("event", EventStreamFrames.header(message, ":message-type"));
        assertEquals("{\"generation\":\"héllo\"}", EventStreamFrames.chunkJson(message));
        assertTrue(Json.read(EventStreamFrames.payloadText(message)).has("p"), "padding field");
    }

    @Test
    void anEventFrameKeepsItsPayloadExactly() {
        Message message = EventStreamFrames.decode(
                EventStreamFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}")).get(0);

        assertEquals("messageStop", EventStreamFrames.header(message, ":event-type"));
        assertEquals("{\"stopReason\":\"end_turn\"}", EventStreamFrames.payloadText(message));
    }

    @Test
    void anExceptionFrameHasExceptionMessageType() {
        Message message = EventStreamFrames.decode(
                EventStreamFrames.exception("throttlingException", "slow down")).get(0);

        assertEquals("exception", EventStreamFrames.header(message, ":message-type"));
        assertEquals("throttlingException", EventStreamFrames.header(message, ":exception-type"));
        assertEquals("slow down", Json.read(EventStreamFrames.payloadText(message)).get("message").asText());
    }

    @Test
    void splitReturnsTheRecordedFramesUnchanged() throws Exception {
        byte[] body = RecordedExchange.named("test_anthropic__test_anthropic_3_completion_streaming").responseBody();

        List<byte[]> frames = EventStreamFrames.split(body);

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            joined.write(frame);
        }
        assertArrayEquals(body, joined.toByteArray());
        assertEquals(EventStreamFrames.decode(body).size(), frames.size());
    }

    @Test
    void decodingPiecesSplitAnywhereGivesTheSameMessages() {
        byte[] body = RecordedExchange.named("test_meta__test_meta_converse_stream").responseBody();
        List<byte[]> pieces = new ArrayList<>();
        for (int offset = 0; offset < body.length; offset += 3) {
            pieces.add(Arrays.copyOfRange(body, offset, Math.min(body.length, offset + 3)));
        }

        assertEquals(EventStreamFrames.decode(body), EventStreamFrames.decodePieces(pieces));
    }

    @Test
    void aTruncatedBodyIsRejected() {
        byte[] frame = EventStreamFrames.chunk("{}");

        assertThrows(IllegalArgumentException.class,
                () -> EventStreamFrames.split(Arrays.copyOf(frame, frame.length - 1)));
    }
}
