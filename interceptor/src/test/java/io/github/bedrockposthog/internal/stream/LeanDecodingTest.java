package io.github.bedrockposthog.internal.stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tap's lean path (frames read in place, the chunk payload decoded while scanned, a reused JSON reader) gives
 * what the general path gives, whatever the payload looks like, and allocates little beyond the text it keeps.
 */
class LeanDecodingTest {

    private static final String MODEL_JSON = "{\"generation\":\" chickpeas\",\"prompt_token_count\":38,"
            + "\"generation_token_count\":1,\"stop_reason\":\"stop\"}";

    @Test
    void everyPayloadSpellingOfTheSameChunkGivesTheSameResult() {
        String encoded = Base64.getEncoder().encodeToString(MODEL_JSON.getBytes(StandardCharsets.UTF_8));
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(MODEL_JSON.getBytes(StandardCharsets.UTF_8));
        StreamResult expected = Frames.tapAll(Frames.chunk(MODEL_JSON));
        assertEquals(" chickpeas", expected.output().text());
        assertEquals("stop", expected.output().stopReason());
        String[] payloads = {
            "{\"bytes\":\"" + encoded + "\"}",
            "{\"bytes\":\"" + unpadded + "\"}",
            "{\"p\":\"abc\",\"bytes\":\"" + encoded + "\"}",
            " { \"bytes\" : \"" + encoded + "\" , \"p\" : \"abc\" } ",
            "{\"bytes\":\"" + encoded.replace("/", "\\/") + "\",\"p\":\"a\\\"b\"}",
            "{\"bytes\":\"" + encoded + "\",\"p\":\"ü\"}",
            "{\"bytes\":\"" + encoded + "\",\"p\":\"abc\",\"extra\":[1,{\"x\":null}]}",
        };
        for (String payload : payloads) {
            StreamResult actual = Frames.tapAll(Frames.event("chunk", payload));
            EventStreamTapTest.assertSameResult(expected, actual);
        }
    }

    @Test
    void unreadableChunkPayloadsAreSkippedAsBefore() {
        String[] payloads = {
            "{\"bytes\":\"not base64!\"}", "{\"bytes\":12}", "{\"other\":\"x\"}", "{\"bytes\":\"eyJh\"",
            "{\"bytes\":\"" + Base64.getEncoder().encodeToString("not json".getBytes(StandardCharsets.UTF_8)) + "\"}",
        };
        for (String payload : payloads) {
            StreamResult result = Frames.tapAll(Frames.concat(Frames.event("chunk", payload), Frames.chunk(MODEL_JSON)));
            assertEquals(" chickpeas", result.output().text(), payload);
            assertEquals(2, result.frameCount(), payload);
        }
    }

    @Test
    void aStreamAllocatesLittleBeyondTheTextItKeeps() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        int chunks = 2000;
        List<ByteBuffer> buffers = stream(chunks);
        for (int warm = 0; warm < 30; warm++) {
            feed(buffers);
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        StreamResult result = feed(buffers);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        int textChars = result.output().text().length();
        // Generous for an interpreted or C1-compiled test JVM; the general parser took ~5,000 bytes a chunk.
        assertTrue(allocated < chunks * 400L + textChars * 8L,
                allocated + " bytes for " + chunks + " chunks and " + textChars + " chars of text");
    }

    private static StreamResult feed(List<ByteBuffer> buffers) {
        EventStreamTap tap = new EventStreamTap(1_000_000, null);
        for (ByteBuffer buffer : buffers) {
            tap.accept(buffer);
        }
        return tap.result();
    }

    private static List<ByteBuffer> stream(int chunks) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            frames.add(Frames.chunk("{\"generation\":\" word" + i + "\",\"prompt_token_count\":null,"
                    + "\"generation_token_count\":" + (i + 1) + ",\"stop_reason\":null}"));
        }
        byte[] body = Frames.concat(frames.toArray(new byte[0][]));
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int at = 0; at < body.length; at += 8192) {
            buffers.add(ByteBuffer.wrap(body, at, Math.min(8192, body.length - at)));
        }
        return buffers;
    }
}
