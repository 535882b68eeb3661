package io.github.bedrockposthog.benchmarks;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the JMH benchmarks the way a shared, noisy machine needs: in rounds, each variant in its own fork, the
 * variant order reversed every other round, and reports for each comparison the median over rounds of the
 * per-round ratio, with its spread (min–max). Writes the tables to stdout and, with the raw JMH logs, to
 * {@code --out} (default {@code benchmarks/results}).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.bedrockposthog.benchmarks.Suite --rounds 3</pre>
 * Options: {@code --rounds N} (3), {@code --suites inprocess,loopback,stream,tap} (all), {@code --out DIR}.
 */
public final class Suite {

    private static final String[] SYNC_VARIANTS = {"NONE", "BARE", "POSTHOG", "OTEL"};
    /** The inert interceptor's cost shows best in-process; over loopback it would only add two forks a round. */
    private static final String[] LOOPBACK_VARIANTS = {"BARE", "POSTHOG", "OTEL"};
    private static final String[] STREAM_VARIANTS = {"BARE", "POSTHOG"};

    /** values[benchmark][metric][variant] = one value per round. */
    private final Map<String, Map<String, Map<String, List<Double>>>> values = new LinkedHashMap<>();
    private final Path out;
    private final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));

    private Suite(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Delivery.intArg(args, "--rounds", 3);
        List<String> suites = Arrays.asList(stringArg(args, "--suites", "inprocess,loopback,stream,tap").split(","));
        Path out = Paths.get(stringArg(args, "--out", "benchmarks/results"));
        Files.createDirectories(out);
        Setup.requireNoZeroCodeKey();
        Suite suite = new Suite(out);
        long start = System.nanoTime();
        for (int round = 1; round <= rounds; round++) {
            boolean reverse = round % 2 == 0;
            if (suites.contains("inprocess")) {
                suite.run("InProcessBenchmark", order(SYNC_VARIANTS, reverse), round, false);
            }
            if (suites.contains("loopback")) {
                suite.run("LoopbackBenchmark", order(LOOPBACK_VARIANTS, reverse), round, false);
            }
            if (suites.contains("stream")) {
                suite.run("StreamBenchmark", order(STREAM_VARIANTS, reverse), round, true);
            }
            if (suites.contains("tap") && round == 1) { // single-threaded and steady: one round is enough
                suite.run("TapBenchmark", new String[] {null}, round, true);
            }
            System.out.printf(Locale.ROOT, "round %d done after %.0f s%n", round, (System.nanoTime() - start) / 1e9);
        }
        String report = suite.report(rounds);
        System.out.println(report);
        Files.write(out.resolve("suite-" + suite.stamp + ".md"), report.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] order(String[] variants, boolean reverse) {
        List<String> list = new ArrayList<>(Arrays.asList(variants));
        if (reverse) {
            Collections.reverse(list);
        }
        return list.toArray(new String[0]);
    }

    private void run(String benchmark, String[] variants, int round, boolean gc) throws Exception {
        for (String variant : variants) {
            String log = out.resolve("jmh-" + stamp + "-" + benchmark + (variant == null ? "" : "-" + variant)
                    + "-r" + round + ".log").toString();
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(Suite.class.getPackage().getName() + "." + benchmark + "\\.")
                    .forks(1)
                    .shouldFailOnError(true)
                    .addProfiler(CpuProfiler.class)
                    .output(log);
            if (variant != null) {
                options.param("variant", variant);
            }
            if (gc) {
                options.addProfiler(GCProfiler.class);
            }
            System.out.printf(Locale.ROOT, "round %d: %s %s ...%n", round, benchmark, variant == null ? "" : variant);
            for (RunResult result : new Runner(options.build()).run()) {
                String method = result.getParams().getBenchmark();
                method = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
                String v = variant == null ? method.substring(method.indexOf('.') + 1) : variant;
                String key = variant == null ? benchmark : method;
                Result primary = result.getPrimaryResult();
                // Sample mode: the median call. Average mode: the median of the iterations' means, so that one
                // iteration hit by another process's burst on this shared machine does not move the figure.
                double score = benchmark.equals("LoopbackBenchmark")
                        ? primary.getStatistics().getPercentile(50.0) : medianOfIterations(result, null);
                add(key, "time", v, score);
                addIfPresent(key, "alloc", v, result, "gc.alloc.rate.norm");
                addIfPresent(key, "cpu", v, result, "cpu.norm");
                addIfPresent(key, "cpu.app", v, result, "cpu.app.norm");
                addIfPresent(key, "cpu.caller", v, result, "cpu.caller.norm");
                addIfPresent(key, "cpu.delivery", v, result, "cpu.delivery.norm");
                addIfPresent(key, "cpu.capture", v, result, "cpu.capture.norm");
                System.out.printf(Locale.ROOT, "    %s %s = %.3f %s%n", method, v, score, primary.getScoreUnit());
            }
        }
    }

    private void add(String key, String metric, String variant, double value) {
        values.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(metric, k -> new LinkedHashMap<>())
                .computeIfAbsent(variant, k -> new ArrayList<>()).add(value);
    }

    private void addIfPresent(String key, String metric, String variant, RunResult result, String label) {
        if (result.getSecondaryResults().containsKey(label)) {
            add(key, metric, variant, medianOfIterations(result, label));
        }
    }

    /** The median over measurement iterations of the primary score ({@code label} null) or a secondary one. */
    private static double medianOfIterations(RunResult run, String label) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                Result r = label == null ? iteration.getPrimaryResult() : iteration.getSecondaryResults().get(label);
                if (r != null) {
                    scores.add(r.getScore());
                }
            }
        }
        return Stats.medianD(scores);
    }

    private String report(int rounds) {
        StringBuilder b = new StringBuilder();
        String when = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        b.append("Suite run ").append(when).append(", JDK ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append("), ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ").append(rounds)
                .append(" rounds, 1 fork per variant per round, variant order reversed every other round.\n\n");
        b.append("| benchmark | metric | NONE | BARE | POSTHOG | OTEL | BARE/NONE | POSTHOG/BARE | OTEL/BARE | POSTHOG−BARE | OTEL−BARE |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Map<String, Map<String, List<Double>>>> e : values.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("TapBenchmark")) {
                continue;
            }
            for (Map.Entry<String, Map<String, List<Double>>> m : e.getValue().entrySet()) {
                String metric = metricName(key, m.getKey());
                Map<String, List<Double>> v = m.getValue();
                b.append("| ").append(key).append(" | ").append(metric);
                for (String variant : SYNC_VARIANTS) {
                    b.append(" | ").append(v.containsKey(variant) ? fmt(Stats.medianD(v.get(variant))) : "–");
                }
                b.append(" | ").append(ratio(v, "NONE", "BARE"));
                b.append(" | ").append(ratio(v, "BARE", "POSTHOG"));
                b.append(" | ").append(ratio(v, "BARE", "OTEL"));
                b.append(" | ").append(diff(v, "BARE", "POSTHOG"));
                b.append(" | ").append(diff(v, "BARE", "OTEL"));
                b.append(" |\n");
            }
        }
        b.append("\nEach round's figure is the median over its measurement iterations (loopback: the p50 call). Ratios and "
                + "differences: median of the per-round values [min–max over rounds]; absolute columns: median over rounds. cpu = process CPU per operation (all threads); "
                + "cpu.app = the process without the capture server (what runs in an app: #12's whole-process "
                + "figure); cpu.caller = the calling (benchmark) thread; cpu.delivery = bedrock-posthog's delivery thread; "
                + "cpu.capture = the loopback capture server (test infrastructure standing in for PostHog).\n");
        Map<String, Map<String, List<Double>>> tap = values.get("TapBenchmark");
        if (tap != null) {
            b.append("\n| TapBenchmark | metric | median [min–max] |\n|---|---|---|\n");
            for (Map.Entry<String, Map<String, List<Double>>> m : tap.entrySet()) {
                for (Map.Entry<String, List<Double>> v : m.getValue().entrySet()) {
                    b.append("| ").append(v.getKey()).append(" | ").append(metricName("TapBenchmark", m.getKey()))
                            .append(" | ").append(fmt(Stats.medianD(v.getValue()))).append(" [")
                            .append(fmt(Stats.minD(v.getValue()))).append("–").append(fmt(Stats.maxD(v.getValue())))
                            .append("] |\n");
                }
            }
        }
        Map<String, Map<String, List<Double>>> stream = values.get("StreamBenchmark.consumeStream");
        if (stream != null && stream.containsKey("alloc")) {
            b.append(String.format(Locale.ROOT, "%nStream: POSTHOG−BARE allocation %s B per stream of %d chunks carrying "
                    + "%d chars of generated text.%n", diff(stream.get("alloc"), "BARE", "POSTHOG"),
                    StreamBenchmark.CHUNKS, Wire.streamTextChars(StreamBenchmark.CHUNKS)));
        }
        return b.toString();
    }

    private static String metricName(String key, String metric) {
        switch (metric) {
            case "time":
                return key.startsWith("Loopback") ? "p50 µs" : key.startsWith("Stream") ? "mean ms/stream"
                        : key.startsWith("Tap") ? "mean µs/stream" : "mean µs";
            case "alloc":
                return "B/op allocated";
            default:
                return metric + (key.startsWith("Stream") || key.startsWith("Tap") ? " µs/stream" : " µs/call");
        }
    }

    private static String ratio(Map<String, List<Double>> v, String base, String other) {
        if (!v.containsKey(base) || !v.containsKey(other)) {
            return "–";
        }
        List<Double> r = new ArrayList<>();
        List<Double> a = v.get(base);
        List<Double> c = v.get(other);
        if (Stats.medianD(a) == 0) {
            return "–";
        }
        for (int i = 0; i < Math.min(a.size(), c.size()); i++) {
            r.add(c.get(i) / a.get(i));
        }
        return String.format(Locale.ROOT, "%.3f [%.3f–%.3f]", Stats.medianD(r), Stats.minD(r), Stats.maxD(r));
    }

    private static String diff(Map<String, List<Double>> v, String base, String other) {
        if (!v.containsKey(base) || !v.containsKey(other)) {
            return "–";
        }
        List<Double> r = new ArrayList<>();
        List<Double> a = v.get(base);
        List<Double> c = v.get(other);
        for (int i = 0; i < Math.min(a.size(), c.size()); i++) {
            r.add(c.get(i) - a.get(i));
        }
        return fmt(Stats.medianD(r)) + " [" + fmt(Stats.minD(r)) + "–" + fmt(Stats.maxD(r)) + "]";
    }

    private static String fmt(double d) {
        double abs = Math.abs(d);
        return String.format(Locale.ROOT, abs >= 1000 ? "%.0f" : abs >= 10 ? "%.1f" : "%.3f", d);
    }

    static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
