package io.github.bedrockposthog.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bedrockposthog.testkit.RecordedExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.github.bedrockposthog.internal.stream.EventStreamTapTest.assertSameResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays every recorded Bedrock stream body through the tap, whole, byte by byte and in random pieces, and
 * checks it against values computed here independently: frames split by a minimal parser in this test,
 * payloads read with Jackson databind.
 */
class RecordedStreamFixturesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> STREAM_OPERATIONS = List.of("InvokeModelWithResponseStream", "ConverseStream");

    /** A recorded streaming response. */
    record Fixture(String name, String operation, byte[] body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Fixture> streamFixtures() {
        return RecordedExchange.loadAll().stream()
                .filter(e -> STREAM_OPERATIONS.contains(e.operation()) && e.isStream())
                .map(e -> new Fixture(e.name(), e.operation(), e.responseBody()));
    }

    @Test
    void everyRecordedStreamIsReplayed() {
        List<String> names = streamFixtures().map(Fixture::name).toList();

        assertTrue(names.size() >= 11, "stream fixtures found: " + names);
        assertTrue(names.contains("test_anthropic__test_anthropic_3_completion_streaming"));
        assertTrue(names.contains("test_anthropic__test_anthropic_converse_stream_with_tool_use"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamFixtures")
    void theWholeBodyMatchesTheIndependentReading(Fixture fixture) throws IOException {
        Expected expected = Expected.of(fixture);
        StreamResult result = feedWhole(fixture.body());

        assertFalse(result.corrupt());
        assertNull(result.exceptionType());
        assertEquals(expected.frames, result.frameCount());
        assertEquals(expected.text.isEmpty() ? null : expected.text.toString(), result.output().text());
        assertEquals(!expected.text.isEmpty(), result.sawText());
        assertFalse(result.textTruncated());
        assertEquals(expected.inputTokens, result.output().inputTokens());
        assertEquals(expected.outputTokens, result.output().outputTokens());
        assertEquals(expected.stopReason, result.output().stopReason());
        assertEquals(expected.toolNames, result.toolNames());
        assertEquals(expected.guardrailAction, result.guardrailAction());
        assertEquals(expected.invocationLatency, result.invocationLatencyMs());
        assertEquals(expected.firstByteLatency, result.firstByteLatencyMs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamFixtures")
    void oneByteAtATimeGivesTheSameResult(Fixture fixture) {
        EventStreamTap tap = new EventStreamTap(100_000, null);
        byte[] body = fixture.body();
        for (int i = 0; i < body.length; i++) {
            ByteBuffer one = ByteBuffer.wrap(body, i, 1);
            tap.accept(one);
            assertEquals(i, one.position());
            assertEquals(i + 1, one.limit());
        }

        assertSameResult(feedWhole(body), tap.result());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamFixtures")
    void randomPiecesGiveTheSameResult(Fixture fixture) {
        byte[] body = fixture.body();
        StreamResult whole = feedWhole(body);
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            EventStreamTap tap = new EventStreamTap(100_000, null);
            int offset = 0;
            while (offset < body.length) {
                int length = Math.min(1 + random.nextInt(seed % 2 == 0 ? 40 : 700), body.length - offset);
                // Every other seed uses direct buffers, as Netty may hand out.
                ByteBuffer piece = seed % 2 == 0 ? direct(body, offset, length) : ByteBuffer.wrap(body, offset, length);
                int position = piece.position();
                tap.accept(piece);
                assertEquals(position, piece.position());
                offset += length;
            }
            assertSameResult(whole, tap.result());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamFixtures")
    void theFirstTextCallbackRunsOnceWhenTheStreamHasText(Fixture fixture) {
        int[] calls = {0};
        EventStreamTap tap = new EventStreamTap(100_000, () -> calls[0]++);
        tap.accept(ByteBuffer.wrap(fixture.body()));

        assertEquals(tap.result().sawText() ? 1 : 0, calls[0]);
        assertTrue(tap.result().sawText());
    }

    @Test
    void anthropicStreamingFixtureSaysWhatWasRecorded() throws IOException {
        StreamResult result = feedWhole(fixture("test_anthropic__test_anthropic_3_completion_streaming").body());

        assertEquals("Why did the distributed tracing span cross the road? To get to the other service!",
                result.output().text());
        assertEquals(16L, result.output().inputTokens());
        assertEquals(21L, result.output().outputTokens());
        assertEquals("end_turn", result.output().stopReason());
        assertEquals(738L, result.invocationLatencyMs());
        assertEquals(378L, result.firstByteLatencyMs());
    }

    @Test
    void converseToolUseFixtureNamesTheToolAndKeepsItsInputOutOfTheText() throws IOException {
        StreamResult result = feedWhole(fixture("test_anthropic__test_anthropic_converse_stream_with_tool_use").body());

        assertEquals("Okay, let me check the weather for Barcelona using the available tool:", result.output().text());
        assertEquals(List.of("get_weather"), result.toolNames());
        assertEquals("tool_use", result.output().stopReason());
        assertEquals(236L, result.output().inputTokens());
        assertEquals(58L, result.output().outputTokens());
        assertEquals(1176L, result.invocationLatencyMs());
    }

    @Test
    void blockedTitanStreamWithoutMetricsFallsBackToTheBodyCounts() throws IOException {
        StreamResult result = feedWhole(fixture("test_guardrails__test_guardrail_invoke_stream").body());

        assertEquals("Input blocked", result.output().text());
        assertEquals(6L, result.output().inputTokens());
        assertEquals(3L, result.output().outputTokens());
        assertEquals("INTERVENED", result.guardrailAction());
        assertNull(result.invocationLatencyMs());
    }

    @Test
    void novaInvokeStreamReadsUsageFromTheMetrics() throws IOException {
        StreamResult result = feedWhole(fixture("test_nova__test_nova_invoke_stream").body());

        assertEquals(30L, result.output().inputTokens());
        assertEquals(55L, result.output().outputTokens());
        assertEquals(0L, result.output().cacheReadInputTokens());
        assertEquals(0L, result.output().cacheWriteInputTokens());
        assertEquals("end_turn", result.output().stopReason());
        assertEquals("INTERVENED", result.guardrailAction());
    }

    private static Fixture fixture(String name) {
        return streamFixtures().filter(f -> f.name().equals(name)).findFirst()
                .orElseGet(() -> fail("missing fixture " + name));
    }

    private static StreamResult feedWhole(byte[] body) {
        EventStreamTap tap = new EventStreamTap(100_000, null);
        tap.accept(ByteBuffer.wrap(body));
        return tap.result();
    }

    private static ByteBuffer direct(byte[] body, int offset, int length) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(length);
        buffer.put(body, offset, length).flip();
        return buffer;
    }

    /** What the fixture says, read without any production code. */
    static final class Expected {
        int frames;
        final StringBuilder text = new StringBuilder();
        Long inputTokens;
        Long outputTokens;
        String stopReason;
        final List<String> toolNames = new ArrayList<>();
        String guardrailAction;
        Long invocationLatency;
        Long firstByteLatency;

        static Expected of(Fixture fixture) throws IOException {
            Expected expected = new Expected();
            Long bodyInput = null;
            Long bodyOutput = null;
            for (RawFrame frame : RawFrame.split(fixture.body())) {
                expected.frames++;
                assertEquals("event", frame.headers.get(":message-type"), fixture + " has a non-event frame");
                String eventType = frame.headers.get(":event-type");
                JsonNode payload = MAPPER.readTree(frame.payload);
                if ("chunk".equals(eventType)) {
                    JsonNode chunk = MAPPER.readTree(Base64.getDecoder().decode(payload.get("bytes").asText()));
                    if ("content_block_delta".equals(chunk.path("type").asText())) {
                        expected.text.append(chunk.path("delta").path("text").asText());
                    }
                    if ("message_delta".equals(chunk.path("type").asText())) {
                        expected.stopReason = chunk.path("delta").path("stop_reason").asText();
                    }
                    if (chunk.has("contentBlockDelta")) {
                        expected.text.append(chunk.path("contentBlockDelta").path("delta").path("text").asText());
                    }
                    if (chunk.has("messageStop")) {
                        expected.stopReason = chunk.path("messageStop").path("stopReason").asText();
                    }
                    if (chunk.has("outputText")) {
                        expected.text.append(chunk.get("outputText").asText());
                    }
                    if (chunk.has("completionReason")) {
                        expected.stopReason = chunk.get("completionReason").asText();
                    }
                    if (chunk.has("inputTextTokenCount")) {
                        bodyInput = chunk.get("inputTextTokenCount").asLong();
                    }
                    if (chunk.has("totalOutputTextTokenCount")) {
                        bodyOutput = chunk.get("totalOutputTextTokenCount").asLong();
                    }
                    if ("INTERVENED".equals(chunk.path("amazon-bedrock-guardrailAction").asText())) {
                        expected.guardrailAction = "INTERVENED";
                    }
                    JsonNode metrics = chunk.get("amazon-bedrock-invocationMetrics");
                    if (metrics != null) {
                        expected.inputTokens = metrics.get("inputTokenCount").asLong();
                        expected.outputTokens = metrics.get("outputTokenCount").asLong();
                        expected.invocationLatency = metrics.get("invocationLatency").asLong();
                        expected.firstByteLatency = metrics.get("firstByteLatency").asLong();
                    }
                } else if ("contentBlockDelta".equals(eventType)) {
                    expected.text.append(payload.path("delta").path("text").asText(""));
                } else if ("contentBlockStart".equals(eventType)) {
                    JsonNode name = payload.path("start").path("toolUse").path("name");
                    if (name.isTextual()) {
                        expected.toolNames.add(name.asText());
                    }
                } else if ("messageStop".equals(eventType)) {
                    expected.stopReason = payload.get("stopReason").asText();
                    if ("guardrail_intervened".equals(expected.stopReason)) {
                        expected.guardrailAction = "INTERVENED";
                    }
                } else if ("metadata".equals(eventType)) {
                    expected.inputTokens = payload.path("usage").get("inputTokens").asLong();
                    expected.outputTokens = payload.path("usage").get("outputTokens").asLong();
                    expected.invocationLatency = payload.path("metrics").get("latencyMs").asLong();
                }
            }
            if (expected.inputTokens == null) {
                expected.inputTokens = bodyInput;
                expected.outputTokens = bodyOutput;
            }
            return expected;
        }
    }

    /** One event-stream frame, split by hand: prelude, string headers, payload, checksum ignored. */
    record RawFrame(Map<String, String> headers, byte[] payload) {

        static List<RawFrame> split(byte[] body) {
            List<RawFrame> frames = new ArrayList<>();
            ByteBuffer in = ByteBuffer.wrap(body);
            while (in.remaining() > 0) {
                int start = in.position();
                int total = in.getInt();
                int headersLength = in.getInt();
                in.getInt(); // prelude CRC
                Map<String, String> headers = new LinkedHashMap<>();
                int headersEnd = in.position() + headersLength;
                while (in.position() < headersEnd) {
                    byte[] name = new byte[in.get() & 0xFF];
                    in.get(name);
                    byte type = in.get();
                    assertEquals(7, type, "only string headers are expected in Bedrock streams");
                    byte[] value = new byte[in.getShort() & 0xFFFF];
                    in.get(value);
                    headers.put(new String(name, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
                }
                byte[] payload = new byte[start + total - 4 - headersEnd];
                in.get(payload);
                in.getInt(); // message CRC
                frames.add(new RawFrame(headers, payload));
            }
            return frames;
        }
    }
}
