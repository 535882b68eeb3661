package io.github.bedrockposthog.benchmarks;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What reading one InvokeModelWithResponseStream chunk with jackson-core's streaming API alone would allocate: the
 * {@code {"bytes":"<base64>","p":"…"}} wrapper parsed and its base64 decoded from the token
 * ({@code readBinaryValue} into a reused buffer), then the model's JSON walked with a second parser, keeping only
 * the values (as the dialects do). Compared in BENCHMARKS.md with the tap's lean path (71 B a chunk, the text).
 * Run: {@code java -cp <benchmarks classpath> io.github.bedrockposthog.benchmarks.JacksonChunkAllocation}.
 */
public final class JacksonChunkAllocation {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int CHUNKS = 200_000;
    private static long sink;

    private JacksonChunkAllocation() {
    }

    /** A growable byte sink reused for every chunk, so only jackson's own allocation is counted. */
    private static final class Decoded extends OutputStream {
        private byte[] bytes = new byte[4096];
        private int length;

        @Override
        public void write(int b) {
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int offset, int count) {
            System.arraycopy(b, offset, bytes, length, count);
            length += count;
        }
    }

    public static void main(String[] args) throws IOException {
        String model = "{\"generation\":\" word123\",\"prompt_token_count\":null,\"generation_token_count\":5,"
                + "\"stop_reason\":null}";
        byte[] wrapper = ("{\"bytes\":\"" + Base64.getEncoder().encodeToString(model.getBytes(StandardCharsets.UTF_8))
                + "\",\"p\":\"abcdefgh\"}").getBytes(StandardCharsets.UTF_8);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Decoded decoded = new Decoded();
        for (int round = 0; round < 5; round++) {
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < CHUNKS; i++) {
                decoded.length = 0;
                try (JsonParser p = FACTORY.createParser(wrapper)) {
                    p.nextToken();
                    if ("bytes".equals(p.nextFieldName())) {
                        p.nextToken();
                        p.readBinaryValue(Base64Variants.getDefaultVariant(), decoded);
                    }
                }
                try (JsonParser p = FACTORY.createParser(decoded.bytes, 0, decoded.length)) {
                    for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                        if (t == JsonToken.VALUE_STRING) {
                            sink += p.getText().length();
                        } else if (t == JsonToken.VALUE_NUMBER_INT) {
                            sink += p.getLongValue();
                        }
                    }
                }
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            System.out.println("round " + round + ": " + allocated / CHUNKS + " B a chunk (" + sink % 7 + ")");
        }
    }
}
