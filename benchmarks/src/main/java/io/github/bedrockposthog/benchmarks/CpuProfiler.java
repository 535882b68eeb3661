package io.github.bedrockposthog.benchmarks;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time per operation, measured in the benchmark JVM. Unlike wall time, it hardly moves when other processes
 * on a shared machine take the cores away, so the overhead it shows is steadier. Use with {@code -prof}. Not
 * for sample-time mode, which does not count every operation.
 * <ul>
 *   <li>{@code cpu.norm}: the whole process (every thread: benchmark, the observer's background work, the in-JVM
 *       test servers, GC, JIT);</li>
 *   <li>{@code cpu.app.norm}: the process without the capture server: what the app's JVM would spend;</li>
 *   <li>{@code cpu.caller.norm}: the benchmark (application) thread alone, what an observer adds on the caller's
 *       thread;</li>
 *   <li>{@code cpu.delivery.norm}: bedrock-posthog's delivery thread ({@code bedrock-posthog-delivery}, running our
 *       gzip batch sender);</li>
 *   <li>{@code cpu.capture.norm}: the loopback PostHog stand-in, {@code capture-server} or
 *       {@code discarding-posthog}, with the JDK HTTP server's {@code HTTP-Dispatcher} thread that accepts its
 *       connections (test infrastructure standing in for PostHog, which would run elsewhere; the in-process
 *       benchmark, the only one profiled this way, runs no other JDK HTTP server).</li>
 * </ul>
 */
public final class CpuProfiler implements InternalProfiler {

    private long processStart;
    private Map<Long, Long> threadStart = new HashMap<>();

    @Override
    public String getDescription() {
        return "CPU time per operation: process, caller thread, delivery thread, capture server";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        processStart = processCpuNanos();
        threadStart = new HashMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (long id : threads.getAllThreadIds()) {
            threadStart.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        if (benchmarkParams.getMode() == Mode.SampleTime) {
            return Collections.emptyList(); // sampled modes do not count every operation: no per-op figure
        }
        long process = processCpuNanos() - processStart;
        long caller = 0;
        long delivery = 0;
        long capture = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long used = Math.max(0, threads.getThreadCpuTime(info.getThreadId()))
                    - threadStart.getOrDefault(info.getThreadId(), 0L);
            String name = info.getThreadName();
            if (name.contains("jmh-worker")) {
                caller += used;
            } else if (name.equals("bedrock-posthog-delivery")) {
                delivery += used;
            } else if (name.startsWith("capture-server") || name.startsWith("discarding-posthog")
                    || name.startsWith("HTTP-Dispatcher")) {
                capture += used;
            }
        }
        double ops = Math.max(1, result.getMetadata().getAllOps());
        List<Result> results = new ArrayList<>();
        results.add(new ScalarResult("cpu.norm", process / 1e3 / ops, "µs/op", AggregationPolicy.AVG));
        results.add(new ScalarResult("cpu.app.norm", (process - capture) / 1e3 / ops, "µs/op", AggregationPolicy.AVG));
        results.add(new ScalarResult("cpu.caller.norm", caller / 1e3 / ops, "µs/op", AggregationPolicy.AVG));
        results.add(new ScalarResult("cpu.delivery.norm", delivery / 1e3 / ops, "µs/op", AggregationPolicy.AVG));
        results.add(new ScalarResult("cpu.capture.norm", capture / 1e3 / ops, "µs/op", AggregationPolicy.AVG));
        return results;
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
    }
}
