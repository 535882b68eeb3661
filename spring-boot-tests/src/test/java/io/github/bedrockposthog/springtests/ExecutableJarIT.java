package io.github.bedrockposthog.springtests;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import io.github.bedrockposthog.testkit.Responders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real executable Spring Boot jars (spring-boot-maven-plugin) in child JVMs: (a) the app with the starter inside,
 * configured by Spring properties; (b) the same app without it, with the interceptor's {@code -all} jar added by the
 * README's {@code loader.path} route and configured by environment variables. Each delivers one event per call.
 */
class ExecutableJarIT {

    private static final long CHILD_TIMEOUT_SECONDS = 90;
    @RegisterExtension
    static final LoopbackServers SERVERS = new LoopbackServers();
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    @Test
    void theAppWithTheStarterInsideReportsFromItsProperties() throws Exception {
        Path jar = Paths.get(System.getProperty("app.jar.withStarter"));
        assertTrue(libraries(jar).stream().anyMatch(n -> n.contains("bedrock-posthog-spring-boot-starter")));
        String log = run(List.of("-jar", jar.toString(), "--bedrock.endpoint=" + emulator.endpoint(),
                "--posthog.api-key=phc_starter", "--posthog.host=" + capture.endpoint()), Map.of());
        assertOneEventPerCall("phc_starter", log);
    }

    @Test
    void theAppWithoutTheStarterReportsThroughLoaderPath() throws Exception {
        Path jar = Paths.get(System.getProperty("app.jar.plain"));
        assertTrue(libraries(jar).stream().noneMatch(n -> n.contains("bedrock-posthog") || n.contains("posthog-")),
                () -> "the plain jar has no bedrock-posthog: " + libraries(jar));
        File[] all = new File(System.getProperty("loader.dir")).listFiles((d, n) -> n.endsWith("-all.jar"));
        assertEquals(1, all.length, "the -all jar is in target/loader-path");
        String log = run(List.of("-Dloader.path=" + all[0].getAbsolutePath(), "-cp", jar.toString(),
                        "org.springframework.boot.loader.launch.PropertiesLauncher",
                        "--bedrock.endpoint=" + emulator.endpoint()),
                Map.of("POSTHOG_API_KEY", "phc_loader_path", "POSTHOG_HOST", capture.endpoint().toString()));
        assertOneEventPerCall("phc_loader_path", log);
    }

    /** The child has exited (its context closed or its shutdown hook flushed): everything has arrived. */
    private void assertOneEventPerCall(String apiKey, String log) {
        assertTrue(log.contains("streamed: " + Responders.DEFAULT_ANSWER), log);
        List<CapturedEvent> events = capture.events();
        assertEquals(2, events.size(), () -> "one event per call: " + events + "\n" + log);
        assertEquals(List.of("Converse", "ConverseStream"),
                events.stream().map(e -> (String) e.property("operation")).sorted().collect(Collectors.toList()));
        for (CapturedEvent e : events) {
            assertEquals("bedrock_completion", e.event());
            assertEquals(apiKey, e.apiKey());
            assertEquals("What can I cook with rice?", e.property("prompt"));
            assertEquals(Responders.DEFAULT_ANSWER, e.property("generation"));
        }
        assertFalse(log.contains("internal error"), log);
    }

    private static List<String> libraries(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName()).filter(n -> n.startsWith("BOOT-INF/lib/"))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + jar, e);
        }
    }

    /** Runs a child JVM without any PostHog or AWS variables of ours, plus {@code env}; returns its output. */
    private static String run(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1"); // a short-lived JVM: less JIT work
        command.addAll(args);
        Path output = Files.createTempFile("spring-boot-app", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("POSTHOG_") || k.startsWith("AWS_"));
        builder.environment().putAll(env);
        Process child = builder.start();
        try {
            assertTrue(child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "child JVM did not exit: " + command);
            String log = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), () -> "exit code, output:\n" + log + "\ncommand: " + command);
            return log;
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
