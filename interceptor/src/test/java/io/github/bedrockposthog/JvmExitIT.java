package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real child JVM that returns from main: it must exit promptly, with its events delivered. */
class JvmExitIT {

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    private Process startChild(int calls, long flushTimeoutMillis, Path output) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dsun.net.httpserver.nodelay=true");
        command.add(ExitingApp.class.getName());
        command.add(emulator.endpoint().toString());
        command.add(String.valueOf(calls));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("POSTHOG_API_KEY", "phc_child");
        builder.environment().put("POSTHOG_HOST", capture.endpoint().toString());
        builder.environment().put("POSTHOG_BEDROCK_FLUSH_TIMEOUT_MS", String.valueOf(flushTimeoutMillis));
        return builder.start();
    }

    private static String read(Path output) {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void anAppThatReturnsFromMainExitsWithItsEventsDelivered() throws Exception {
        Path output = Files.createTempFile("child", ".log");
        Process child = startChild(3, 5_000, output);
        boolean exited = child.waitFor(60, TimeUnit.SECONDS);
        String log = Files.readString(output, StandardCharsets.UTF_8);
        if (!exited) {
            child.destroyForcibly();
        }
        assertTrue(exited, () -> "the child JVM must not be kept alive by bedrock-posthog:\n" + log);
        assertEquals(0, child.exitValue(), log);
        assertTrue(log.contains("calls done: 3"), log);
        assertEquals(3, capture.events().size(), () -> "all events delivered by the exit flush:\n" + log);
    }

    @Test
    void theExitFlushGivesUpAtItsDeadlineWhenPostHogHangs() throws Exception {
        capture.stall(Duration.ofSeconds(60));
        try {
            Path output = Files.createTempFile("child", ".log");
            Process child = startChild(1, 1_000, output);
            // Timed from the end of main (JVM start-up is not the flush's business).
            Eventually.await("the child's calls", () -> read(output).contains("calls done"), Duration.ofSeconds(60),
                    () -> read(output));
            long mainReturned = System.nanoTime();
            boolean exited = child.waitFor(60, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - mainReturned);
            String log = read(output);
            if (!exited) {
                child.destroyForcibly();
            }
            assertTrue(exited, () -> "a hanging PostHog must not keep the JVM alive:\n" + log);
            // 1 s flush deadline plus JVM teardown on a busy machine; the stalled request alone would hold 60 s.
            assertTrue(millis < 5_000, "exit within the 1 s flush deadline after main returned: took " + millis + " ms");
        } finally {
            capture.stall(Duration.ZERO);
        }
    }
}
