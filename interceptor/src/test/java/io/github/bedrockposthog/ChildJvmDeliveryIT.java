package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.EventStreamFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
    @RegisterExtension
    static final LoopbackServers servers = new LoopbackServers();
    private final BedrockEmulator emulator = servers.emulator();
    private final CaptureServer capture = servers.capture();
    private Child child;

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
        final CountDownLatch streaming = new CountDownLatch(1);

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
                        if (line.startsWith("streaming")) {
                            streaming.countDown();
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
        return startChild(Map.of(), OutageApp.class.getName(), emulator.endpoint().toString(), String.valueOf(CALLS), marker);
    }

    /** A zero-code app JVM configured by environment variables, as in production; retries fast. */
    private Child startChild(Map<String, String> environment, String... mainAndArgs) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dsun.net.httpserver.nodelay=true");
        command.addAll(List.of(mainAndArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("POSTHOG_API_KEY", "phc_child_outage");
        builder.environment().put("POSTHOG_HOST", capture.endpoint().toString());
        builder.environment().put("POSTHOG_BEDROCK_RETRY_BACKOFF_MS", "50");
        builder.environment().put("POSTHOG_BEDROCK_RETRY_BACKOFF_MAX_MS", "500");
        builder.environment().putAll(environment);
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
    void aSigtermDuringAStreamingCallStillDeliversThatCallsEvent() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 30; i++) { // 30 frames 100 ms apart: a 3-second stream
            frames.add(EventStreamFrames.chunk("{\"generation\":\"word" + i + " \"}"));
        }
        frames.add(EventStreamFrames.chunk("{\"generation\":\"\",\"stop_reason\":\"stop\","
                + "\"prompt_token_count\":3,\"generation_token_count\":30}"));
        emulator.enqueue(EmulatorReply.stream(frames).toBuilder().frameGap(Duration.ofMillis(100)).build());
        // An idle time far below the stream's: the call in flight alone must keep delivery (and its hook) ready.
        Child app = startChild(Map.of("POSTHOG_BEDROCK_FLUSH_TIMEOUT_MS", "10000", "POSTHOG_BEDROCK_WORKER_IDLE_MS", "100"),
                StreamingShutdownApp.class.getName(), emulator.endpoint().toString());
        assertTrue(app.streaming.await(WAIT.toSeconds(), TimeUnit.SECONDS), app::output);
        Eventually.await("the stream started", () -> !emulator.requests().isEmpty(), WAIT, app::output);
        app.process.destroy(); // SIGTERM, as Kubernetes and systemd send it
        assertTrue(app.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), app::output);
        List<CapturedEvent> events = capture.awaitEvents(1, WAIT);
        assertEquals(1, events.size(), () -> events + "\n" + app.output());
        CapturedEvent event = events.get(0);
        assertEquals("bedrock_completion", event.event(), app.output());
        assertTrue(String.valueOf(event.property("generation")).startsWith("word0 word1 "), String.valueOf(event.property("generation")));
        assertTrue(String.valueOf(event.property("generation")).contains("word29"), "the whole stream: " + event.property("generation"));
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
