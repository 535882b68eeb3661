package io.github.bedrockposthog.benchmarks;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.EmulatedRequest;
import io.github.bedrockposthog.testkit.EmulatorReply;
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
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Bedrock call over real HTTP on 127.0.0.1: {@code BedrockRuntimeClient} on {@code ApacheHttpClient} against
 * the testkit's {@link BedrockEmulator}, which answers every request with the same pre-built Llama InvokeModel
 * or Converse reply (no per-request work on the server beyond HTTP). Sample mode: the report uses p50.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:-BackgroundCompilation", "-Dsun.net.httpserver.nodelay=true"})
public class LoopbackBenchmark {

    @Param({"NONE", "BARE", "POSTHOG", "OTEL"})
    public Variant variant;

    private Setup setup;
    private BedrockEmulator emulator;
    private BedrockRuntimeClient client;

    @org.openjdk.jmh.annotations.Setup(Level.Trial)
    public void start() {
        setup = new Setup(variant, true); // events are delivered to an endpoint that only drains them
        emulator = startEmulator();
        setup.janitor(emulator::reset); // the emulator keeps every request it received
        client = setup.syncClient(emulator.endpoint(), ApacheHttpClient.builder().build());
    }

    /** An emulator answering InvokeModel and Converse with fixed, pre-built replies. */
    static BedrockEmulator startEmulator() {
        EmulatorReply invoke = reply(Wire.invokeHeaders(), Wire.INVOKE_RESPONSE_BODY);
        EmulatorReply converse = reply(Wire.converseHeaders(), Wire.CONVERSE_RESPONSE_BODY);
        BedrockEmulator emulator = BedrockEmulator.builder()
                .responder(request -> EmulatedRequest.CONVERSE.equals(request.operation()) ? converse : invoke)
                .start();
        if (!"true".equals(System.getProperty("sun.net.httpserver.nodelay"))) {
            throw new IllegalStateException("sun.net.httpserver.nodelay is not true: loopback latency would be ~40 ms");
        }
        return emulator;
    }

    private static EmulatorReply reply(Map<String, String> headers, byte[] body) {
        EmulatorReply.Builder b = EmulatorReply.builder().header("x-amzn-RequestId", "5e0a6f1c-8d43-4b1e-9d2a-0c8b7a6f5e4d");
        headers.forEach(b::header);
        return b.body(new String(body, StandardCharsets.UTF_8)).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        Reports.deliveryLine(setup);
        client.close();
        emulator.close();
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
