package io.github.bedrockposthog.benchmarks;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.Responders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.PayloadPart;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consuming a whole InvokeModelWithResponseStream of {@value #CHUNKS} Llama chunks, pre-encoded and sent without
 * pacing by the {@link BedrockEmulator}, on {@code BedrockRuntimeAsyncClient} over Netty (HTTP/1.1). BARE: the
 * zero-code interceptor is inert, the response is not tapped. POSTHOG: the explicit interceptor taps the
 * event-stream bytes (decoding every frame as it passes) and reports one event when the stream ends.
 *
 * <p>Run with {@code -prof gc}: the difference in {@code gc.alloc.rate.norm} between the two is what the tap
 * allocates per stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:-BackgroundCompilation", "-Dsun.net.httpserver.nodelay=true"})
public class StreamBenchmark {

    static final int CHUNKS = 1000;

    @Param({"BARE", "POSTHOG"})
    public Variant variant;

    private Setup setup;
    private BedrockEmulator emulator;
    private BedrockRuntimeAsyncClient client;

    @org.openjdk.jmh.annotations.Setup(Level.Trial)
    public void start() {
        setup = new Setup(variant);
        List<byte[]> frames = Wire.llamaStreamFrames(CHUNKS);
        EmulatorReply reply = EmulatorReply.builder()
                .header("Content-Type", EmulatorReply.EVENT_STREAM)
                .header("X-Amzn-Bedrock-Content-Type", "application/json")
                .header("x-amzn-RequestId", "5e0a6f1c-8d43-4b1e-9d2a-0c8b7a6f5e4d")
                .frames(frames)
                .build();
        emulator = BedrockEmulator.builder().responder(Responders.always(reply)).start();
        setup.janitor(emulator::reset);
        client = setup.nettyClient(emulator.endpoint());
    }

    @TearDown(Level.Trial)
    public void stop() {
        Reports.deliveryLine(setup);
        client.close();
        emulator.close();
        setup.close();
    }

    /** Streams the answer and consumes every chunk; returns the bytes of model JSON received. */
    @Benchmark
    public long consumeStream() {
        AtomicInteger chunks = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        InvokeModelWithResponseStreamResponseHandler handler = InvokeModelWithResponseStreamResponseHandler.builder()
                .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                        .onChunk((PayloadPart part) -> {
                            chunks.incrementAndGet();
                            bytes.addAndGet(part.bytes().asByteArrayUnsafe().length);
                        })
                        .build())
                .build();
        client.invokeModelWithResponseStream(Wire.STREAM_REQUEST, handler).join();
        if (chunks.get() != CHUNKS) {
            throw new IllegalStateException("expected " + CHUNKS + " chunks, got " + chunks.get());
        }
        return bytes.get();
    }
}
