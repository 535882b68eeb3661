package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory under a PostHog outage, measured (not part of the test run; see BENCHMARKS.md for the command): the capture
 * server is down for {@code --minutes} while an app makes Bedrock calls at a steady {@code --rate} per second, each with
 * a prompt of {@code --prompt-chars}. Every {@code --sample-seconds} the used heap after a full GC is printed with the
 * delivery counters. Then PostHog comes back and the queued events must all be delivered.
 *
 * <pre>
 * java -Xmx512m -cp ... io.github.bedrockposthog.OutageMemoryHarness --minutes 10 --rate 50 --max-queue 10000
 * </pre>
 */
public final class OutageMemoryHarness {

    private OutageMemoryHarness() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = 10;
        int rate = 50;
        int maxQueue = 10_000;
        long maxQueueBytes = 64L * 1024 * 1024;
        int sampleSeconds = 30;
        int promptChars = 2_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--max-queue" -> maxQueue = Integer.parseInt(args[i + 1]);
                case "--max-queue-bytes" -> maxQueueBytes = Long.parseLong(args[i + 1]);
                case "--sample-seconds" -> sampleSeconds = Integer.parseInt(args[i + 1]);
                case "--prompt-chars" -> promptChars = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("outage harness: %s, JDK %s, max heap %d MB, %.1f min at %d calls/s, prompt %d chars, "
                        + "max queue %d events / %d bytes%n", Instant.now(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, minutes, rate, promptChars, maxQueue, maxQueueBytes);

        BedrockEmulator emulator = BedrockEmulator.start();
        CaptureServer capture = CaptureServer.start();
        BedrockPostHog posthog = BedrockPostHog.builder().apiKey("phc_harness").host(capture.endpoint().toString())
                .maxQueue(maxQueue).maxQueueBytes(maxQueueBytes).flushTimeout(Duration.ofSeconds(30)).build();
        BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor());
        String filler = "x".repeat(promptChars);
        AtomicLong calls = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Runnable call = () -> {
            long n = calls.incrementAndGet();
            try {
                String prompt = "call " + n + " " + filler;
                client.invokeModel(r -> r.modelId("meta.llama3-1-8b-instruct-v1:0")
                        .body(SdkBytes.fromUtf8String("{\"prompt\":\"" + prompt + "\"}")));
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        };
        for (int i = 0; i < 200; i++) { // warm up with PostHog up, so the baseline holds loaded classes
            call.run();
        }
        waitUntil(() -> posthog.stats().queued() == 0, 30);
        long warmupCalls = calls.get();
        capture.clear();
        long baseline = usedHeapAfterGc(emulator);
        System.out.printf("baseline after %d warm-up calls: used heap %.1f MB%n", warmupCalls, baseline / 1048576.0);
        System.out.println("elapsed_s,calls,queued,queued_mb,dropped,sent,failed,used_heap_mb");

        capture.stop(); // the outage
        ScheduledExecutorService app = Executors.newSingleThreadScheduledExecutor();
        app.scheduleAtFixedRate(call, 0, 1_000_000L / rate, TimeUnit.MICROSECONDS);
        long start = System.nanoTime();
        long end = start + (long) (minutes * 60e9);
        long maxUsed = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(sampleSeconds * 1000L, Math.max(1, (end - System.nanoTime()) / 1_000_000L)));
            long used = usedHeapAfterGc(emulator);
            maxUsed = Math.max(maxUsed, used);
            BedrockPostHog.Stats s = posthog.stats();
            System.out.printf("%d,%d,%d,%.1f,%d,%d,%d,%.1f%n", (System.nanoTime() - start) / 1_000_000_000L,
                    calls.get() - warmupCalls, s.queued(), s.queuedBytes() / 1048576.0, s.dropped(), s.sent(), s.failed(),
                    used / 1048576.0);
        }
        app.shutdown();
        app.awaitTermination(30, TimeUnit.SECONDS);
        BedrockPostHog.Stats during = posthog.stats();
        long outageCalls = calls.get() - warmupCalls;

        capture.restart(); // PostHog is back
        long sentBefore = during.sent();
        long recoverStart = System.nanoTime();
        waitUntil(() -> posthog.stats().queued() == 0, 120);
        double recoverSeconds = (System.nanoTime() - recoverStart) / 1e9;
        BedrockPostHog.Stats after = posthog.stats();
        int received = capture.events().size();
        capture.clear();
        long usedAfter = usedHeapAfterGc(emulator);
        System.out.printf("outage calls %d (failed calls %d); during: %s%n", outageCalls, failures.get(), during);
        System.out.printf("after recovery (%.1f s): %s; delivered after the outage: %d; capture received %d events%n",
                recoverSeconds, after, after.sent() - sentBefore, received);
        System.out.printf("used heap: baseline %.1f MB, max during outage %.1f MB (+%.1f MB), after delivery %.1f MB%n",
                baseline / 1048576.0, maxUsed / 1048576.0, (maxUsed - baseline) / 1048576.0, usedAfter / 1048576.0);
        client.close();
        posthog.close();
        capture.close();
        emulator.close();
    }

    /** The harness's own servers keep what they receive: forgotten before every sample, so only the app is measured. */
    private static long usedHeapAfterGc(BedrockEmulator emulator) throws InterruptedException {
        emulator.reset();
        return usedHeapAfterGc();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
