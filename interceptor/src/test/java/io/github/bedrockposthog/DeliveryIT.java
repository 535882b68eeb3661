package io.github.bedrockposthog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.EventStreamFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery when PostHog misbehaves, end to end: real SDK calls against the loopback emulator, events to the loopback
 * capture server while it refuses connections, answers errors, stalls, or cannot be resolved at all.
 */
class DeliveryIT {

    private static final String LLAMA = "meta.llama3-1-8b-instruct-v1:0";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LoopbackPostHog servers = new LoopbackPostHog();
    private final BedrockEmulator emulator = servers.emulator();
    private final CaptureServer capture = servers.capture();

    private BedrockPostHog posthog(Consumer<BedrockPostHog.Builder> more) {
        return servers.open("phc_delivery", more);
    }

    /** Makes {@code count} InvokeModel calls whose prompts are {@code marker-0}, {@code marker-1}, ... */
    private static List<String> calls(BedrockRuntimeClient client, String marker, int count) {
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String prompt = marker + "-" + i;
            client.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String("{\"prompt\":\"" + prompt + "\"}")));
            prompts.add(prompt);
        }
        return prompts;
    }

    static List<String> uuidsOfRequest(String rawBody) {
        try {
            List<String> uuids = new ArrayList<>();
            for (JsonNode event : JSON.readTree(rawBody).path("batch")) {
                uuids.add(event.path("uuid").asText());
            }
            return uuids;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + rawBody, e);
        }
    }

    private static void awaitStats(BedrockPostHog p, String what, java.util.function.Predicate<BedrockPostHog.Stats> condition) {
        Eventually.await(what, () -> condition.test(p.stats()), WAIT, () -> p.stats().toString());
    }

    private static void assertExactlyOnce(List<String> prompts, List<CapturedEvent> events) {
        Map<Object, Long> perPrompt = events.stream().collect(Collectors.groupingBy(e -> e.property("prompt"), Collectors.counting()));
        for (String prompt : prompts) {
            assertEquals(1L, perPrompt.getOrDefault(prompt, 0L), () -> prompt + " must arrive exactly once: " + perPrompt);
        }
        assertEquals(prompts.size(), events.size(), "no other event");
        assertEquals(prompts.size(), events.stream().map(CapturedEvent::uuid).distinct().count(), "distinct uuids");
    }

    @Test
    void eventsQueuedWhilePostHogRefusesConnectionsAllArriveOnceWhenItIsBack() {
        capture.stop();
        BedrockPostHog posthog = posthog(b -> { });
        List<String> prompts;
        try (LogCapture log = LogCapture.start();
             BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            prompts = calls(client, "refused", 30);
            log.await("PostHog not reachable (ConnectException", WAIT);
            assertEquals(30, posthog.stats().queued(), "all events wait in the queue: " + posthog.stats());
            assertEquals(0, posthog.stats().failed());
            capture.restart();
            capture.awaitEvents(30, WAIT);
        }
        awaitStats(posthog, "sent 30", s -> s.sent() == 30 && s.queued() == 0);
        posthog.close();
        assertExactlyOnce(prompts, capture.events());
        BedrockPostHog.Stats stats = posthog.stats();
        assertEquals(0, stats.dropped());
        assertEquals(0, stats.failed());
        assertEquals(0, stats.queuedBytes());
    }

    @Test
    void aBatchAnswered503IsResentWithTheSameUuidsAndCountedOnce() {
        capture.failNext(1, 503);
        BedrockPostHog posthog = posthog(b -> { });
        List<String> prompts;
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            prompts = calls(client, "busy", 10);
            capture.awaitEvents(10, WAIT);
        }
        awaitStats(posthog, "sent 10", s -> s.sent() == 10);
        posthog.close();
        List<String> bodies = capture.rawRequestBodies();
        assertTrue(bodies.size() >= 2, "a failed request and its retry");
        List<String> refused = uuidsOfRequest(bodies.get(0));
        Set<String> accepted = capture.events().stream().map(CapturedEvent::uuid).collect(Collectors.toSet());
        assertFalse(refused.isEmpty());
        assertTrue(accepted.containsAll(refused), "the retry carries the refused events' uuids: " + refused);
        assertExactlyOnce(prompts, capture.events());
        assertEquals(10, posthog.stats().sent(), "each event counted once: " + posthog.stats());
        assertEquals(0, posthog.stats().failed());
    }

    @Test
    void aPostHogAnswering503ForAWhileGetsEverythingOnceItRecovers() {
        capture.respondAlways(503);
        BedrockPostHog posthog = posthog(b -> { });
        List<String> prompts;
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            prompts = calls(client, "outage503", 20);
            capture.awaitRequests(5, WAIT); // retried again and again
            assertEquals(0, capture.events().size());
            assertEquals(20, posthog.stats().queued());
            capture.recover();
            capture.awaitEvents(20, WAIT);
        }
        awaitStats(posthog, "sent 20", s -> s.sent() == 20);
        posthog.close();
        assertExactlyOnce(prompts, capture.events());
    }

    @Test
    void aPoisonEventIsGivenUpAtTheRetryMaxAgeAndCallsMadeAfterItStillArrive() {
        capture.failBatchesContaining("poison-pill", 500); // every batch holding it is answered 500, forever
        BedrockPostHog posthog = posthog(b -> b.retryMaxAge(Duration.ofMillis(5_000)));
        List<String> after;
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            calls(client, "poison-pill", 1);
            long poisonedAt = System.nanoTime();
            after = calls(client, "after-poison", 20);
            capture.awaitEvents(20, Duration.ofSeconds(15));
            long millis = (System.nanoTime() - poisonedAt) / 1_000_000L;
            assertTrue(millis < 15_000, "calls made after the poison arrived after " + millis + " ms");
        }
        awaitStats(posthog, "poison given up", s -> s.failed() == 1 && s.sent() == 20 && s.queued() == 0);
        assertExactlyOnce(after, capture.events());
    }

    @Test
    void aBatchWithAPoisonEventIsSplitSoTheOthersArriveWithoutWaitingForItsMaxAge() {
        capture.failBatchesContaining("poison-pill", 500);
        BedrockPostHog posthog = posthog(b -> b.retryMaxAge(Duration.ofMinutes(10)));
        List<String> others;
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            // One batch: the calls take far less than the 500 ms the queue gathers events for.
            List<String> prompts = new ArrayList<>(calls(client, "fine-before", 4));
            calls(client, "poison-pill", 1);
            prompts.addAll(calls(client, "fine-after", 4));
            others = prompts;
            capture.awaitEvents(8, WAIT);
        }
        assertTrue(capture.rawRequestBodies().stream().anyMatch(b -> b.contains("poison-pill") && uuidsOfRequest(b).size() > 1),
                "the poison travelled with others at first: " + capture.rawRequestBodies().size() + " requests");
        // The capture server holds the events before the sender has read its answers: wait for the counters.
        awaitStats(posthog, "only the poison is still retried", st -> st.queued() == 1 && st.sent() == 8);
        assertExactlyOnce(others, capture.events());
    }

    @Test
    void aPersistentOutageGivesABatchUpAfterTheMostAttempts() {
        capture.respondAlways(503);
        BedrockPostHog posthog = posthog(b -> b.retryMaxAttempts(3));
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            calls(client, "outage", 1);
            awaitStats(posthog, "given up", s -> s.failed() == 1 && s.queued() == 0);
        }
        assertEquals(3, capture.requestCount(), "three attempts, then given up");
        capture.recover();
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            calls(client, "recovered", 1);
            awaitStats(posthog, "later events go on", s -> s.sent() == 1);
        }
    }

    /** Interrupts every bedrock-posthog delivery thread (this test's; others' ignore it the same way). */
    private static int interruptDeliveryThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("bedrock-posthog-delivery")) {
                t.interrupt();
                n++;
            }
        }
        return n;
    }

    @Test
    void anInterruptedDeliveryThreadKeepsDelivering() {
        BedrockPostHog posthog = posthog(b -> { });
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            calls(client, "before", 1);
            awaitStats(posthog, "sent 1", s -> s.sent() == 1);
            for (int i = 0; i < 5; i++) {
                assertTrue(interruptDeliveryThreads() > 0);
            }
            List<String> after = calls(client, "after-interrupt", 5);
            awaitStats(posthog, "sent 6", s -> s.sent() == 6 && s.queued() == 0);
            assertEquals(0, posthog.stats().workerRestarts(), "the thread ignored the interrupts: " + posthog.stats());
            assertTrue(posthog.stats().workerAlive());
            assertEquals(6, capture.events().size());
            assertTrue(after.stream().allMatch(p -> capture.events().stream().anyMatch(e -> p.equals(e.property("prompt")))));
        }
    }

    @Test
    void anInterruptDuringRetriesCausesNoHotLoop() throws Exception {
        capture.respondAlways(503);
        BedrockPostHog posthog = posthog(b -> b.retryBackoff(Duration.ofMillis(500), Duration.ofMillis(500)));
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            calls(client, "interrupted-retry", 1);
            capture.awaitRequests(1, WAIT); // now waiting for its next attempt
            int before = capture.requestCount();
            for (int i = 0; i < 20; i++) {
                interruptDeliveryThreads();
                Thread.sleep(50);
            }
            int during = capture.requestCount() - before;
            // 1 s of interrupts with a 250..500 ms backoff: a few attempts, not one per interrupt.
            assertTrue(during <= 6, during + " attempts in 1 s of interrupts");
            capture.recover();
            awaitStats(posthog, "sent after the interrupts", s -> s.sent() == 1);
        }
    }

    @Test
    void deliverySpacesItsAttemptsByTheGrowingBackoff() {
        capture.respondAlways(503);
        BedrockPostHog posthog = posthog(b -> b.retryBackoff(Duration.ofMillis(100), Duration.ofMillis(800)));
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            calls(client, "spaced", 1);
            capture.awaitRequests(6, WAIT);
        }
        List<Long> at = capture.arrivalNanos();
        for (int k = 1; k < 6; k++) {
            long gapMillis = (at.get(k) - at.get(k - 1)) / 1_000_000L;
            long step = Math.min(100L << (k - 1), 800);
            // "Equal jitter": each wait is in the upper half of its step (minus a little for clock granularity).
            assertTrue(gapMillis >= step / 2 - 5, "attempt " + (k + 1) + " came " + gapMillis + " ms after the one before, "
                    + "its backoff step is " + step + " ms");
        }
    }

    @Test
    void a429IsRetriedNoEarlierThanItsRetryAfter() {
        capture.failNext(1, 429); // answered with Retry-After: 1
        BedrockPostHog posthog = posthog(b -> { });
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            calls(client, "throttled", 1);
            capture.awaitRequests(1, WAIT);
            long throttledAt = System.nanoTime();
            capture.awaitEvents(1, WAIT);
            long waitedMillis = (System.nanoTime() - throttledAt) / 1_000_000L;
            // The backoff alone would retry within 20 ms here.
            assertTrue(waitedMillis >= 900, "Retry-After: 1 must be honoured, retried after " + waitedMillis + " ms");
        }
        awaitStats(posthog, "sent 1", s -> s.sent() == 1);
        assertEquals(2, capture.requestCount());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403})
    void aRefusedBatchIsNotRetriedAndTheRefusalIsLoggedOnce(int status) {
        capture.respondAlways(status);
        BedrockPostHog posthog = posthog(b -> { });
        try (LogCapture log = LogCapture.start();
             BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            calls(client, "refused" + status, 1);
            awaitStats(posthog, "failed 1", s -> s.failed() == 1);
            calls(client, "again" + status, 1);
            awaitStats(posthog, "failed 2", s -> s.failed() == 2);
            assertEquals(2, capture.requestCount(), "one request per batch, no retry");
            assertEquals(1, log.lines("PostHog rejected"), () -> "logged once per minute:\n" + log.text());
            assertEquals(1, log.lines("HTTP " + status));
        }
        assertEquals(0, posthog.stats().queued());
        assertEquals(0, posthog.stats().sent());
    }

    @Test
    void anUnresolvableHostKeepsEventsQueuedAndCloseGivesUpAtItsDeadline() {
        BedrockPostHog posthog = posthog(b -> b.host("http://nonexistent.invalid").flushTimeout(Duration.ofMillis(1_000)));
        try (LogCapture log = LogCapture.start();
             BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            calls(client, "dns", 5);
            log.await("UnknownHostException", WAIT);
            assertEquals(5, posthog.stats().queued(), "kept and retried, not given up: " + posthog.stats());
            assertEquals(0, posthog.stats().failed());
            long start = System.nanoTime();
            posthog.close();
            long closeMillis = (System.nanoTime() - start) / 1_000_000L;
            assertTrue(closeMillis < 1_000 + 1_000, "close() waits at most its 1 s deadline: " + closeMillis + " ms");
        }
        awaitStats(posthog, "given up", s -> s.failed() == 5 && s.queued() == 0);
    }

    @Test
    void beyondTheQueueCapNewEventsAreDroppedCountedAndWarnedOnce() {
        capture.stop();
        BedrockPostHog posthog = posthog(b -> b.maxQueue(100));
        try (LogCapture log = LogCapture.start();
             BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            calls(client, "flood", 1_000);
            BedrockPostHog.Stats stats = posthog.stats();
            assertEquals(100, stats.queued(), stats.toString());
            assertEquals(900, stats.dropped(), stats.toString());
            assertEquals(0, stats.sent());
            assertEquals(0, stats.failed());
            assertEquals(1, log.lines("delivery queue full"), () -> "one WARN, not 900:\n" + log.text());
        }
        capture.restart();
        capture.awaitEvents(100, WAIT);
        awaitStats(posthog, "sent 100", s -> s.sent() == 100 && s.queued() == 0);
        posthog.close();
        assertEquals(100, capture.events().size());
        assertEquals(900, posthog.stats().dropped());
    }

    @Test
    void closeIsIdempotentAndKeepsItsDeadlineAgainstAStalledPostHog() {
        Duration stall = Duration.ofSeconds(30);
        capture.stall(stall);
        BedrockPostHog posthog = posthog(b -> b.flushTimeout(Duration.ofMillis(1_000)));
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            calls(client, "stalled", 3);
        }
        capture.awaitRequests(1, WAIT); // the batch hangs in the capture server
        long start = System.nanoTime();
        posthog.close();
        long firstMillis = (System.nanoTime() - start) / 1_000_000L;
        BedrockPostHog.Stats afterFirst = posthog.stats();
        start = System.nanoTime();
        posthog.close();
        posthog.close();
        long againMillis = (System.nanoTime() - start) / 1_000_000L;
        assertTrue(firstMillis < 1_000 + 1_000, "close() keeps its 1 s deadline against a 30 s stall: " + firstMillis + " ms");
        assertTrue(againMillis < 500, "closing again returns at once: " + againMillis + " ms");
        assertEquals(afterFirst.toString(), posthog.stats().toString(), "closing again changes nothing");
        assertEquals(0, afterFirst.sent());
        assertEquals(3, afterFirst.failed(), "settled as failed when close() returns, none left queued: " + afterFirst);
        assertEquals(0, afterFirst.queued());
    }

    @Test
    void closeWaitsForACallStillStreamingAndDeliversItsEvent() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 15; i++) { // 1.5 s of stream
            frames.add(EventStreamFrames.chunk("{\"generation\":\"word" + i + " \"}"));
        }
        frames.add(EventStreamFrames.chunk("{\"generation\":\"\",\"stop_reason\":\"stop\","
                + "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":3,\"outputTokenCount\":15}}"));
        emulator.enqueue(EmulatorReply.stream(frames).toBuilder().frameGap(Duration.ofMillis(100)).build());
        BedrockPostHog posthog = posthog(b -> b.flushTimeout(Duration.ofSeconds(10)));
        try (BedrockRuntimeAsyncClient client = Clients.netty(emulator.endpoint(), posthog.interceptor())) {
            CompletableFuture<Void> call = client.invokeModelWithResponseStream(
                    r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String("{\"prompt\":\"slow\"}")),
                    InvokeModelWithResponseStreamResponseHandler.builder().subscriber(e -> { }).build());
            Eventually.await("the stream started", () -> !emulator.requests().isEmpty(), WAIT, () -> "");
            posthog.close(); // as Spring's graceful shutdown would, while the call streams
            assertTrue(call.isDone(), "close() returned before the call ended");
            call.get(5, TimeUnit.SECONDS);
        }
        assertEquals(1, posthog.stats().sent(), posthog.stats().toString());
        assertTrue(String.valueOf(capture.events().get(0).property("generation")).contains("word14"));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a caller blocked on PostHog fails, not hangs
    void theCallingThreadNeverTalksToPostHogNorWaitsForIt() {
        Duration stall = Duration.ofSeconds(30);
        capture.stall(stall);
        Set<String> connectingThreads = ConcurrentHashMap.newKeySet();
        Set<Boolean> daemons = ConcurrentHashMap.newKeySet();
        ProxySelector previous = ProxySelector.getDefault();
        // HttpURLConnection asks the default ProxySelector on the thread that opens the connection.
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                if (uri.getPort() == capture.port()) {
                    connectingThreads.add(Thread.currentThread().getName());
                    daemons.add(Thread.currentThread().isDaemon());
                }
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        });
        try {
            BedrockPostHog posthog = posthog(b -> b.flushTimeout(Duration.ofMillis(500)));
            try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
                calls(client, "warmup", 1);
                capture.awaitRequests(1, WAIT); // the sender now hangs in a stalled request
                long start = System.nanoTime();
                calls(client, "while-stalled", 100);
                long elapsedMillis = (System.nanoTime() - start) / 1_000_000L;
                assertTrue(elapsedMillis < stall.toMillis() / 3,
                        "100 calls must not wait for a PostHog stalled for " + stall + ": took " + elapsedMillis + " ms");
                assertEquals(101, posthog.stats().queued(), posthog.stats().toString());
            }
            String caller = Thread.currentThread().getName();
            assertFalse(connectingThreads.isEmpty(), "the hook saw the sender connect");
            assertFalse(connectingThreads.contains(caller), "the caller's thread opened a connection: " + connectingThreads);
            assertEquals(Set.of("bedrock-posthog-delivery"), new HashSet<>(connectingThreads));
            assertEquals(Set.of(true), daemons, "only a daemon thread talks to PostHog");
        } finally {
            ProxySelector.setDefault(previous);
        }
    }

    @Test
    void theCallingThreadOnlyRecordsTheCallItsEventsAreMadeOnTheDeliveryThread() {
        Set<String> renderingThreads = ConcurrentHashMap.newKeySet();
        BedrockPostHog posthog = posthog(b -> b.redact((property, text) -> {
            renderingThreads.add(Thread.currentThread().getName()); // the redactor runs where events are made
            return text;
        }));
        String big = "x".repeat(300 * 1024); // over the size whose body is read on the caller's thread
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            calls(client, "small", 3);
            client.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String("{\"prompt\":\"big " + big + "\"}")));
            client.converse(r -> r.modelId(LLAMA).messages(m -> m.role("user").content(c -> c.text("converse"))));
        }
        List<CapturedEvent> events = capture.awaitEvents(5, WAIT);
        assertEquals(5, events.size(), events::toString);
        assertEquals(Set.of("bedrock-posthog-delivery"), renderingThreads,
                "no event was mapped on the app's thread (" + Thread.currentThread().getName() + ")");
        assertTrue(events.stream().anyMatch(e -> String.valueOf(e.property("prompt")).startsWith("big xxx")));
        assertTrue(events.stream().anyMatch(e -> "converse".equals(e.property("prompt"))), events::toString);
    }
}
