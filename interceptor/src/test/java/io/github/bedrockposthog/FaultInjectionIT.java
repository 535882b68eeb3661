package io.github.bedrockposthog;

import io.github.bedrockposthog.internal.config.Settings;
import io.github.bedrockposthog.internal.runtime.Pipeline;
import io.github.bedrockposthog.internal.transport.DeliveryStats;
import io.github.bedrockposthog.internal.transport.EventSink;
import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.EventStreamFrames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactivestreams.Publisher;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.internal.interceptor.DefaultFailedExecutionContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ListAsyncInvokesRequest;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Garbage everywhere the interceptor looks, and the app's calls return exactly what they return without it: the
 * same client built twice, once bare and once observed, gets the same scripted replies; responses and exceptions
 * are compared.
 */
class FaultInjectionIT {

    private static final String LLAMA = "meta.llama3-1-8b-instruct-v1:0";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int FIFTY_MB = 50 * 1024 * 1024;

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();
    private static BedrockEmulator emulator;
    private static CaptureServer capture;
    private static final AtomicInteger sinkCalls = new AtomicInteger();

    @TempDir
    static Path tempDir;

    /** The observed configurations: each must leave the app's calls alone. */
    enum Variant { EXPLICIT, THROWING_SINK, PRICE_FILE_IS_A_DIRECTORY, THROWING_REDACTOR }

    @BeforeAll
    static void servers() {
        emulator = SERVERS.emulator();
        capture = SERVERS.capture();
    }

    @AfterAll
    static void stop() {
        syncClients.values().forEach(BedrockRuntimeClient::close);
        asyncClients.values().parallelStream().forEach(BedrockRuntimeAsyncClient::close);
        configurations.forEach(BedrockPostHog::close);
    }

    @BeforeEach
    void reset() {
        sinkCalls.set(0);
    }

    /** A sink that fails every hand-over, alternately with an exception and an error. */
    private static final EventSink THROWING_SINK = new EventSink() {
        @Override
        public boolean send(String event, String distinctId, Map<String, Object> properties) {
            if (sinkCalls.incrementAndGet() % 2 == 0) {
                throw new LinkageError("sink broken");
            }
            throw new IllegalStateException("sink down");
        }

        @Override
        public DeliveryStats stats() {
            throw new IllegalStateException("no stats either");
        }

        @Override
        public void close(long timeoutMillis) {
        }
    };

    /** One observed configuration per variant, shared by the tests (closing Netty clients is slow). */
    private static final Map<Variant, ExecutionInterceptor> interceptors = new EnumMap<>(Variant.class);
    private static final Map<Object, BedrockRuntimeClient> syncClients = new java.util.HashMap<>();
    private static final Map<Object, BedrockRuntimeAsyncClient> asyncClients = new java.util.HashMap<>();
    private static final List<BedrockPostHog> configurations = new ArrayList<>();

    private static synchronized ExecutionInterceptor interceptor(Variant variant) {
        return interceptors.computeIfAbsent(variant, FaultInjectionIT::newInterceptor);
    }

    private static ExecutionInterceptor newInterceptor(Variant variant) {
        BedrockPostHog.Builder builder = SERVERS.posthog("phc_faults");
        switch (variant) {
            case THROWING_SINK:
                Map<Settings.Key, String> values = new EnumMap<>(Settings.Key.class);
                values.put(Settings.Key.API_KEY, "phc_faults");
                Settings settings = Settings.resolve(values, name -> null, name -> null);
                return new PostHogBedrockInterceptor(Pipeline.create(settings, THROWING_SINK, "fault-injection"));
            case PRICE_FILE_IS_A_DIRECTORY:
                builder.pricesFile(tempDir.toString());
                break;
            case THROWING_REDACTOR:
                builder.redact((property, text) -> {
                    throw new IllegalStateException("redactor bug");
                });
                break;
            default:
                break;
        }
        BedrockPostHog posthog = builder.build();
        configurations.add(posthog);
        return posthog.interceptor();
    }

    /** A client without retries (each attempt would take another scripted reply); {@code null}: bare. */
    private static synchronized BedrockRuntimeClient sync(Variant variant) {
        return syncClients.computeIfAbsent(variant == null ? "bare" : variant, k -> Clients.sync(emulator.endpoint(),
                ApacheHttpClient.builder().build(), variant == null ? null : interceptor(variant),
                o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())));
    }

    private static synchronized BedrockRuntimeAsyncClient async(Variant variant) {
        ExecutionInterceptor interceptor = variant == null ? null : interceptor(variant);
        return asyncClients.computeIfAbsent(variant == null ? "bare" : variant, k -> BedrockRuntimeAsyncClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(Clients.CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                .overrideConfiguration(o -> {
                    o.retryStrategy(AwsRetryStrategy.doNotRetry());
                    if (interceptor != null) {
                        o.addExecutionInterceptor(interceptor);
                    }
                })
                .build());
    }

    /** What the app sees of a sync call: the response's content and status, or the exception's type and message. */
    private static String outcome(java.util.concurrent.Callable<? extends SdkResponse> call) {
        try {
            SdkResponse response = call.call();
            StringBuilder out = new StringBuilder("status=").append(response.sdkHttpResponse().statusCode());
            if (response instanceof InvokeModelResponse) {
                InvokeModelResponse invoke = (InvokeModelResponse) response;
                out.append(" contentType=").append(invoke.contentType())
                        .append(" body=").append(digest(invoke.body().asByteArrayUnsafe()))
                        .append(" bytes=").append(invoke.body().asByteArrayUnsafe().length);
            } else {
                out.append(' ').append(response);
            }
            return out.toString();
        } catch (Exception e) {
            return "threw " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** What the app sees of a stream: every event its handler got, then how the call ended. */
    private static String streamOutcome(BedrockRuntimeAsyncClient client) {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        String end;
        try {
            client.invokeModelWithResponseStream(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String("{\"prompt\":\"tell\"}")),
                    InvokeModelWithResponseStreamResponseHandler.builder().subscriber(e -> events.add(e.toString())).build())
                    .get(30, TimeUnit.SECONDS);
            end = "completed";
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            end = "failed " + cause.getClass().getName() + ": " + cause.getMessage();
        } catch (Exception e) {
            end = "threw " + e;
        }
        return events + " then " + end;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Runs the same call with and without the interceptor, each answered by the same scripted reply. */
    private void assertSameSync(Variant variant, EmulatorReply reply,
                                Function<BedrockRuntimeClient, SdkResponse> call) {
        emulator.enqueue(reply);
        String bare = outcome(() -> call.apply(sync(null)));
        emulator.enqueue(reply);
        String observed = outcome(() -> call.apply(sync(variant)));
        assertEquals(bare, observed, "the app must see exactly what it sees without bedrock-posthog");
    }

    private void assertSameStream(Variant variant, EmulatorReply reply) {
        emulator.enqueue(reply);
        String bare = streamOutcome(async(null));
        emulator.enqueue(reply);
        String observed = streamOutcome(async(variant));
        assertEquals(bare, observed, "the app's stream handler must see exactly the same");
    }

    private static SdkResponse invoke(BedrockRuntimeClient client, String body) {
        return client.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body)));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aResponseBodyThatIsNotJson(Variant variant) {
        assertSameSync(variant, EmulatorReply.builder().header("Content-Type", "application/json")
                .header("x-amzn-RequestId", "req-1").body("this is { not json").build(), c -> invoke(c, "{\"prompt\":\"hi\"}"));
        assertSameSync(variant, EmulatorReply.builder().header("Content-Type", "application/json")
                .body(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}).build(), c -> invoke(c, "{\"prompt\":\"hi\"}"));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aRequestBodyThatIsNotJson(Variant variant) {
        assertSameSync(variant, EmulatorReply.json("{\"generation\":\"ok\",\"stop_reason\":\"stop\"}"),
                c -> invoke(c, "<xml>not json</xml>"));
        assertSameSync(variant, EmulatorReply.json("{\"generation\":\"ok\"}"), c -> invoke(c, "{\"prompt\": [1, {\"deep\""));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aConverseAnswerThatIsNotJsonAndAnErrorWhoseBodyIsHtml(Variant variant) {
        assertSameSync(variant, EmulatorReply.builder().header("Content-Type", "application/json").body("<<garbage>>").build(),
                c -> c.converse(r -> r.modelId("amazon.nova-lite-v1:0").messages(userSays("hi"))));
        assertSameSync(variant, EmulatorReply.builder().status(500).header("Content-Type", "text/html")
                        .header("x-amzn-RequestId", "req-html").body("<html><body>Bad gateway</body></html>").build(),
                c -> invoke(c, "{\"prompt\":\"hi\"}"));
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"EXPLICIT", "THROWING_SINK"})
    void withSdkRetriesAnHtml503ThenABodyThatIsNotJsonBehaveAsWithout(Variant variant) {
        // The SDK's own retries on: the interceptor sees two attempts of one call.
        EmulatorReply html503 = EmulatorReply.builder().status(503).header("Content-Type", "text/html")
                .body("<html><body>Service Unavailable</body></html>").build();
        EmulatorReply notJson = EmulatorReply.json("this is not JSON {{{ sdk-retried");
        String bare;
        String observed;
        try (BedrockRuntimeClient plain = Clients.apache(emulator.endpoint(), null);
             BedrockRuntimeClient retrying = Clients.apache(emulator.endpoint(), interceptor(variant))) {
            emulator.enqueue(html503);
            emulator.enqueue(notJson);
            bare = outcome(() -> invoke(plain, "{\"prompt\":\"sdk-retried\"}"));
            emulator.enqueue(html503);
            emulator.enqueue(notJson);
            observed = outcome(() -> invoke(retrying, "{\"prompt\":\"sdk-retried\"}"));
        }
        assertTrue(bare.startsWith("status=200"), bare);
        assertEquals(bare, observed, "the app must see exactly what it sees without bedrock-posthog");
        if (variant == Variant.EXPLICIT) {
            assertEquals(2, ((Number) awaitEventWithPrompt("sdk-retried").property("attempts")).intValue());
        }
    }

    @Test
    void hookFailuresAreCountedAsCallsThatCouldNotBeReported() {
        Map<Settings.Key, String> values = new EnumMap<>(Settings.Key.class);
        values.put(Settings.Key.API_KEY, "phc_faults");
        Pipeline pipeline = Pipeline.create(Settings.resolve(values, name -> null, name -> null), THROWING_SINK, "counted");
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), new PostHogBedrockInterceptor(pipeline))) {
            invoke(client, "{\"prompt\":\"one\"}");
            invoke(client, "{\"prompt\":\"two\"}");
        }
        assertEquals(2, pipeline.stats().internalErrors(), pipeline.stats().toString());
    }

    @Test
    void fifteenMegabyteTextsBothWaysAreReadThenCappedAndMarked() {
        // Under Jackson's 20 M character string limit, so the texts are read and the capping code runs (50 MB
        // bodies below exceed the limit: they prove robustness, not capping).
        StringBuilder big = new StringBuilder(15_000_064);
        while (big.length() < 15_000_000) {
            big.append("All work and no play makes Jack a dull boy. ");
        }
        String text = big.toString();
        emulator.enqueue(EmulatorReply.json("{\"generation\":\"" + text + "\",\"stop_reason\":\"length\"}"));
        invoke(sync(Variant.EXPLICIT), "{\"prompt\":\"fifteen-mb " + text + "\"}");
        CapturedEvent e = awaitEventWithPromptStarting("fifteen-mb ");
        assertEquals(true, e.property("prompt_truncated"), "the prompt was read and capped");
        assertEquals(true, e.property("generation_truncated"), "the generation was read and capped");
        assertTrue(String.valueOf(e.property("generation")).startsWith("All work and no play"));
        assertTrue(e.rawJson().getBytes(StandardCharsets.UTF_8).length < 1_000_000, "the event stays under 1 MB");
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"EXPLICIT", "THROWING_SINK"})
    void fiftyMegabyteBodiesBothWays(Variant variant) {
        StringBuilder big = new StringBuilder(FIFTY_MB + 64).append("{\"generation\":\"");
        while (big.length() < FIFTY_MB) {
            big.append("All work and no play makes Jack a dull boy. ");
        }
        String body = big.append("\",\"stop_reason\":\"length\"}").toString();
        assertSameSync(variant, EmulatorReply.json(body), c -> invoke(c, "{\"prompt\":\"fifty-mb-answer\"}"));
        String bigRequest = "{\"prompt\":\"" + body.substring(15, FIFTY_MB) + "\"}";
        assertSameSync(variant, EmulatorReply.json("{\"generation\":\"ok\"}"), c -> invoke(c, bigRequest));
        if (variant == Variant.EXPLICIT) {
            awaitEventWithPrompt("fifty-mb-answer");
            for (CapturedEvent e : capture.events()) {
                assertTrue(e.rawJson().getBytes(StandardCharsets.UTF_8).length < 1_000_000, "each event stays under 1 MB");
            }
        } else {
            assertTrue(sinkCalls.get() >= 2, "the throwing sink was reached");
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aStreamCutOffMidway(Variant variant) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            frames.add(EventStreamFrames.chunk("{\"generation\":\"part" + i + " \",\"stop_reason\":null}"));
        }
        assertSameStream(variant, EmulatorReply.stream(frames).toBuilder()
                .header("x-amzn-RequestId", "req-cut").disconnectAfterFrames(2).build());
        if (variant == Variant.EXPLICIT) { // cut-off streams (#13): reported for what they are
            CapturedEvent e = awaitEventWithPrompt("tell");
            assertEquals("bedrock_error", e.event());
            assertEquals("IncompleteStream", e.property("error_name"));
            assertEquals(true, e.property("stream_incomplete"));
            assertEquals("req-cut", e.property("error_requestId"));
            assertEquals("part0 part1 ", e.property("generation"));
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void anEventStreamOfGarbageBytes(Variant variant) {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        assertSameStream(variant, EmulatorReply.builder().header("Content-Type", EmulatorReply.EVENT_STREAM)
                .header("x-amzn-RequestId", "req-garbage").body(garbage).build());
        byte[] frame = EventStreamFrames.chunk("{\"generation\":\"hello\"}");
        byte[] corrupted = frame.clone();
        corrupted[corrupted.length - 6] ^= 0x5a; // payload no longer matches its CRC
        assertSameStream(variant, EmulatorReply.builder().header("Content-Type", EmulatorReply.EVENT_STREAM)
                .header("x-amzn-RequestId", "req-crc").body(corrupted).build());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aStreamWhosePayloadsAreNotJson(Variant variant) {
        assertSameStream(variant, EmulatorReply.stream(List.of(
                EventStreamFrames.event("chunk", "{\"bytes\":\"%%% not base64 %%%\"}"),
                EventStreamFrames.event("chunk", "not json at all"),
                EventStreamFrames.chunk("[1,2,3]"))).toBuilder().header("x-amzn-RequestId", "req-odd").build());
    }

    @Test
    void everyHookSurvivesNullAndWronglyTypedContexts() {
        ExecutionInterceptor interceptor = interceptor(Variant.EXPLICIT);
        ExecutionAttributes attributes = new ExecutionAttributes();
        attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, "BedrockRuntime");
        attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, "InvokeModel");
        SdkHttpFullRequest httpRequest = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).protocol("http")
                .host("127.0.0.1").port(1).encodedPath("/model/x/invoke").build();
        SdkHttpResponse eventStreamResponse = SdkHttpResponse.builder().statusCode(200)
                .putHeader("Content-Type", EmulatorReply.EVENT_STREAM).build();
        Publisher<ByteBuffer> body = s -> s.onSubscribe(new org.reactivestreams.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        SdkRequest wrongRequest = ConverseRequest.builder().modelId(LLAMA).build(); // Converse for InvokeModel
        SdkResponse wrongResponse = ConverseResponse.builder().build();
        List<InterceptorContext> contexts = List.of(
                InterceptorContext.builder().request(wrongRequest).build(),
                InterceptorContext.builder().request(wrongRequest).response(wrongResponse).httpRequest(httpRequest)
                        .httpResponse(eventStreamResponse).responsePublisher(body)
                        .requestBody(RequestBody.fromString("not json"))
                        .asyncRequestBody(AsyncRequestBody.fromString("{"))
                        .responseBody(new ByteArrayInputStream(new byte[] {1, 2, 3})).build(),
                InterceptorContext.builder().request(ListAsyncInvokesRequest.builder().build())
                        .httpResponse(SdkHttpResponse.builder().statusCode(599).build()).build());
        for (ExecutionAttributes attrs : new ExecutionAttributes[] {attributes, new ExecutionAttributes(), null}) {
            for (InterceptorContext context : contexts) {
                everyHook(interceptor, context, attrs);
            }
            // the hooks bedrock-posthog implements also take null contexts
            interceptor.beforeExecution(null, attrs);
            interceptor.beforeTransmission(null, attrs);
            interceptor.afterTransmission(null, attrs);
            assertEquals(Optional.empty(), interceptor.modifyAsyncHttpResponseContent(null, attrs));
            interceptor.afterExecution(null, attrs);
            interceptor.onExecutionFailure(null, attrs);
        }
        // and it still reports a real call afterwards
        emulator.enqueue(EmulatorReply.json("{\"generation\":\"after the garbage\"}"));
        invoke(sync(Variant.EXPLICIT), "{\"prompt\":\"still working?\"}");
        CapturedEvent e = awaitEventWithPrompt("still working?");
        assertEquals("after the garbage", e.property("generation"));
    }

    /** The first event whose prompt starts with {@code prefix}. */
    private static CapturedEvent awaitEventWithPromptStarting(String prefix) {
        for (int seen = 0; ; ) {
            List<CapturedEvent> events = capture.awaitEvents(seen + 1, WAIT);
            for (CapturedEvent e : events) {
                if (String.valueOf(e.property("prompt")).startsWith(prefix)) {
                    return e;
                }
            }
            seen = events.size();
        }
    }

    private static CapturedEvent awaitEventWithPrompt(String prompt) {
        for (int seen = 0; ; ) {
            List<CapturedEvent> events = capture.awaitEvents(seen + 1, WAIT);
            for (CapturedEvent e : events) {
                if (prompt.equals(e.property("prompt"))) {
                    return e;
                }
            }
            seen = events.size();
        }
    }

    /** Calls every hook with one context; the modifying hooks must hand the context's own objects back. */
    private static void everyHook(ExecutionInterceptor i, InterceptorContext c, ExecutionAttributes a) {
        i.beforeExecution(c, a);
        assertSame(c.request(), i.modifyRequest(c, a));
        i.beforeMarshalling(c, a);
        i.afterMarshalling(c, a);
        assertSame(c.httpRequest(), i.modifyHttpRequest(c, a));
        assertEquals(c.requestBody(), i.modifyHttpContent(c, a));
        assertEquals(c.asyncRequestBody(), i.modifyAsyncHttpContent(c, a));
        i.beforeTransmission(c, a);
        i.afterTransmission(c, a);
        assertSame(c.httpResponse(), i.modifyHttpResponse(c, a));
        Optional<Publisher<ByteBuffer>> publisher = i.modifyAsyncHttpResponseContent(c, a);
        assertTrue(publisher.isPresent() == c.responsePublisher().isPresent());
        assertEquals(c.responseBody(), i.modifyHttpResponseContent(c, a));
        i.beforeUnmarshalling(c, a);
        i.afterUnmarshalling(c, a);
        assertSame(c.response(), i.modifyResponse(c, a));
        i.afterExecution(c, a);
        Context.FailedExecution failed = DefaultFailedExecutionContext.builder().interceptorContext(c)
                .exception(new CompletionException(new IllegalStateException("boom"))).build();
        assertSame(failed.exception(), i.modifyException(failed, a));
        i.onExecutionFailure(failed, a);
    }

    @Test
    void anAsyncInvokeModelWithABrokenBodyAndAThrowingSinkStillCompletesNormally() {
        emulator.enqueue(EmulatorReply.json("{\"generation\": tru"));
        String bare;
        try {
            bare = "ok " + digest(async(null).invokeModel(r -> r.modelId(LLAMA)
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"x\"}"))).join().body().asByteArray());
        } catch (CompletionException e) {
            bare = "threw " + e.getCause();
        }
        emulator.enqueue(EmulatorReply.json("{\"generation\": tru"));
        String observed;
        try {
            observed = "ok " + digest(async(Variant.THROWING_SINK).invokeModel(r -> r.modelId(LLAMA)
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"x\"}"))).join().body().asByteArray());
        } catch (CompletionException e) {
            observed = "threw " + e.getCause();
        }
        assertEquals(bare, observed);
        assertTrue(sinkCalls.get() >= 1, "the throwing sink was reached");
    }
}
