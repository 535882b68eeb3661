package io.github.bedrockposthog.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code -javaagent:bedrock-posthog-agent.jar} costs at startup: fresh JVMs of {@link FirstClientChild} (build
 * the first {@code BedrockRuntimeClient}, make its first InvokeModel call on the in-process stub), all on the
 * benchmarks jar stripped of bedrock-posthog ({@link FirstClient#stripBedrockPostHog}), so only the agent brings it.
 * Two figures per JVM: from spawning the process to the child's result line (JVM start, the agent's {@code premain},
 * {@code main} up to the first answer), and the child's own build + first call. Variants are rotated within each run.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.bedrockposthog.benchmarks.AgentStartup \
 *     --agent agent/target/bedrock-posthog-agent-0.1.0-SNAPSHOT.jar --runs 10</pre>
 */
public final class AgentStartup {

    private static final String[] VARIANTS = {"none", "agent-no-key", "agent"};

    public static void main(String[] args) throws Exception {
        int runs = Delivery.intArg(args, "--runs", 10);
        Path agent = Path.of(stringArg(args, "--agent"));
        if (!Files.isRegularFile(agent)) {
            throw new IllegalArgumentException("no agent jar at " + agent);
        }
        Setup.requireNoZeroCodeKey();
        Path jar = Path.of(AgentStartup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path withoutUs = Files.createTempFile("benchmarks-without-bedrock-posthog", ".jar");
        withoutUs.toFile().deleteOnExit();
        FirstClient.stripBedrockPostHog(jar, withoutUs);

        Map<String, List<Long>> wall = new LinkedHashMap<>();
        Map<String, List<Long>> inMain = new LinkedHashMap<>();
        for (String v : VARIANTS) {
            wall.put(v, new ArrayList<>());
            inMain.put(v, new ArrayList<>());
        }
        for (int run = 0; run < runs; run++) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < VARIANTS.length; k++) {
                String variant = VARIANTS[(k + run) % VARIANTS.length];
                long[] result = runChild(withoutUs, agent, variant);
                wall.get(variant).add(result[0]);
                inMain.get(variant).add(result[1]);
                line.append(String.format(Locale.ROOT, "%s=%.0f/%.0fms ", variant, result[0] / 1e6, result[1] / 1e6));
            }
            System.out.printf(Locale.ROOT, "run %2d (spawn-to-answer/in-main): %s%n", run + 1, line.toString().trim());
        }
        System.out.println("# Agent startup, " + runs + " fresh JVMs per variant, " + LocalDate.now() + ", JDK "
                + System.getProperty("java.version"));
        System.out.println("| variant | spawn to first answer, median ms (min–max) | + vs none | "
                + "first client build + call in main, median ms (min–max) | + vs none |");
        System.out.println("|---|---|---|---|---|");
        double wallNone = Stats.median(wall.get("none"));
        double mainNone = Stats.median(inMain.get("none"));
        for (String v : VARIANTS) {
            List<Long> w = wall.get(v);
            List<Long> m = inMain.get(v);
            System.out.printf(Locale.ROOT, "| %s | %.0f (%.0f–%.0f) | %+.0f | %.0f (%.0f–%.0f) | %+.0f |%n", v,
                    Stats.median(w) / 1e6, Stats.min(w) / 1e6, Stats.max(w) / 1e6, (Stats.median(w) - wallNone) / 1e6,
                    Stats.median(m) / 1e6, Stats.min(m) / 1e6, Stats.max(m) / 1e6, (Stats.median(m) - mainNone) / 1e6);
        }
    }

    /** One child JVM: {spawn-to-result nanos, build + first call nanos}. */
    private static long[] runChild(Path classpath, Path agent, String variant) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        if (!variant.equals("none")) {
            command.add("-javaagent:" + agent);
        }
        command.addAll(List.of("-cp", classpath.toString(), FirstClientChild.class.getName(), "none"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("POSTHOG_"));
        if (variant.equals("agent")) {
            pb.environment().put("POSTHOG_API_KEY", "phc_bench");
            pb.environment().put("POSTHOG_HOST", "http://127.0.0.1:9");
            pb.environment().put("POSTHOG_BEDROCK_FLUSH_TIMEOUT_MS", "100");
        }
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        long spawned = System.nanoTime();
        Process p = pb.start();
        String result = null;
        long answered = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    answered = System.nanoTime();
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
                return new long[] {answered - spawned, Long.parseLong(part.substring(6))};
            }
        }
        throw new IllegalStateException("bad child output: " + result);
    }

    private static String stringArg(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + name + " <path>");
    }

    private AgentStartup() {
    }
}
