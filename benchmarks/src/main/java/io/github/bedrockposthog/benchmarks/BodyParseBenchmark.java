package io.github.bedrockposthog.benchmarks;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.json.ScratchJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Reading an InvokeModel exchange's bodies (the Llama request and response of the other benchmarks), as
 * {@code CallRecord} does on every call: the general tree parser (jackson-core) against the lean reader.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:-BackgroundCompilation"})
public class BodyParseBenchmark {

    private final ScratchJson scratch = new ScratchJson();

    @Benchmark
    public Object generalRequest() {
        return Json.string(Json.parse(Wire.INVOKE_REQUEST_BODY), "prompt");
    }

    @Benchmark
    public Object leanRequest() {
        return Json.string(scratch.parse(Wire.INVOKE_REQUEST_BODY, 0, Wire.INVOKE_REQUEST_BODY.length), "prompt");
    }

    @Benchmark
    public Object generalResponse() {
        return Json.string(Json.parse(Wire.INVOKE_RESPONSE_BODY), "generation");
    }

    @Benchmark
    public Object leanResponse() {
        return Json.string(scratch.parse(Wire.INVOKE_RESPONSE_BODY, 0, Wire.INVOKE_RESPONSE_BODY.length), "generation");
    }
}
