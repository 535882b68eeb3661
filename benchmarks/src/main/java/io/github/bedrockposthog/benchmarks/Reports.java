package io.github.bedrockposthog.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lines the forked benchmark JVMs print at the end of a trial, so a run shows that events were really produced
 * and delivered, and where the JVM's CPU went (by thread group, plus GC time).
 */
final class Reports {

    private Reports() {
    }

    static void deliveryLine(Setup setup) {
        if (setup.postHog() != null) {
            System.out.println("[bedrock-posthog delivery] " + setup.postHog().stats() + ", " + setup.received());
        }
        if (setup.variant() == Variant.OTEL) {
            System.out.println("[otel] exported spans+log records so far: " + setup.otelExported());
        }
        System.out.println("[cpu] " + cpuByThreadGroup());
    }

    /** CPU seconds used so far by live threads, grouped by name without trailing numbers, and GC time. */
    static String cpuByThreadGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> groups = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos <= 0) {
                continue;
            }
            String group = info.getThreadName().replaceAll("[-#]?[0-9]+$", "").replaceAll("-[0-9]+-", "-");
            if (group.contains("jmh-worker")) {
                group = "benchmark";
            }
            groups.merge(group, nanos / 1e9, Double::sum);
        }
        StringBuilder b = new StringBuilder();
        groups.entrySet().stream()
                .filter(e -> e.getValue() >= 0.05)
                .sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                .forEach(e -> b.append(String.format(Locale.ROOT, "%s=%.2fs ", e.getKey(), e.getValue())));
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return b.append("gc=").append(gcMillis).append("ms").toString();
    }
}
