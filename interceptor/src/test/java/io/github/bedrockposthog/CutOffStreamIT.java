package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.EventStreamFrames;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.github.bedrockposthog.ExplicitRegistrationIT.number;
import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cut-off streams (#13) through the real async client (Netty) against the emulator: a stream that ends without its
 * family's final event (dropped connection, clean end too early, a partial trailing frame, a corrupted frame) is one
 * {@code bedrock_error} {@code IncompleteStream} and one {@code $ai_generation} with {@code $ai_is_error}, each with
 * what arrived and the tokens seen; the whole stream is a completion; an app that cancels keeps its completion.
 */
class CutOffStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LLAMA = "meta.llama3-1-8b-instruct-v1:0";
    private static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();

    /** How the app consumes the stream. */
    enum App {
        /** Blocks on the call's future, as a sync caller would. */
        JOINS,
        /** Its own Reactive Streams subscriber, one event at a time. */
        SUBSCRIBES
    }

    /** The Llama chunks: text with the body's token counts, then Bedrock's metrics chunk (the final event). */
    private static final byte[] LLAMA_ONCE = EventStreamFrames.chunk(
            "{\"generation\":\"Once upon\",\"prompt_token_count\":5,\"generation_token_count\":2,\"stop_reason\":null}");
    private static final byte[] LLAMA_TIME = EventStreamFrames.chunk(
            "{\"generation\":\" a time\",\"prompt_token_count\":null,\"generation_token_count\":4,\"stop_reason\":null}");
    private static final byte[] LLAMA_METRICS = EventStreamFrames.chunk(
            "{\"generation\":\"\",\"prompt_token_count\":null,\"generation_token_count\":5,\"stop_reason\":\"stop\","
            + "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":5,\"outputTokenCount\":5,"
            + "\"invocationLatency\":300,\"firstByteLatency\":100}}");
    private static final List<byte[]> LLAMA_WHOLE = List.of(LLAMA_ONCE, LLAMA_TIME, LLAMA_METRICS);

    private static final List<byte[]> CONVERSE_WHOLE = List.of(
            EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"),
            EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Once upon\"}}"),
            EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" a time\"}}"),
            EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"),
            EventStreamFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}"),
            EventStreamFrames.event("metadata",
                    "{\"usage\":{\"inputTokens\":5,\"outputTokens\":4,\"totalTokens\":9},\"metrics\":{\"latencyMs\":300}}"));

    /** One way a stream is cut: the reply, the operation, and the tokens the event must carry. */
    enum Cut {
        LLAMA_CONNECTION_DROPPED_BEFORE_THE_METRICS_CHUNK(false, reply(LLAMA_WHOLE).disconnectAfterFrames(2).build(), 5L, 4L),
        LLAMA_ENDS_CLEANLY_WITHOUT_THE_METRICS_CHUNK(false, reply(LLAMA_WHOLE.subList(0, 2)).build(), 5L, 4L),
        LLAMA_ENDS_INSIDE_THE_METRICS_FRAME(false,
                reply(List.of(LLAMA_ONCE, LLAMA_TIME, Arrays.copyOf(LLAMA_METRICS, LLAMA_METRICS.length / 2))).build(), 5L, 4L),
        LLAMA_METRICS_FRAME_CORRUPTED(false, reply(List.of(LLAMA_ONCE, LLAMA_TIME, corrupted(LLAMA_METRICS))).build(), 5L, 4L),
        CONVERSE_CONNECTION_DROPPED_BEFORE_METADATA(true, reply(CONVERSE_WHOLE).disconnectAfterFrames(5).build(), null, null),
        CONVERSE_ENDS_CLEANLY_WITHOUT_METADATA(true, reply(CONVERSE_WHOLE.subList(0, 5)).build(), null, null);

        final boolean converse;
        final EmulatorReply reply;
        final Long inputTokens;
        final Long outputTokens;

        Cut(boolean converse, EmulatorReply reply, Long inputTokens, Long outputTokens) {
            this.converse = converse;
            this.reply = reply;
            this.inputTokens = inputTokens;
            this.outputTokens = outputTokens;
        }
    }

    static Stream<Arguments> cuts() {
        List<Arguments> cases = new ArrayList<>();
        for (Cut cut : Cut.values()) {
            for (App app : App.values()) {
                cases.add(Arguments.of(cut, app));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, the app {1}")
    @MethodSource("cuts")
    void aStreamCutOffBeforeItsFinalEventIsAnIncompleteStreamError(Cut cut, App app) {
        BedrockPostHog posthog = SERVERS.open("phc_cut", b -> b.events(EventSchema.BOTH));
        SERVERS.emulator().enqueue(cut.reply);
        try (BedrockRuntimeAsyncClient client = Clients.netty(SERVERS.emulator().endpoint(), posthog.interceptor())) {
            call(client, cut.converse, app);
        }
        Map<String, CapturedEvent> events = bothEvents(posthog);

        CapturedEvent e = events.get("bedrock_error");
        assertNotNull(e, () -> "a bedrock_error: " + events);
        assertEquals("IncompleteStream", e.property("error_name"));
        assertEquals(true, e.property("stream_incomplete"));
        assertNotNull(e.property("error_message"), "why: ours, or the SDK's words when it failed the call");
        assertEquals(true, e.property("stream"));
        assertEquals("Once upon a time", e.property("generation"), "what arrived before the cut");
        assertEquals(cut.inputTokens, longOrNull(e, "prompt_token_count"), "tokens as seen, never estimated");
        assertEquals(cut.outputTokens, longOrNull(e, "generation_token_count"));
        assertEquals(cut.inputTokens != null, e.hasProperty("total_cost_in_dollars"), "priced only from tokens seen");
        assertFalse(e.hasProperty("stream_cancelled"));

        CapturedEvent ai = events.get("$ai_generation");
        assertEquals(true, ai.property("$ai_is_error"));
        assertTrue(String.valueOf(ai.property("$ai_error")).startsWith("IncompleteStream"), () -> ai.toString());
        assertEquals(true, ai.property("$ai_stream_incomplete"));
        assertEquals(List.of(Map.of("role", "assistant", "content", "Once upon a time")), ai.property("$ai_output_choices"));
        assertEquals(cut.outputTokens, longOrNull(ai, "$ai_output_tokens"));
        assertEquals(cut.inputTokens != null, ai.hasProperty("$ai_total_cost_usd"));
        if (cut.inputTokens != null) {
            assertEquals(number(e, "total_cost_in_dollars").doubleValue(), number(ai, "$ai_total_cost_usd").doubleValue(),
                    "both schemas price the same tokens");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wholeStreams")
    void theSameStreamsWholeAreCompletions(boolean converse, App app) {
        BedrockPostHog posthog = SERVERS.open("phc_cut", b -> b.events(EventSchema.BOTH));
        SERVERS.emulator().enqueue(reply(converse ? CONVERSE_WHOLE : LLAMA_WHOLE).build());
        try (BedrockRuntimeAsyncClient client = Clients.netty(SERVERS.emulator().endpoint(), posthog.interceptor())) {
            call(client, converse, app);
        }
        Map<String, CapturedEvent> events = bothEvents(posthog);
        CapturedEvent e = events.get("bedrock_completion");
        assertNotNull(e, () -> "a bedrock_completion: " + events);
        assertEquals("Once upon a time", e.property("generation"));
        assertFalse(e.hasProperty("stream_incomplete"));
        assertEquals(false, events.get("$ai_generation").property("$ai_is_error"));
        assertFalse(events.get("$ai_generation").hasProperty("$ai_stream_incomplete"));
    }

    static Stream<Arguments> wholeStreams() {
        return Stream.of(Arguments.of(false, App.JOINS), Arguments.of(true, App.SUBSCRIBES));
    }

    @Test
    void anAppThatCancelsBeforeTheFinalEventKeepsItsCancelledCompletion() throws Exception {
        BedrockPostHog posthog = SERVERS.open("phc_cut", b -> { });
        SERVERS.emulator().enqueue(reply(LLAMA_WHOLE).frameGap(Duration.ofMillis(200)).build());
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        try (BedrockRuntimeAsyncClient client = Clients.netty(SERVERS.emulator().endpoint(), posthog.interceptor())) {
            CompletableFuture<Void> call = client.invokeModelWithResponseStream(r -> r.modelId(LLAMA).body(body()),
                    InvokeModelWithResponseStreamResponseHandler.builder().onEventStream(p -> p.subscribe(
                            new OneAtATime<>(1, cancelled))).build());
            cancelled.get(20, TimeUnit.SECONDS);
            try {
                call.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException cancelledCall) {
                // the SDK may report the app's cancel as a failure
            }
        }
        CapturedEvent e = SERVERS.capture().awaitEvents(1, WAIT).get(0);
        assertEquals("bedrock_completion", e.event());
        assertEquals(true, e.property("stream_cancelled"));
        assertFalse(e.hasProperty("stream_incomplete"));
        assertFalse(e.hasProperty("error_name"));
    }

    /** Waits for the call's two events (one per schema), flushes and checks no third arrived. */
    private static Map<String, CapturedEvent> bothEvents(BedrockPostHog posthog) {
        SERVERS.capture().awaitEvents(2, WAIT);
        posthog.close();
        List<CapturedEvent> all = SERVERS.capture().events();
        assertEquals(2, all.size(), () -> "one event per schema: " + all);
        Map<String, CapturedEvent> byName = new java.util.HashMap<>();
        all.forEach(e -> byName.put(e.event(), e));
        return byName;
    }

    private static void call(BedrockRuntimeAsyncClient client, boolean converse, App app) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        CompletableFuture<Void> call;
        if (converse) {
            ConverseStreamResponseHandler.Builder handler = ConverseStreamResponseHandler.builder();
            if (app == App.JOINS) {
                handler.subscriber(e -> { });
            } else {
                handler.onEventStream(p -> p.subscribe(new OneAtATime<>(-1, ended)));
            }
            call = client.converseStream(r -> r.modelId(CLAUDE).messages(userSays("Tell me a story")), handler.build());
        } else {
            InvokeModelWithResponseStreamResponseHandler.Builder handler = InvokeModelWithResponseStreamResponseHandler.builder();
            if (app == App.JOINS) {
                handler.subscriber(e -> { });
            } else {
                handler.onEventStream(p -> p.subscribe(new OneAtATime<>(-1, ended)));
            }
            call = client.invokeModelWithResponseStream(r -> r.modelId(LLAMA).body(body()), handler.build());
        }
        try {
            call.get(20, TimeUnit.SECONDS); // the app may see a failure or a (short) success: either way one event
        } catch (Exception appSawAFailure) {
            // what the SDK makes of a cut is its business; the event must say so
        }
    }

    private static SdkBytes body() {
        return SdkBytes.fromUtf8String("{\"prompt\":\"Tell me a story\",\"max_gen_len\":64}");
    }

    private static EmulatorReply.Builder reply(List<byte[]> frames) {
        return EmulatorReply.stream(frames).toBuilder();
    }

    private static byte[] corrupted(byte[] frame) {
        byte[] copy = frame.clone();
        copy[copy.length - 6] ^= 0x5a; // the payload no longer matches its CRC
        return copy;
    }

    private static Long longOrNull(CapturedEvent e, String property) {
        Object value = e.property(property);
        return value == null ? null : ((Number) value).longValue();
    }

    /** A subscriber requesting one event at a time; cancels after {@code cancelAfter} events (-1: never). */
    private static final class OneAtATime<T> implements Subscriber<T> {
        private final int cancelAfter;
        private final CompletableFuture<Void> done;
        private Subscription subscription;
        private int seen;

        OneAtATime(int cancelAfter, CompletableFuture<Void> done) {
            this.cancelAfter = cancelAfter;
            this.done = done;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(T event) {
            if (++seen == cancelAfter) {
                subscription.cancel();
                done.complete(null);
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }
}
