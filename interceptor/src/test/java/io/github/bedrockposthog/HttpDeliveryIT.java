package io.github.bedrockposthog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bedrockposthog.internal.transport.DeliveryPolicy;
import io.github.bedrockposthog.internal.transport.DeliveryStats;
import io.github.bedrockposthog.internal.transport.EventSink;
import io.github.bedrockposthog.internal.transport.HostResolver;
import io.github.bedrockposthog.internal.transport.PostHogSink;
import io.github.bedrockposthog.testkit.CaptureServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP side of delivery against peers that misbehave: wrong hosts, redirects, peers that never answer, trickle or
 * reset, answers that are not PostHog's; and what a good request carries ({@code sent_at}) and keeps (its connection).
 */
class HttpDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LoopbackServers servers = new LoopbackServers();
    private final CaptureServer capture = servers.capture();
    private EventSink sink;

    @AfterEach
    void closeSink() {
        if (sink != null) {
            sink.close(1_000);
        }
    }

    /** Fast retries, a 1 s request deadline, at most {@code attempts} attempts (0: no limit). */
    private EventSink start(String host, int attempts) {
        sink = PostHogSink.start(host, "phc_http", 1_000, 1L << 30, 1_000,
                new DeliveryPolicy(60_000, attempts, 20, 200, 1_000));
        return sink;
    }

    private static void await(EventSink sink, String what, Predicate<DeliveryStats> condition) {
        Eventually.await(what, () -> condition.test(sink.stats()), WAIT, () -> sink.stats().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://us.i.posthog.com", "file:///etc/passwd", "us.i.posthog.com", "https://", "jar:file:/x.jar!/"})
    void aHostThatIsNotAnHttpUrlIsOneClearErrorAtStartAndNothingIsRetried(String host) {
        try (LogCapture log = LogCapture.start()) {
            assertNull(PostHogSink.start(host, "phc_http", 10, 1L << 20, 1_000, DeliveryPolicy.DEFAULT), host);
            assertEquals(1, log.lines("ERROR"), log::text);
            assertTrue(log.text().contains("POSTHOG_HOST '" + host + "'"), log::text);
            assertFalse(log.text().contains("phc_http"), "never the key");
        }
    }

    @Test
    void plainHttpToAnotherMachineIsWarnedOnceAndLoopbackIsNot() {
        try (LogCapture log = LogCapture.start()) {
            EventSink remote = PostHogSink.start("http://posthog.example.com", "phc_http", 10, 1L << 20, 1_000, DeliveryPolicy.DEFAULT);
            EventSink local = PostHogSink.start(capture.endpoint().toString(), "phc_http", 10, 1L << 20, 1_000, DeliveryPolicy.DEFAULT);
            remote.close(100);
            local.close(100);
            assertEquals(1, log.lines("uses plain http"), log::text);
            assertTrue(log.text().contains("http://posthog.example.com uses plain http"), log::text);
        }
    }

    @Test
    void aRedirectIsNotFollowedNorRetriedAndIsOneClearError() throws Exception {
        try (MisbehavingPeer peer = MisbehavingPeer.start(MisbehavingPeer.REDIRECT);
             LogCapture log = LogCapture.start()) {
            EventSink s = start(peer.endpoint(), 0);
            s.send("e", "user", Map.of("n", 1));
            await(s, "failed", st -> st.failed() == 1);
            s.send("e", "user", Map.of("n", 2));
            await(s, "failed", st -> st.failed() == 2);
            assertEquals(2, peer.connections(), "one request per batch, never retried");
            assertEquals(1, log.lines("ERROR"), log::text);
            assertTrue(log.text().contains("HTTP 301 redirect to eu.i.posthog.com"), log::text);
            assertEquals(0, s.stats().sent());
        }
    }

    @Test
    void aPeerThatTricklesItsAnswerIsCutAtTheRequestDeadline() throws Exception {
        try (MisbehavingPeer peer = MisbehavingPeer.start(MisbehavingPeer.TRICKLE);
             LogCapture log = LogCapture.start()) {
            EventSink s = start(peer.endpoint(), 1); // 1,000 bytes at 5 a second would take 200 s
            s.send("e", "user", Map.of("n", 1));
            await(s, "given up at the 1 s deadline", st -> st.failed() == 1);
            log.await("(request deadline)", WAIT);
        }
    }

    @Test
    void aResolverThatHangsIsCutAtTheRequestDeadlineAndNotAskedAgainWhileItHangs() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger lookups = new AtomicInteger();
        HostResolver hanging = host -> {
            lookups.incrementAndGet();
            try {
                never.await(); // as a resolver whose DNS server never answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (LogCapture log = LogCapture.start()) {
            sink = PostHogSink.start("http://posthog.example.invalid:8080", "phc_http", 1_000, 1L << 30, 1_000,
                    new DeliveryPolicy(60_000, 3, 20, 200, 1_000).withResolver(hanging));
            sink.send("e", "user", Map.of("n", 1));
            await(sink, "given up after three 1 s attempts", st -> st.failed() == 1);
            log.await("DNS lookup of posthog.example.invalid (request deadline)", WAIT);
            assertEquals(1, lookups.get(), "later attempts wait for the lookup under way instead of stacking more");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aPeerThatNeverAnswersIsCutAtTheRequestDeadline() throws Exception {
        try (MisbehavingPeer peer = MisbehavingPeer.start(MisbehavingPeer.SILENT)) {
            EventSink s = start(peer.endpoint(), 2);
            s.send("e", "user", Map.of("n", 1));
            await(s, "given up after two 1 s attempts", st -> st.failed() == 1);
            assertEquals(2, peer.connections());
        }
    }

    @Test
    void aResetMidAnswerIsRetriedAndNeverCountedAsSent() throws Exception {
        try (MisbehavingPeer peer = MisbehavingPeer.start(MisbehavingPeer.RESET)) {
            EventSink s = start(peer.endpoint(), 3);
            s.send("e", "user", Map.of("n", 1));
            await(s, "given up after three attempts", st -> st.failed() == 1);
            assertEquals(3, peer.connections());
            assertEquals(0, s.stats().sent());
        }
    }

    @Test
    void aTwoHundredThatIsNotPostHogsAnswerIsNotCountedAsSentAndIsRetried() {
        capture.answerWith("text/html", "<html><body>Please log in to the hotel Wi-Fi</body></html>");
        EventSink s = start(capture.endpoint().toString(), 0);
        s.send("e", "user", Map.of("n", 1));
        capture.awaitRequests(3, WAIT);
        assertEquals(0, s.stats().sent(), s.stats().toString());
        assertEquals(1, s.stats().queued());
        capture.recover();
        await(s, "sent once PostHog answers", st -> st.sent() == 1);
        assertEquals(1, capture.events().size());
    }

    @Test
    void aQuotaLimitedAnswerCountsTheEventsFailedWithoutRetrying() {
        capture.answerWith("application/json", "{\"status\": 1, \"quota_limited\": [\"events\"]}");
        EventSink s = start(capture.endpoint().toString(), 0);
        s.send("e", "user", Map.of("n", 1));
        await(s, "failed", st -> st.failed() == 1);
        assertEquals(0, s.stats().sent());
        assertEquals(1, capture.requestCount());
    }

    @Test
    void everyAttemptCarriesItsOwnSentAt() throws Exception {
        capture.failNext(1, 503);
        EventSink s = start(capture.endpoint().toString(), 0);
        Instant before = Instant.now();
        s.send("e", "user", Map.of("n", 1));
        await(s, "sent", st -> st.sent() == 1);
        List<String> bodies = capture.rawRequestBodies();
        assertEquals(2, bodies.size());
        Instant first = Instant.parse(JSON.readTree(bodies.get(0)).path("sent_at").asText());
        Instant second = Instant.parse(JSON.readTree(bodies.get(1)).path("sent_at").asText());
        assertFalse(first.isBefore(before.minusMillis(1)), first + " before " + before);
        assertTrue(second.isAfter(first), "the retry has its own sent_at: " + first + ", " + second);
    }

    @Test
    void requestsShareOneKeptAliveConnection() {
        EventSink s = start(capture.endpoint().toString(), 0);
        for (int i = 1; i <= 4; i++) {
            s.send("e", "user", Map.of("n", i));
            final int sent = i;
            await(s, "sent " + i, st -> st.sent() == sent);
        }
        assertEquals(4, capture.requestCount());
        assertEquals(1, new HashSet<>(capture.clientPorts()).size(), "one connection: " + capture.clientPorts());
    }
}
