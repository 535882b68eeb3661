package io.github.bedrockposthog.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

class BedrockEmulatorLifecycleTest {

    private static final String MODEL = "meta.llama3-1-8b-instruct-v1:0";

    @Test
    void concurrentCallsAreAnsweredInParallel() throws Exception {
        try (BedrockEmulator emulator = BedrockEmulator.builder().latency(Duration.ofMillis(500)).start();
             BedrockRuntimeClient client = SdkClients.sync(emulator.endpoint())) {
            // Own threads: on 2 cores the common pool has one worker; JDK 17 then gave each runAsync task a thread of
            // its own, JDK 25 runs them one after another on that worker.
            ExecutorService callers = Executors.newFixedThreadPool(10);
            long start = System.nanoTime();
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(CompletableFuture.runAsync(() -> invoke(client), callers));
            }
            CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(20, TimeUnit.SECONDS);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            callers.shutdown();

            assertEquals(10, emulator.requests().size());
            assertTrue(elapsedMs < 3000, "10 calls of 500 ms took " + elapsedMs + " ms");
        }
    }

    @Test
    void closeReturnsPromptlyWhileAnAnswerIsDelayed() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        BedrockEmulator emulator = BedrockEmulator.builder().responder(request -> {
            received.countDown();
            return EmulatorReply.builder().delay(Duration.ofSeconds(30)).body("{}").build();
        }).start();
        BedrockRuntimeClient client = SdkClients.sync(emulator.endpoint());
        try {
            CompletableFuture<Void> call = CompletableFuture.runAsync(() -> invoke(client));
            assertTrue(received.await(10, TimeUnit.SECONDS), "request reached the emulator");

            long start = System.nanoTime();
            emulator.close();
            long closeMs = (System.nanoTime() - start) / 1_000_000;

            assertTrue(closeMs < 2000, "close took " + closeMs + " ms");
            assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        } finally {
            client.close();
        }
    }

    @Test
    void aGivenPortIsUsed() throws Exception {
        int port;
        try (BedrockEmulator first = BedrockEmulator.start()) {
            port = first.port();
        }
        try (BedrockEmulator emulator = BedrockEmulator.builder().port(port).start()) {
            assertEquals(port, emulator.port());
            assertEquals("http://127.0.0.1:" + port, emulator.endpoint().toString());
        }
    }

    private static void invoke(BedrockRuntimeClient client) {
        client.invokeModel(r -> r.modelId(MODEL).body(SdkBytes.fromUtf8String("{\"prompt\":\"hi\"}")));
    }
}
