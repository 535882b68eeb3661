package io.github.bedrockposthog.internal.transport;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The delivery thread's JSON of one event: {@code EventJson.toJson} on the {@code bedrock_completion} properties of
 * the benchmarks' Llama InvokeModel call (about 1.2 KB of JSON). In this package to reach the sink's package-private
 * writer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class EventJsonBenchmark {
    private final Map<String, Object> p = new LinkedHashMap<>(128);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);

    /** The properties as {@code EventMapper} makes them for the benchmarks' call, in its order. */
    @Setup
    public void setup() {
        p.put("$process_person_profile", Boolean.FALSE);
        p.put("prompt", "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\nSuggest a quick vegetarian dinner with chickpeas, spinach and lemon. Keep it under 100 words.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n");
        p.put("model_id", "meta.llama3-1-8b-instruct-v1:0");
        p.put("model", "meta.llama3-1-8b-instruct-v1:0");
        p.put("operation", "InvokeModel");
        p.put("stream", Boolean.FALSE);
        p.put("response_time_in_ms", 0.123);
        p.put("attempts", 1);
        p.put("request_id", "3f1c0c9e-1d0b-4a57-9a2c-6f1f0d3b7a11");
        p.put("http_status", 200);
        p.put("trace_id", "9b2f6c1e-6f0c-4d9e-8f3a-2c1b0a9d8e7f");
        p.put("bedrock_invocation_latency_ms", 412L);
        p.put("$lib", "bedrock-posthog");
        p.put("$lib_version", "0.1.0-SNAPSHOT");
        p.put("operation_kind", "text");
        p.put("generation", "Try a lemony chickpea and spinach skillet: saute garlic in olive oil, add drained chickpeas and a pinch of cumin, stir in fresh spinach until wilted, then finish with lemon juice, zest, salt and pepper. Serve over couscous or with warm flatbread.");
        p.put("prompt_token_count", 38L);
        p.put("generation_token_count", 52L);
        p.put("stop_reason", "stop");
        p.put("input_cost_in_dollars", 8.36E-6);
        p.put("output_cost_in_dollars", 1.144E-5);
        p.put("total_cost_in_dollars", 1.98E-5);
        p.put("price_route", "in-region");
        p.put("price_region", "us-east-1");
        p.put("service_tier", "default");
        p.put("latency_mode", "standard");
        p.put("context_tier", "standard");
    }

    @Benchmark
    public byte[] toJson() throws IOException {
        return EventJson.toJson("018f3c1e-1d0b-7a57-9a2c-6f1f0d3b7a11", "2026-12-01T10:00:00.123Z", "anonymous-1",
                "bedrock_completion", p, buffer);
    }
}
