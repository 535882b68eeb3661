package io.github.bedrockposthog.benchmarks;

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
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

import java.util.concurrent.TimeUnit;

/**
 * The cost of observing a Bedrock call with no network in the way: a real {@code BedrockRuntimeClient} on
 * {@link CannedHttpClient} (canned Llama InvokeModel / Converse answers), per {@link Variant}. What is left
 * is the SDK's own work (marshalling, signing, interceptor chain, unmarshalling) plus the observer's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// 30 s of warm-up: bedrock-posthog's delivery thread posts one request per few hundred calls, so that code (and the
// PostHog stand-in's) reaches C2 late. After 8 s the JIT's compiler threads still took 890 ms of a 6 s window in the
// POSTHOG fork (10 ms in BARE and OTEL), about 2 µs a call of one-time cost; after 40 s, none.
@Warmup(iterations = 30, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:-BackgroundCompilation"})
public class InProcessBenchmark {

    @Param({"NONE", "BARE", "POSTHOG", "OTEL"})
    public Variant variant;

    private Setup setup;
    private BedrockRuntimeClient client;

    @org.openjdk.jmh.annotations.Setup(Level.Trial)
    public void start() {
        setup = new Setup(variant, true); // events are delivered to an endpoint that only drains them
        client = setup.syncClient(Setup.IN_PROCESS_ENDPOINT, new CannedHttpClient());
    }

    @TearDown(Level.Trial)
    public void stop() {
        Reports.deliveryLine(setup);
        client.close();
        setup.close();
    }

    @Benchmark
    public InvokeModelResponse invokeModel() {
        return client.invokeModel(Wire.INVOKE_REQUEST);
    }

    @Benchmark
    public ConverseResponse converse() {
        return client.converse(Wire.CONVERSE_REQUEST);
    }
}
