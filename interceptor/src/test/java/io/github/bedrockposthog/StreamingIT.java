package io.github.bedrockposthog;

import io.github.bedrockposthog.internal.text.CappedText;
import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.EventStreamFrames;
import io.github.bedrockposthog.testkit.RecordedExchange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.github.bedrockposthog.ExplicitRegistrationIT.number;
import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** InvokeModelWithResponseStream and ConverseStream through the real async client, observed with zero code changes. */
class StreamingIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();
    private static BedrockEmulator emulator;
    private final CaptureServer capture = SERVERS.capture();
    private BedrockPostHog posthog = SERVERS.open("phc_stream", b -> { });

    @BeforeAll
    static void emulator() {
        emulator = SERVERS.emulator();
    }

    static Stream<Arguments> recordedStreams() {
        List<Arguments> cases = new ArrayList<>();
        for (RecordedExchange fixture : RecordedExchange.loadAll()) {
            if (fixture.isStream() && fixture.status() == 200) {
                cases.add(Arguments.of(fixture.name(), 0));
                cases.add(Arguments.of(fixture.name(), 1));
            }
        }
        return cases.stream();
    }

    /** Runs one stream call; returns what the app's own handler received, in order. */
    private static List<String> stream(BedrockRuntimeAsyncClient client, RecordedExchange fixture) {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        if (fixture.operation().equals("ConverseStream")) {
            client.converseStream(r -> r.modelId(fixture.modelId()).messages(userSays("Tell me about the sea")),
                    ConverseStreamResponseHandler.builder().subscriber(e -> received.add(e.toString())).build()).join();
        } else {
            String body = fixture.requestBody() != null ? fixture.requestBody() : "{\"prompt\":\"hi\"}";
            client.invokeModelWithResponseStream(r -> r.modelId(fixture.modelId()).body(SdkBytes.fromUtf8String(body)),
                    InvokeModelWithResponseStreamResponseHandler.builder()
                            .subscriber(e -> received.add(e.toString())).build()).join();
        }
        return received;
    }

    @ParameterizedTest(name = "{0} in pieces of {1} bytes (0 = as recorded)")
    @MethodSource("recordedStreams")
    void everyRecordedStreamYieldsItsTextAndTokensAndTheAppSeesTheSameEvents(String name, int chunkSize) {
        RecordedExchange fixture = RecordedExchange.named(name);
        ExpectedStream expected = ExpectedStream.of(fixture.responseBody());

        List<String> withoutInterceptor;
        try (BedrockRuntimeAsyncClient bare = SERVERS.async(null)) {
            enqueue(fixture, chunkSize);
            withoutInterceptor = stream(bare, fixture);
        }
        List<String> withInterceptor;
        try (BedrockRuntimeAsyncClient observed = SERVERS.async(posthog.interceptor());
             BedrockPostHog.Scope ignored = BedrockPostHog.identify("streamer@example.com")) {
            enqueue(fixture, chunkSize);
            withInterceptor = stream(observed, fixture);
        }
        assertEquals(withoutInterceptor, withInterceptor, "the app's handler must see exactly the same events");

        CapturedEvent e = capture.awaitEvents(1, WAIT).get(0);
        assertEquals("bedrock_completion", e.event(), () -> "a whole recorded stream is complete: " + e);
        assertFalse(e.hasProperty("stream_incomplete"));
        assertEquals("streamer@example.com", e.distinctId());
        assertEquals(true, e.property("stream"));
        assertEquals(fixture.operation(), e.property("operation"));
        if (!expected.text().isEmpty()) {
            assertEquals(expected.text(), e.property("generation"));
        }
        if (expected.inputTokens() != null) {
            assertEquals(expected.inputTokens().longValue(), number(e, "prompt_token_count").longValue());
            assertEquals(expected.outputTokens().longValue(), number(e, "generation_token_count").longValue());
        }
        double ttft = number(e, "time_to_first_token_in_ms").doubleValue();
        double total = number(e, "response_time_in_ms").doubleValue();
        assertTrue(ttft > 0 && ttft <= total, "0 < TTFT (" + ttft + ") <= response time (" + total + ")");
    }

    private static void enqueue(RecordedExchange fixture, int chunkSize) {
        if (chunkSize > 0) {
            emulator.enqueueFixture(fixture, chunkSize);
        } else {
            emulator.enqueueFixture(fixture);
        }
    }

    private static byte[] llamaChunk(String text, String stopReason, Integer inTokens, Integer outTokens) {
        StringBuilder json = new StringBuilder("{\"generation\":\"").append(text).append("\",\"stop_reason\":")
                .append(stopReason == null ? "null" : "\"" + stopReason + "\"");
        if (inTokens != null) {
            json.append(",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":").append(inTokens)
                    .append(",\"outputTokenCount\":").append(outTokens)
                    .append(",\"invocationLatency\":120,\"firstByteLatency\":40}");
        }
        return EventStreamFrames.chunk(json.append('}').toString());
    }

    @Test
    void aMidStreamExceptionYieldsOneErrorWithThePartialGeneration() {
        emulator.enqueue(EmulatorReply.stream(List.of(
                llamaChunk("Once upon", null, null, null),
                llamaChunk(" a time", null, null, null),
                EventStreamFrames.exception("modelStreamErrorException", "The model stopped unexpectedly"))));
        try (BedrockRuntimeAsyncClient client = SERVERS.async(posthog.interceptor())) {
            CompletableFuture<Void> call = client.invokeModelWithResponseStream(
                    r -> r.modelId("meta.llama3-1-8b-instruct-v1:0").body(SdkBytes.fromUtf8String("{\"prompt\":\"story\"}")),
                    InvokeModelWithResponseStreamResponseHandler.builder().subscriber(e -> { }).build());
            assertThrows(ExecutionException.class, () -> call.get(20, TimeUnit.SECONDS));
        }
        List<CapturedEvent> events = capture.awaitEvents(1, WAIT);
        posthog.close();
        assertEquals(1, capture.events().size(), () -> "one event: " + capture.events());
        CapturedEvent e = events.get(0);
        assertEquals("bedrock_error", e.event());
        assertEquals("ModelStreamErrorException", e.property("error_name"));
        assertEquals("The model stopped unexpectedly", e.property("error_message"));
        assertEquals("Once upon a time", e.property("generation"));
        assertEquals(true, e.property("stream"));
    }

    @Test
    void anAppThatCancelsGetsACompletionMarkedCancelledWithWhatArrived() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            frames.add(llamaChunk("word" + i + " ", null, null, null));
        }
        frames.add(llamaChunk("", "stop", 5, 30));
        emulator.enqueue(EmulatorReply.stream(frames).toBuilder().frameGap(Duration.ofMillis(30)).build());
        CompletableFuture<String> firstEvent = new CompletableFuture<>();
        try (BedrockRuntimeAsyncClient client = SERVERS.async(posthog.interceptor())) {
            CompletableFuture<Void> call = client.invokeModelWithResponseStream(
                    r -> r.modelId("meta.llama3-1-8b-instruct-v1:0").body(SdkBytes.fromUtf8String("{\"prompt\":\"count\"}")),
                    InvokeModelWithResponseStreamResponseHandler.builder()
                            .onEventStream(publisher -> publisher.subscribe(new Subscriber<ResponseStream>() {
                                private Subscription subscription;

                                @Override
                                public void onSubscribe(Subscription s) {
                                    subscription = s;
                                    s.request(1);
                                }

                                @Override
                                public void onNext(ResponseStream event) {
                                    firstEvent.complete(event.toString());
                                    subscription.cancel();
                                }

                                @Override
                                public void onError(Throwable t) {
                                    firstEvent.completeExceptionally(t);
                                }

                                @Override
                                public void onComplete() {
                                }
                            })).build());
            assertNotNull(firstEvent.get(20, TimeUnit.SECONDS));
            try {
                call.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException cancelledCall) {
                // the SDK may report the cancellation as a failure; the event must say "cancelled" either way
            }
        }
        CapturedEvent e = capture.awaitEvents(1, WAIT).get(0);
        assertEquals("bedrock_completion", e.event());
        assertEquals(true, e.property("stream_cancelled"));
        assertFalse(e.hasProperty("stream_incomplete"), "the app's own cancel is no cut-off");
        assertTrue(((String) e.property("generation")).startsWith("word0"));
    }

    @Test
    void longGenerationsAreCappedAndMarkedTruncated() {
        posthog.close();
        posthog = SERVERS.open("phc_stream", b -> b.maxTextChars(10));
        emulator.enqueue(EmulatorReply.stream(List.of(
                llamaChunk("abcdefgh", null, null, null),
                llamaChunk("ijklmnop", "stop", 3, 2))));
        try (BedrockRuntimeAsyncClient client = SERVERS.async(posthog.interceptor())) {
            client.invokeModelWithResponseStream(
                    r -> r.modelId("meta.llama3-1-8b-instruct-v1:0").body(SdkBytes.fromUtf8String("{\"prompt\":\"abc\"}")),
                    InvokeModelWithResponseStreamResponseHandler.builder().subscriber(e -> { }).build()).join();
        }
        CapturedEvent e = capture.awaitEvents(1, WAIT).get(0);
        assertEquals("abcdefghij" + CappedText.TRUNCATION_MARKER, e.property("generation"));
        assertEquals(true, e.property("generation_truncated"));
        assertEquals(3, number(e, "prompt_token_count").intValue());
        assertEquals(2, number(e, "generation_token_count").intValue());
        assertEquals("stop", e.property("stop_reason"));
    }

    @Test
    void converseStreamRequestMetadataNamesTheUser() {
        try (BedrockRuntimeAsyncClient client = SERVERS.async(posthog.interceptor())) {
            client.converseStream(r -> r.modelId("us.anthropic.claude-3-5-haiku-20241022-v1:0")
                            .messages(userSays("Write a haiku"))
                            .requestMetadata(Map.of("posthog_distinct_id", "poet@example.com")),
                    ConverseStreamResponseHandler.builder().subscriber(e -> { }).build()).join();
        }
        CapturedEvent e = capture.awaitEvents(1, WAIT).get(0);
        assertEquals("poet@example.com", e.distinctId());
        assertEquals("Write a haiku", e.property("prompt"));
        assertNotNull(e.property("generation"));
        assertNotNull(e.property("total_cost_in_dollars"), "prefixed ids are priced");
    }
}
