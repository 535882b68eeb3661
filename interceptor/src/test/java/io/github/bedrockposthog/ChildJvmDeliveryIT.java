package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real application JVM whose PostHog is down while it makes its calls: once PostHog is back, and while the app is
 * still running, every event arrives exactly once; then the app exits normally.
 */
class ChildJvmDeliveryIT {

    private static final int CALLS = 40;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static BedrockEmulator emulator;
    private static CaptureServer capture;
    private Child child;

    @BeforeAll
    static void startServers() {
        emulator = BedrockEmulator.start();
        capture = CaptureServer.start();
    }

    @AfterAll
    static void stopServers() {
        emulator.close();
        capture.close();
    }

    @BeforeEach
    void reset() {
        capture.recover();
        capture.restart();
        capture.clear();
    }

    @AfterEach
    void killChild() {
        if (child != null && child.process.isAlive()) {
            child.process.destroyForcibly();
        }
    }

    /** A running {@link OutageApp} and what it printed. */
    private static final class Child {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CountDownLatch callsDone = new CountDownLatch(1);

        Child(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                        if (line.startsWith("calls done")) {
                            callsDone.countDown();
                        }
                    }
                } catch (Exception ignored) {
                    // the child is gone
                }
            }, "child-output");
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            return String.join("\n", lines);
        }

        void awaitCallsDone() throws InterruptedException {
            assertTrue(callsDone.await(WAIT.toSeconds(), TimeUnit.SECONDS), () -> "the child made no calls:\n" + output());
        }

        /** Tells the child to return from main; waits for the JVM to exit. */
        int exit() throws Exception {
            try (OutputStream in = process.getOutputStream()) {
                in.write("exit\n".getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), () -> "the child did not exit:\n" + output());
            return process.exitValue();
        }
    }

    private Child startChild(String marker) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dsun.net.httpserver.nodelay=true");
        command.add("-Dposthog.bedrock.internal.retryBaseMs=50");
        command.add("-Dposthog.bedrock.internal.retryMaxMs=500");
        command.add(OutageApp.class.getName());
        command.add(emulator.endpoint().toString());
        command.add(String.valueOf(CALLS));
        command.add(marker);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("POSTHOG_API_KEY", "phc_child_outage");
        builder.environment().put("POSTHOG_HOST", capture.endpoint().toString());
        child = new Child(builder.start());
        return child;
    }

    private static void assertEachCallArrivedOnce(String marker, List<CapturedEvent> events) {
        Map<Object, Long> perPrompt = events.stream().collect(Collectors.groupingBy(e -> e.property("prompt"), Collectors.counting()));
        for (int i = 0; i < CALLS; i++) {
            assertEquals(1L, perPrompt.getOrDefault(marker + "-" + i, 0L), marker + "-" + i + " in " + perPrompt);
        }
        assertEquals(CALLS, events.size());
        assertEquals(CALLS, events.stream().map(CapturedEvent::uuid).distinct().count());
    }

    @Test
    void callsMadeWhilePostHogRefusedConnectionsAllArriveOnceWhenItComesBack() throws Exception {
        capture.stop();
        Child app = startChild("refused");
        app.awaitCallsDone();
        assertEquals(0, capture.requestCount());
        capture.restart();
        List<CapturedEvent> events = capture.awaitEvents(CALLS, WAIT); // delivered by the live app's retries
        assertEquals(0, app.exit(), app.output());
        assertEachCallArrivedOnce("refused", capture.events());
        assertTrue(events.size() >= CALLS);
        assertTrue(app.output().contains("stats: DeliveryStats{queued=0, sent=" + CALLS + ", dropped=0, failed=0"),
                app.output());
    }

    @Test
    void callsMadeWhilePostHogAnswered503AllArriveOnceWithTheirFirstUuids() throws Exception {
        capture.respondAlways(503);
        Child app = startChild("unavailable");
        app.awaitCallsDone();
        capture.awaitRequests(3, WAIT); // the app retries while PostHog is down
        assertEquals(0, capture.events().size());
        List<String> refusedBodies = capture.rawRequestBodies();
        capture.recover();
        capture.awaitEvents(CALLS, WAIT);
        assertEquals(0, app.exit(), app.output());
        List<CapturedEvent> events = capture.events();
        assertEachCallArrivedOnce("unavailable", events);
        Set<String> accepted = events.stream().map(CapturedEvent::uuid).collect(Collectors.toSet());
        for (String body : refusedBodies) {
            assertTrue(accepted.containsAll(DeliveryIT.uuidsOfRequest(body)), "a refused event came back with a new uuid");
        }
        assertTrue(app.output().contains("stats: DeliveryStats{queued=0, sent=" + CALLS + ", dropped=0, failed=0"),
                app.output());
    }
}
