package io.github.bedrockposthog.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PostHog sink against the loopback capture server: request sizes, 413 splits, timeouts, the byte bound. */
class PostHogSinkIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LoopbackServers SERVERS = new LoopbackServers();
    private final CaptureServer capture = SERVERS.capture();

    /** Retries as fast as the extension says, so a test need not wait for the production backoff. */
    private static final DeliveryPolicy FAST = new DeliveryPolicy(DeliveryPolicy.DEFAULT_RETRY_MAX_AGE_MILLIS, 0,
            SERVERS.retryBackoff().toMillis(), SERVERS.retryBackoffMax().toMillis(),
            DeliveryPolicy.DEFAULT_REQUEST_TIMEOUT_MILLIS);

    private EventSink start(int maxQueue, long maxQueueBytes) {
        return start(maxQueue, maxQueueBytes, FAST);
    }

    private EventSink start(int maxQueue, long maxQueueBytes, DeliveryPolicy policy) {
        EventSink sink = PostHogSink.start(SERVERS.posthogHost(), "phc_sink", maxQueue, maxQueueBytes, 2_000, policy);
        SERVERS.closeAfterEach(() -> sink.close(2_000));
        return sink;
    }

    private static Map<String, Object> props(int i, String text) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n", i);
        p.put("text", text);
        return p;
    }

    private static void await(String what, BooleanSupplier condition, EventSink sink) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WAIT + ": " + what + " " + sink.stats());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int batchSize(String rawBody) throws Exception {
        return JSON.readTree(rawBody).path("batch").size();
    }

    private static Set<String> uuids(String rawBody) throws Exception {
        Set<String> uuids = new java.util.HashSet<>();
        for (JsonNode e : JSON.readTree(rawBody).path("batch")) {
            uuids.add(e.path("uuid").asText());
        }
        return uuids;
    }

    @Test
    void requestsStayUnderFiveMegabytesOfUtf8EvenWhenCharactersAreFewer() throws Exception {
        EventSink s = start(1_000, 1L << 30);
        String text = "漢".repeat(150_000); // 150,000 chars but 450 KB of UTF-8
        for (int i = 0; i < 20; i++) { // 9 MB of UTF-8 in 3 M chars: sent within one flush
            assertTrue(s.send("big_event", "user-" + i, props(i, text)));
        }
        List<CapturedEvent> events = capture.awaitEvents(20, WAIT);
        await("sent 20", () -> s.stats().sent() == 20, s);
        assertEquals(20, events.size());
        List<String> bodies = capture.rawRequestBodies();
        assertTrue(bodies.size() >= 2, "9 MB cannot travel in one request");
        for (String body : bodies) {
            int bytes = body.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= 5_000_000, "a request of " + bytes + " bytes of JSON");
        }
        assertEquals(0, s.stats().queuedBytes());
    }

    @Test
    void a413SplitsTheBatchInHalvesUntilItIsAccepted() throws Exception {
        EventSink s = start(1_000, 1L << 30);
        capture.failNext(1, 413);
        for (int i = 0; i < 100; i++) { // a full batch: sent at once, in one request
            s.send("split_event", "user", props(i, "x"));
        }
        capture.awaitEvents(100, WAIT);
        await("sent 100", () -> s.stats().sent() == 100, s);
        List<String> bodies = capture.rawRequestBodies();
        int refused = batchSize(bodies.get(0)); // 100, unless a flush happened while the events were added
        assertTrue(refused >= 2, "the refused request held a batch");
        assertEquals(refused / 2, batchSize(bodies.get(1)), "first half");
        assertEquals(refused - refused / 2, batchSize(bodies.get(2)), "second half");
        Set<String> halves = new java.util.HashSet<>(uuids(bodies.get(1)));
        halves.addAll(uuids(bodies.get(2)));
        assertEquals(uuids(bodies.get(0)), halves, "the halves are the refused batch");
        assertEquals(100, capture.events().size(), "each event delivered once");
        assertEquals(100, capture.events().stream().map(CapturedEvent::uuid).distinct().count());
        assertEquals(0, s.stats().failed());
    }

    @Test
    void aRequestThatTimedOutIsRetriedWithTheSameUuidsSoPostHogCanDeduplicate() throws Exception {
        capture.stall(Duration.ofMillis(1_500)); // longer than the request timeout; the server records it anyway
        EventSink s = start(1_000, 1L << 30, new DeliveryPolicy(60_000, 0, 20, 200, 300));
        for (int i = 0; i < 5; i++) {
            s.send("slow_event", "user", props(i, "t" + i));
        }
        capture.awaitRequests(2, WAIT); // the first request timed out and was retried
        capture.recover(); // from now on requests are answered at once
        await("sent 5", () -> s.stats().sent() == 5, s);
        int requests = capture.requestCount();
        // Every request, also those that timed out, is recorded by the capture server after its stall.
        List<CapturedEvent> events = capture.awaitEvents(5 * requests, WAIT);
        assertEquals(5 * requests, events.size());
        List<String> bodies = capture.rawRequestBodies();
        for (String body : bodies) {
            assertEquals(uuids(bodies.get(0)), uuids(body), "every retry carries the same uuids");
        }
        assertEquals(5, events.stream().map(CapturedEvent::uuid).distinct().count(), "PostHog keeps 5 events");
        assertEquals(5, s.stats().sent(), "counted once");
        assertEquals(0, s.stats().failed());
    }

    @Test
    void theQueueIsBoundedInBytesTooSoLargeEventsCannotExhaustTheHeap() {
        capture.stop();
        EventSink s = start(10_000, 2_000_000);
        String text = "a".repeat(100_000);
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            if (s.send("large_event", "user", props(i, text))) {
                accepted++;
            }
        }
        DeliveryStats stats = s.stats();
        assertTrue(accepted >= 18 && accepted <= 20, "about 2 MB of 100 KB events: " + accepted);
        assertEquals(accepted, stats.queued());
        assertEquals(100 - accepted, stats.dropped());
        assertTrue(stats.queuedBytes() <= 2_000_000, stats.toString());
        capture.restart();
        final int expected = accepted;
        await("delivered", () -> s.stats().sent() == expected, s);
        assertEquals(0, s.stats().queuedBytes());
        assertTrue(s.send("after_recovery", "user", props(0, text)), "room again once delivered");
    }

    @Test
    void aPropertyJsonCannotRepresentLosesOnlyItself() {
        EventSink s = start(1_000, 1L << 30);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ok", "kept");
        p.put("bad", Double.NaN);
        p.put("also_ok", 3);
        assertTrue(s.send("odd_event", "user", p));
        CapturedEvent e = capture.awaitEvents(1, WAIT).get(0);
        assertEquals("kept", e.property("ok"));
        assertEquals(3, e.property("also_ok"));
        assertFalse(e.hasProperty("bad"));
    }

    @Test
    void everyEventOfAFloodOfSmallBatchesIsSentOnce() {
        EventSink s = start(10_000, 1L << 30);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            s.send("many", "user-" + i, props(i, "m"));
            ids.add("user-" + i);
        }
        capture.awaitEvents(1_000, WAIT);
        await("sent", () -> s.stats().sent() == 1_000, s);
        assertEquals(ids, capture.events().stream().map(CapturedEvent::distinctId).sorted(
                java.util.Comparator.comparingInt(d -> Integer.parseInt(d.substring(5)))).collect(Collectors.toList()));
    }

    @Test
    void theDeliveryThreadRunsOnlyWhileAnEventOrACallIsPending() throws Exception {
        AtomicBoolean callInFlight = new AtomicBoolean();
        PostHogSink s = (PostHogSink) PostHogSink.start(capture.endpoint().toString(), "phc_sink", 100, 1L << 30, 2_000,
                FAST.withWorkerIdle(100), deadline -> !callInFlight.get());
        SERVERS.closeAfterEach(() -> s.close(2_000));
        assertFalse(s.deliveryThreadRunning(), "no thread before the first call");
        for (int round = 1; round <= 3; round++) {
            callInFlight.set(true);
            s.callStarted();
            assertTrue(s.deliveryThreadRunning(), "a call began: delivery (and its shutdown flush) is ready");
            Thread.sleep(500); // five idle times: the call in flight alone keeps the thread
            assertTrue(s.deliveryThreadRunning(), "a call still in flight keeps the thread");
            s.send("e", "user", props(round, "call " + round));
            callInFlight.set(false);
            int delivered = round;
            await("the event of call " + round, () -> capture.events().size() == delivered, s);
            await("the thread ended while idle", () -> !s.deliveryThreadRunning(), s);
        }
        assertEquals(3, s.stats().sent());
        assertEquals(0, s.stats().workerRestarts(), "idle ends are not failures");
    }

    /** A call's events, rendered by the sink when it takes them; records the thread that rendered them. */
    private static final class Deferred extends DeferredEvents {
        final int count;
        final int made;
        volatile String renderedOn;

        Deferred(int count, int made, long heldBytes) {
            super(heldBytes, 1_764_563_623_123L); // 2025-12-01T04:33:43.123Z
            this.count = count;
            this.made = made;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public void render(Consumer out) {
            renderedOn = Thread.currentThread().getName();
            for (int i = 0; i < made; i++) {
                out.event("deferred", "ada", props(i, "rendered late"));
            }
        }
    }

    @Test
    void aCallsEventsAreRenderedOnTheDeliveryThreadWithTheCallsTimestamp() {
        EventSink s = start(100, 1L << 20);
        Deferred call = new Deferred(2, 2, 10_000);
        assertTrue(s.send(call));
        assertEquals(null, call.renderedOn, "nothing rendered on the caller's thread");
        List<CapturedEvent> events = capture.awaitEvents(2, WAIT);
        assertEquals("bedrock-posthog-delivery", call.renderedOn);
        for (CapturedEvent e : events) {
            assertEquals("2025-12-01T04:33:43.123Z", e.timestamp(), e::toString);
        }
        await("settled", () -> s.stats().queued() == 0 && s.stats().queuedBytes() == 0, s);
        assertEquals(2, s.stats().sent());
    }

    @Test
    void eventsARendererFailedToMakeCountAsFailedAndFreeTheirRoom() {
        EventSink s = start(4, 1L << 20);
        assertTrue(s.send(new Deferred(2, 1, 50_000)), "admitted as two events");
        assertTrue(s.send(new Deferred(2, 0, 50_000)));
        assertFalse(s.send(new Deferred(1, 1, 1)), "four events wait: the bound counts announced events");
        await("settled", () -> s.stats().queued() == 0, s);
        assertEquals(1, s.stats().sent());
        assertEquals(3, s.stats().failed(), "announced, never made: failed, not lost from the counts");
        assertEquals(1, s.stats().dropped());
        assertEquals(0, s.stats().queuedBytes());
        assertTrue(s.send(new Deferred(4, 4, 1)), "room again");
        await("sent", () -> s.stats().sent() == 5, s);
    }
}
