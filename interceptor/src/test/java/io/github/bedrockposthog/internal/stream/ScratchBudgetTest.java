package io.github.bedrockposthog.internal.stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process-wide cap on stream scratch memory: a frame beyond the free scratch size draws on the budget while it is
 * in transit and while it is read; when the budget cannot hold it, that frame alone is skipped, the rest of the stream
 * is still read, and the budget is whole again when the streams end.
 */
class ScratchBudgetTest {

    private static final int MB = 1024 * 1024;
    /** A Llama chunk of about 1.5 MB of text, 2 MB on the wire (base64). */
    private static final String BIG_TEXT = "x".repeat(3 * MB / 2);
    private static final byte[] STREAM = Frames.concat(
            Frames.chunk("{\"generation\":\"Hello\"}"),
            Frames.chunk("{\"generation\":\"" + BIG_TEXT + "\"}"),
            Frames.chunk("{\"generation\":\" world\",\"stop_reason\":\"stop\",\"amazon-bedrock-invocationMetrics\":"
                    + "{\"inputTokenCount\":7,\"outputTokenCount\":400000}}"));

    private static final String WHOLE = "Hello" + BIG_TEXT + " world";

    /** Whether the tap read the big chunk too (compared without printing 1.5 MB on failure). */
    private static boolean readWhole(EventStreamTap tap) {
        return WHOLE.equals(tap.result().output().text());
    }

    private static EventStreamTap tap(ScratchBudget budget) {
        return new EventStreamTap(10 * MB, null, null, budget);
    }

    /** Feeds {@code bytes} in buffers of {@code size} (split frames go through the pending array). */
    private static void feed(EventStreamTap tap, byte[] bytes, int size, boolean direct) {
        for (int at = 0; at < bytes.length; at += size) {
            int n = Math.min(size, bytes.length - at);
            ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
            buffer.put(bytes, at, n).flip();
            tap.accept(buffer);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8 * 1024, 4 * MB})
    void aFrameTheBudgetCanHoldIsReadAndItsBytesComeBack(int bufferSize) {
        ScratchBudget budget = new ScratchBudget(8L * MB);
        EventStreamTap tap = tap(budget);
        feed(tap, STREAM, bufferSize, false);
        tap.end();

        StreamResult result = tap.result();
        assertTrue(readWhole(tap), "the big chunk was read");
        assertFalse(result.textTruncated());
        assertEquals(8L * MB, budget.available(), "every reserved byte given back");
    }

    @ParameterizedTest
    @ValueSource(ints = {8 * 1024, 4 * MB})
    void aFrameTheBudgetCannotHoldIsSkippedAndTheRestIsStillRead(int bufferSize) {
        ScratchBudget budget = new ScratchBudget(MB); // less than the big frame
        EventStreamTap tap = tap(budget);
        feed(tap, STREAM, bufferSize, false);
        tap.end();

        StreamResult result = tap.result();
        assertEquals("Hello world", result.output().text(), "the big chunk alone went by unread");
        assertTrue(result.textTruncated(), "the event says text is missing");
        assertEquals(7L, result.output().inputTokens(), "the tokens of the metrics chunk are still exact");
        assertEquals(400_000L, result.output().outputTokens());
        assertEquals("stop", result.output().stopReason());
        assertFalse(result.corrupt(), "framing went on after the skipped frame");
        assertEquals(MB, budget.available());
    }

    @Test
    void directBuffersAreCopiedInSlicesNoLargerThanTheFreeSize() {
        ScratchBudget budget = new ScratchBudget(8L * MB);
        EventStreamTap tap = tap(budget);
        feed(tap, STREAM, 4 * MB, true); // one 4 MB direct buffer holds the whole stream
        tap.end();

        assertTrue(readWhole(tap), "the big chunk was read");
        assertEquals(8L * MB, budget.available());
    }

    @Test
    void concurrentStreamsShareOneBudgetAndGetItBackWhenTheyEnd() {
        // 5 MB: both big frames fit in transit (2 MB each), but then only one can also be read (2 MB more).
        ScratchBudget budget = new ScratchBudget(5L * MB);
        List<EventStreamTap> taps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            taps.add(tap(budget));
        }
        int half = STREAM.length / 2; // both streams stop inside the big frame
        for (EventStreamTap t : taps) {
            feed(t, java.util.Arrays.copyOfRange(STREAM, 0, half), 8 * 1024, false);
        }
        assertTrue(budget.available() < 2L * MB, "the frames in transit hold the budget: " + budget.available());
        for (EventStreamTap t : taps) {
            feed(t, java.util.Arrays.copyOfRange(STREAM, half, STREAM.length), 8 * 1024, false);
            t.end();
        }
        long whole = taps.stream().filter(ScratchBudgetTest::readWhole).count();
        assertEquals(1, whole, "one stream could read its big chunk, the other had to skip it");
        EventStreamTap skipped = readWhole(taps.get(0)) ? taps.get(1) : taps.get(0);
        assertEquals("Hello world", skipped.result().output().text());
        assertTrue(skipped.result().textTruncated());
        assertEquals(5L * MB, budget.available(), "all given back");
    }

    @Test
    void aStreamCutInsideALargeFrameGivesItsBudgetBackWhenItEnds() {
        ScratchBudget budget = new ScratchBudget(8L * MB);
        EventStreamTap tap = tap(budget);
        feed(tap, java.util.Arrays.copyOfRange(STREAM, 0, STREAM.length / 2), 8 * 1024, false);
        assertTrue(budget.available() < 8L * MB, "the frame in transit holds its bytes");
        tap.end(); // the response failed or was cancelled here
        assertEquals(8L * MB, budget.available());
    }
}
