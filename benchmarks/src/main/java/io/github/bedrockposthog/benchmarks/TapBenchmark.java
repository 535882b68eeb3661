package io.github.bedrockposthog.benchmarks;

import io.github.bedrockposthog.internal.stream.EventStreamTap;
import io.github.bedrockposthog.internal.stream.StreamResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.eventstream.MessageDecoder;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stream tap alone, without network or SDK: the bytes of a {@value StreamBenchmark#CHUNKS}-chunk Llama
 * stream, cut into 8 KiB buffers as Netty hands them over, fed to a fresh {@link EventStreamTap}. For scale,
 * {@code sdkFrameDecoder} is what the SDK itself does first with the same bytes (frame decoding only, before
 * it unmarshals every event). With {@code -prof gc}, {@code gc.alloc.rate.norm} of {@code tap} is exactly what
 * the tap allocates per stream, to compare with the generated text it keeps ({@code capturedChars}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:-BackgroundCompilation"})
public class TapBenchmark {

    @Param({"1000"})
    public int chunks;

    private List<ByteBuffer> buffers;

    @Setup(Level.Trial)
    public void encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] frame : Wire.llamaStreamFrames(chunks)) {
            body.write(frame, 0, frame.length);
        }
        byte[] bytes = body.toByteArray();
        buffers = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += 8192) {
            buffers.add(ByteBuffer.wrap(bytes, at, Math.min(8192, bytes.length - at)));
        }
        StreamResult check = tap();
        int expected = Wire.streamTextChars(chunks);
        if (check.output().text() == null || check.output().text().length() != expected
                || check.output().outputTokens() == null || check.output().outputTokens() != chunks) {
            throw new IllegalStateException("the tap did not read the stream: " + check);
        }
        System.out.println("[tap] captured " + expected + " chars of text from " + chunks + " chunks, "
                + bytes.length + " bytes in " + buffers.size() + " buffers");
    }

    @Benchmark
    public StreamResult tap() {
        EventStreamTap tap = new EventStreamTap(200_000, null);
        for (ByteBuffer buffer : buffers) {
            tap.accept(buffer);
        }
        return tap.result();
    }

    @Benchmark
    public int sdkFrameDecoder() {
        int[] frames = new int[1];
        MessageDecoder decoder = new MessageDecoder(message -> frames[0] += message.getPayload().length);
        for (ByteBuffer buffer : buffers) {
            decoder.feed(buffer.duplicate());
        }
        return frames[0];
    }
}
