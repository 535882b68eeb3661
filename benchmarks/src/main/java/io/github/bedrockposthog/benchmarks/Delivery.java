package io.github.bedrockposthog.benchmarks;

import io.github.bedrockposthog.BedrockPostHog;
import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery throughput: {@code --threads} application threads (default 8) call the loopback Bedrock emulator
 * (apache client, Llama InvokeModel) as fast as they can for {@code --seconds} (default 20, after a 3 s warm-up),
 * with the explicit interceptor delivering gzip batches to a loopback {@link CaptureServer}. Every 250 ms it
 * samples calls made, events acknowledged ({@code stats().sent()}), events received by the capture server and the
 * queue ({@code stats().queued()}). Delivery keeps up when events delivered per second over the window are at
 * least the calls per second and the queue stays bounded (and is empty shortly after the calls stop).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.bedrockposthog.benchmarks.Delivery --threads 8 --seconds 20</pre>
 */
public final class Delivery {

    private static final long SAMPLE_MILLIS = 250;

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int threads = intArg(args, "--threads", 8);
        int seconds = intArg(args, "--seconds", 20);
        int warmupSeconds = intArg(args, "--warmup", 3);
        Setup.requireNoZeroCodeKey();

        AtomicLong received = new AtomicLong();
        try (CaptureServer capture = CaptureServer.start();
             BedrockEmulator emulator = LoopbackBenchmark.startEmulator();
             BedrockPostHog postHog = BedrockPostHog.builder()
                     .apiKey("phc_bench")
                     .host(capture.endpoint().toString())
                     .flushTimeout(Duration.ofSeconds(10))
                     .build();
             BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                     .endpointOverride(emulator.endpoint())
                     .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                     .credentialsProvider(Setup.CREDENTIALS)
                     .httpClient(ApacheHttpClient.builder().maxConnections(threads * 2).build())
                     .overrideConfiguration(o -> o.addExecutionInterceptor(postHog.interceptor())
                             .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                     .build()) {
            capture.onEvent(e -> received.incrementAndGet());
            AtomicLong calls = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> app = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        try {
                            client.invokeModel(Wire.INVOKE_REQUEST);
                            calls.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    }
                }, "app-" + i);
                t.start();
                app.add(t);
            }
            Thread.sleep(warmupSeconds * 1000L);

            long callsAtStart = calls.get();
            long sentAtStart = postHog.stats().sent();
            long receivedAtStart = received.get();
            long start = System.nanoTime();
            long maxQueued = 0;
            long queuedSum = 0;
            int samples = 0;
            StringBuilder series = new StringBuilder();
            long deadline = start + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                Thread.sleep(SAMPLE_MILLIS);
                long queued = postHog.stats().queued();
                maxQueued = Math.max(maxQueued, queued);
                queuedSum += queued;
                samples++;
                if (samples % 4 == 0) {
                    series.append(queued).append(' ');
                }
                capture.clear(); // the capture server keeps every event: forget them (the listener counted)
                emulator.reset();
            }
            long elapsedNanos = System.nanoTime() - start;
            long windowCalls = calls.get() - callsAtStart;
            long windowSent = postHog.stats().sent() - sentAtStart;
            long windowReceived = received.get() - receivedAtStart;
            running.set(false);
            for (Thread t : app) {
                t.join();
            }
            long stopped = System.nanoTime();
            long totalCalls = calls.get();
            while (postHog.stats().queued() > 0 && System.nanoTime() - stopped < 15_000_000_000L) {
                Thread.sleep(10);
            }
            long drainMillis = (System.nanoTime() - stopped) / 1_000_000;
            BedrockPostHog.Stats stats = postHog.stats();

            double secondsElapsed = elapsedNanos / 1e9;
            double callRate = windowCalls / secondsElapsed;
            double sentRate = windowSent / secondsElapsed;
            double receivedRate = windowReceived / secondsElapsed;
            System.out.println("# Delivery: " + threads + " app threads, " + seconds + " s window after "
                    + warmupSeconds + " s warm-up, " + LocalDate.now() + ", JDK " + System.getProperty("java.version")
                    + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
            System.out.printf(Locale.ROOT, "calls/s                      %.0f%n", callRate);
            System.out.printf(Locale.ROOT, "events acknowledged/s        %.0f  (delivered/calls = %.3f)%n", sentRate, sentRate / callRate);
            System.out.printf(Locale.ROOT, "events received by server/s  %.0f  (received/calls = %.3f)%n", receivedRate, receivedRate / callRate);
            System.out.printf(Locale.ROOT, "queue: max %d, mean %.0f, sampled every %d ms; every 1 s: %s%n",
                    maxQueued, (double) queuedSum / samples, SAMPLE_MILLIS, series.toString().trim());
            System.out.printf(Locale.ROOT, "after the calls stopped: queue empty in %d ms; total calls %d, sent %d, "
                    + "dropped %d, failed %d, call failures %d%n", drainMillis, totalCalls, stats.sent(),
                    stats.dropped(), stats.failed(), failures.get());
            boolean keepsUp = stats.dropped() == 0 && stats.queued() == 0 && stats.sent() == totalCalls
                    && sentRate >= callRate * 0.99;
            System.out.println("RESULT delivery " + (keepsUp ? "keeps up" : "DOES NOT keep up")
                    + String.format(Locale.ROOT, " ratio=%.3f calls/s=%.0f events/s=%.0f maxQueued=%d drainMs=%d",
                    sentRate / callRate, callRate, sentRate, maxQueued, drainMillis));
        }
    }

    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private Delivery() {
    }
}
