package io.github.bedrockposthog;

import io.github.bedrockposthog.internal.call.CallerScope;
import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 32 threads at once, half sync (Apache), half async (Netty), each under its own user: every event carries its own
 * thread's user, none is lost, none doubled, and nothing leaks into SDK threads or async callbacks.
 */
class ConcurrencyIT {

    private static final int THREADS = 32;
    private static final int CALLS_PER_THREAD = 6;
    private static final String LLAMA = "meta.llama3-1-8b-instruct-v1:0";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    private static String body(String prompt) {
        return "{\"prompt\":\"" + prompt + "\"}";
    }

    @Test
    void aScopeClosedOnAnotherThreadEndsOnThePooledThreadThatOpenedIt() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(); // one pooled thread, reused by every task
        try (BedrockPostHog posthog = SERVERS.posthog("phc_scopes").build();
             BedrockRuntimeClient sync = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            BedrockPostHog.Scope scope = pool.submit(() -> BedrockPostHog.identify("alice@example.com")).get();
            pool.submit(() -> sync.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body("in-scope"))))).get();
            scope.close(); // by the request's other thread, e.g. a completion callback
            pool.submit(() -> sync.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body("next-task"))))).get();
            Map<Object, String> users = capture.awaitEvents(2, WAIT).stream()
                    .collect(Collectors.toMap(e -> e.property("prompt"), CapturedEvent::distinctId));
            assertEquals("alice@example.com", users.get("in-scope"));
            assertTrue(!"alice@example.com".equals(users.get("next-task")), "the next task is not alice's: " + users);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyEventCarriesItsOwnThreadsUserExactlyOnce() throws Exception {
        Map<String, String> expectedUser = new ConcurrentHashMap<>(); // prompt -> distinct id it must carry
        Queue<String> leaks = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        try (BedrockPostHog posthog = SERVERS.posthog("phc_concurrency").build();
             BedrockRuntimeClient sync = Clients.apache(emulator.endpoint(), posthog.interceptor());
             BedrockRuntimeAsyncClient async = Clients.netty(emulator.endpoint(), posthog.interceptor())) {
            CyclicBarrier startTogether = new CyclicBarrier(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                final String user = "user-" + t + "@example.com";
                workers.add(pool.submit(() -> {
                    startTogether.await();
                    if (thread % 2 == 0) {
                        try (BedrockPostHog.Scope ignored = BedrockPostHog.identify(user)) {
                            for (int c = 0; c < CALLS_PER_THREAD; c++) {
                                String prompt = "sync-t" + thread + "-c" + c;
                                expectedUser.put(prompt, user);
                                if (c % 2 == 0) {
                                    sync.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body(prompt))));
                                } else {
                                    sync.converse(r -> r.modelId("amazon.nova-lite-v1:0").messages(userSays(prompt)));
                                }
                            }
                        }
                    } else {
                        List<CompletableFuture<?>> mine = new ArrayList<>();
                        try (BedrockPostHog.Scope ignored = BedrockPostHog.identify(user)) {
                            for (int c = 0; c < CALLS_PER_THREAD; c++) {
                                String prompt = "async-t" + thread + "-c" + c;
                                expectedUser.put(prompt, user);
                                CompletableFuture<?> call = c % 2 == 0
                                        ? async.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body(prompt))))
                                        : async.converse(r -> r.modelId("amazon.nova-lite-v1:0").messages(userSays(prompt)));
                                // The completion runs on an SDK thread: no scope may be visible there, and a call
                                // started from it belongs to nobody.
                                mine.add(call.thenCompose(done -> {
                                    if (CallerScope.current() != null) {
                                        leaks.add(Thread.currentThread().getName() + " sees " + CallerScope.current().distinctId());
                                    }
                                    String nested = "nested-" + prompt;
                                    expectedUser.put(nested, "");
                                    return async.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body(nested))));
                                }));
                            }
                        }
                        // Another user on this thread while the first user's calls are still completing.
                        try (BedrockPostHog.Scope decoy = BedrockPostHog.identify("decoy-" + thread)) {
                            String prompt = "decoy-t" + thread;
                            expectedUser.put(prompt, "decoy-" + thread);
                            async.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body(prompt)))).join();
                        }
                        synchronized (pending) {
                            pending.addAll(mine);
                        }
                    }
                    if (CallerScope.current() != null) {
                        leaks.add(Thread.currentThread().getName() + " kept a scope after closing it");
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
            pool.shutdown();

            int expected = expectedUser.size();
            // sync threads: their calls; async threads: their calls, one nested call each, one decoy call
            assertEquals(THREADS / 2 * CALLS_PER_THREAD + THREADS / 2 * (2 * CALLS_PER_THREAD + 1), expected, "calls made");
            capture.awaitEvents(expected, WAIT);
        } // closing flushes: a doubled event would be here now
        List<CapturedEvent> events = capture.events();
        assertTrue(leaks.isEmpty(), () -> "scopes leaked: " + leaks);
        Map<Object, List<CapturedEvent>> byPrompt = events.stream().collect(Collectors.groupingBy(e -> e.property("prompt")));
        assertEquals(expectedUser.keySet(), byPrompt.keySet(), "one event per call, each identified by its prompt");
        for (Map.Entry<String, String> call : expectedUser.entrySet()) {
            List<CapturedEvent> got = byPrompt.get(call.getKey());
            assertEquals(1, got.size(), () -> call.getKey() + " reported " + got.size() + " times");
            CapturedEvent e = got.get(0);
            if (call.getValue().isEmpty()) {
                assertEquals(e.property("trace_id"), e.distinctId(), call.getKey() + " has no user, not a leaked one");
                assertEquals(false, e.property("$process_person_profile"));
            } else {
                assertEquals(call.getValue(), e.distinctId(), call.getKey());
            }
        }
        assertEquals(expectedUser.size(), events.size());
        assertEquals(events.size(), events.stream().map(CapturedEvent::uuid).distinct().count());
    }
}
