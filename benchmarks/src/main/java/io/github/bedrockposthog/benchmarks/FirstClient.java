package io.github.bedrockposthog.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The cost of the first client: fresh JVMs (default 10 runs per variant, variants rotated within each run) each
 * timing {@code BedrockRuntimeClient.builder()...build()} plus the first InvokeModel call on an in-process stub
 * ({@link FirstClientChild}). {@code none} runs on a copy of the benchmarks jar without bedrock-posthog
 * (its classes, posthog-java and the registration line removed), the other variants on the jar itself. What the
 * interceptor adds here is class loading, settings, the bundled price table parse and the first event.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.bedrockposthog.benchmarks.FirstClient --runs 10</pre>
 */
public final class FirstClient {

    private static final String REGISTRATION = "software/amazon/awssdk/services/bedrockruntime/execution.interceptors";
    private static final String[] VARIANTS = {"none", "inert", "zero-code", "explicit"};

    public static void main(String[] args) throws Exception {
        int runs = Delivery.intArg(args, "--runs", 10);
        Setup.requireNoZeroCodeKey();
        Path jar = Path.of(FirstClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!jar.toString().endsWith(".jar")) {
            throw new IllegalStateException("run from the benchmarks uber-jar, not " + jar);
        }
        Path withoutUs = Files.createTempFile("benchmarks-without-bedrock-posthog", ".jar");
        withoutUs.toFile().deleteOnExit();
        stripBedrockPostHog(jar, withoutUs);

        Map<String, List<Long>> totals = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (String v : VARIANTS) {
            totals.put(v, new ArrayList<>());
            ratios.put(v, new ArrayList<>());
        }
        for (int run = 0; run < runs; run++) {
            Map<String, Long> thisRun = new LinkedHashMap<>();
            for (int k = 0; k < VARIANTS.length; k++) {
                String variant = VARIANTS[(k + run) % VARIANTS.length]; // rotate the order from run to run
                long nanos = runChild(variant.equals("none") ? withoutUs : jar, variant);
                thisRun.put(variant, nanos);
                totals.get(variant).add(nanos);
            }
            for (String v : VARIANTS) {
                ratios.get(v).add((double) thisRun.get(v) / thisRun.get("none"));
            }
            System.out.printf(Locale.ROOT, "run %2d: %s%n", run + 1, format(thisRun));
        }
        System.out.println("# First client build + first call, " + runs + " fresh JVMs per variant, " + LocalDate.now()
                + ", JDK " + System.getProperty("java.version"));
        System.out.println("| variant | median ms | min–max ms | median ratio to none | ratio min–max |");
        System.out.println("|---|---|---|---|---|");
        for (String v : VARIANTS) {
            List<Long> t = totals.get(v);
            List<Double> r = ratios.get(v);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f–%.1f | %.3f | %.3f–%.3f |%n", v, median(t) / 1e6,
                    Stats.min(t) / 1e6, Stats.max(t) / 1e6, Stats.medianD(r), Stats.minD(r), Stats.maxD(r));
        }
    }

    private static String format(Map<String, Long> run) {
        StringBuilder b = new StringBuilder();
        run.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%s=%.1fms ", k, v / 1e6)));
        return b.toString().trim();
    }

    private static double median(List<Long> values) {
        return Stats.median(values);
    }

    /** Runs one child JVM and returns its build + first-call nanoseconds. */
    private static long runChild(Path classpath, String variant) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(Arrays.asList(java, "-cp", classpath.toString(),
                FirstClientChild.class.getName(), variant));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("POSTHOG_"));
        if (variant.equals("zero-code")) {
            pb.environment().put("POSTHOG_API_KEY", "phc_bench");
            pb.environment().put("POSTHOG_HOST", "http://127.0.0.1:9");
            pb.environment().put("POSTHOG_BEDROCK_FLUSH_TIMEOUT_MS", "100");
        }
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        p.waitFor();
        if (result == null) {
            throw new IllegalStateException("child " + variant + " printed no result (exit " + p.exitValue() + ")");
        }
        for (String part : result.substring(7).split(" ")) {
            if (part.startsWith("total=")) {
                return Long.parseLong(part.substring(6));
            }
        }
        throw new IllegalStateException("bad child output: " + result);
    }

    /** Copies the uber-jar without bedrock-posthog: the app an interceptor-free classpath would be. */
    static void stripBedrockPostHog(Path from, Path to) throws IOException {
        try (JarFile in = new JarFile(from.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(to))) {
            Enumeration<JarEntry> entries = in.entries();
            byte[] buffer = new byte[64 * 1024];
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                boolean ours = name.startsWith("io/github/bedrockposthog/")
                        && !name.startsWith("io/github/bedrockposthog/benchmarks/")
                        && !name.startsWith("io/github/bedrockposthog/testkit/");
                if (ours || name.startsWith("com/posthog/")) {
                    continue;
                }
                byte[] content;
                try (InputStream is = in.getInputStream(entry)) {
                    content = is.readAllBytes();
                }
                if (name.equals(REGISTRATION)) {
                    StringBuilder kept = new StringBuilder();
                    for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
                        if (!line.contains("io.github.bedrockposthog") && !line.isBlank()) {
                            kept.append(line).append('\n');
                        }
                    }
                    if (kept.length() == 0) {
                        continue;
                    }
                    content = kept.toString().getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new JarEntry(name));
                out.write(content);
                out.closeEntry();
            }
        }
        if (!new File(to.toString()).exists()) {
            throw new IOException("could not write " + to);
        }
    }

    private FirstClient() {
    }

}
