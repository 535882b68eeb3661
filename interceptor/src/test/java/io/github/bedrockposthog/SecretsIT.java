package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.EventStreamFrames;
import io.github.bedrockposthog.testkit.Responders;
import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets and personal data: what must never leave the process, in events or in logs. */
class SecretsIT {

    private static final String LLAMA = "meta.llama3-1-8b-instruct-v1:0";
    private static final String ACCESS_KEY = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKENc2VjcmV0";
    private static final String ANSWER = "ANSWER-TEXT the card 4111111111111111 was charged";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final LoopbackPostHog servers = new LoopbackPostHog(LoopbackServers.builder().responder(Responders.canned(ANSWER)));
    private final BedrockEmulator emulator = servers.emulator();
    private final CaptureServer capture = servers.capture();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private BedrockPostHog posthog(java.util.function.Consumer<BedrockPostHog.Builder> more) {
        BedrockPostHog.Builder b = servers.posthog("phc_secrets");
        more.accept(b);
        return closing(b.build());
    }

    private static final StaticCredentialsProvider SESSION =
            StaticCredentialsProvider.create(AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN));

    private BedrockRuntimeClient sync(BedrockPostHog posthog) {
        return closing(BedrockRuntimeClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(SESSION).httpClient(ApacheHttpClient.builder().build())
                .overrideConfiguration(o -> o.addExecutionInterceptor(posthog.interceptor())
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build());
    }

    private BedrockRuntimeAsyncClient async(BedrockPostHog posthog) {
        return closing(BedrockRuntimeAsyncClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(SESSION)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                .overrideConfiguration(o -> o.addExecutionInterceptor(posthog.interceptor())
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build());
    }

    private static String body(String prompt) {
        return "{\"prompt\":\"" + prompt + "\"}";
    }

    /**
     * One call of each kind, each prompt starting with {@code marker}: InvokeModel, Converse, ConverseStream,
     * InvokeModelWithResponseStream failing mid-stream with a message echoing the input, and a service error whose
     * message echoes the input.
     *
     * @return the number of calls made
     */
    private int everyKindOfCall(BedrockPostHog posthog, String marker) {
        BedrockRuntimeClient sync = sync(posthog);
        BedrockRuntimeAsyncClient async = async(posthog);
        sync.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body(marker + "-invoke"))));
        sync.converse(r -> r.modelId("amazon.nova-lite-v1:0").messages(userSays(marker + "-converse")));
        async.converseStream(r -> r.modelId("anthropic.claude-3-haiku-20240307-v1:0").messages(userSays(marker + "-stream")),
                ConverseStreamResponseHandler.builder().subscriber(e -> { }).build()).join();
        emulator.enqueue(EmulatorReply.stream(List.of(
                EventStreamFrames.chunk("{\"generation\":\"" + ANSWER + "\"}"),
                EventStreamFrames.exception("modelStreamErrorException", "The model choked on: " + marker + "-midstream"))));
        assertThrows(CompletionException.class, () -> async.invokeModelWithResponseStream(
                r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body(marker + "-midstream"))),
                InvokeModelWithResponseStreamResponseHandler.builder().subscriber(e -> { }).build()).join());
        emulator.enqueueError(400, "ValidationException", "Malformed input request: " + marker + "-error is not allowed");
        assertThrows(ValidationException.class, () -> sync.invokeModel(r -> r.modelId(LLAMA)
                .body(SdkBytes.fromUtf8String(body(marker + "-error")))));
        return 5;
    }

    /** Every byte PostHog received, decompressed. */
    private String everythingSent() {
        return String.join("\n", capture.rawRequestBodies());
    }

    @Test
    void noAwsCredentialSignatureOrHeaderEverReachesAnEvent() {
        BedrockPostHog posthog = posthog(b -> { });
        int calls = everyKindOfCall(posthog, "creds");
        capture.awaitEvents(calls, WAIT);
        posthog.close();
        String authorization = emulator.requests().get(0).header("Authorization");
        assertNotNull(authorization, "the calls were signed");
        assertTrue(authorization.contains(ACCESS_KEY), "with the test credentials");
        assertEquals(SESSION_TOKEN, emulator.requests().get(0).header("X-Amz-Security-Token"));
        String sent = everythingSent();
        assertTrue(sent.contains("creds-invoke"), "the capture saw the events");
        for (String secret : new String[] {ACCESS_KEY, SECRET_KEY, SESSION_TOKEN, authorization, "AWS4-HMAC-SHA256",
                "Signature=", "Credential=", emulator.requests().get(0).header("X-Amz-Date")}) {
            assertFalse(sent.contains(secret), () -> "leaked into an event: " + secret);
        }
        for (String header : new String[] {"authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256",
                "amz-sdk-invocation-id", "user-agent"}) {
            assertFalse(sent.toLowerCase(java.util.Locale.ROOT).contains("\"" + header + "\""), () -> "a header in an event: " + header);
        }
    }

    @Test
    void privacyModeSendsNoTextOfAnyCall() {
        BedrockPostHog posthog = posthog(b -> b.privacyMode(true));
        int calls = everyKindOfCall(posthog, "PRIVATE");
        List<CapturedEvent> events = capture.awaitEvents(calls, WAIT);
        posthog.close();
        assertEquals(calls, capture.events().size());
        String sent = everythingSent();
        assertFalse(sent.contains("PRIVATE"), () -> "a prompt or an echo of it left in privacy mode: " + sent);
        assertFalse(sent.contains("ANSWER-TEXT"), "a generation left in privacy mode");
        assertFalse(sent.contains("was charged"), "part of a generation left in privacy mode");
        for (CapturedEvent e : events) {
            assertFalse(e.hasProperty("prompt") || e.hasProperty("generation") || e.hasProperty("error_message"), e.rawJson());
        }
        assertEquals(3, events.stream().filter(e -> e.event().equals("bedrock_completion")).count());
        assertEquals(2, events.stream().filter(e -> e.event().equals("bedrock_error")).count(),
                "errors are still reported, without their messages");
    }

    @Test
    void withoutPrivacyModeTheSameCallsDoCarryTheirTexts() { // the control of the test above
        BedrockPostHog posthog = posthog(b -> { });
        int calls = everyKindOfCall(posthog, "VISIBLE");
        capture.awaitEvents(calls, WAIT);
        posthog.close();
        String sent = everythingSent();
        for (String text : new String[] {"VISIBLE-invoke", "VISIBLE-converse", "VISIBLE-stream", "VISIBLE-midstream",
                "VISIBLE-error is not allowed", "choked on: VISIBLE-midstream", "ANSWER-TEXT"}) {
            assertTrue(sent.contains(text), () -> text + " missing: the privacy test would prove nothing");
        }
    }

    @Test
    void theApiKeyNeverAppearsInALogLineWhileDeliveriesFail() {
        String apiKey = "phc_TopSecretProjectKey_9f8e7d6c5b4a";
        try (LogCapture log = LogCapture.start()) {
            capture.respondAlways(401);
            BedrockPostHog posthog = closing(servers.posthog(apiKey)
                    .flushTimeout(Duration.ofMillis(300)).build());
            BedrockRuntimeClient client = sync(posthog);
            client.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body("hello"))));
            Eventually.await("rejected", () -> posthog.stats().failed() == 1, WAIT, () -> posthog.stats().toString());
            log.await("HTTP 401", WAIT);
            capture.recover();
            capture.stop(); // now: connection refused
            client.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body("hello again"))));
            log.await("not reachable", WAIT);
            posthog.close(); // gives up at its deadline, and says so
            log.await("deadline", WAIT); // "not delivered before the shutdown deadline" or "undelivered after the ... deadline"
            BedrockPostHog dnsFailing = closing(servers.posthog(apiKey).host("http://nonexistent.invalid")
                    .flushTimeout(Duration.ofMillis(300)).build());
            sync(dnsFailing).invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body("dns"))));
            log.await("UnknownHostException", WAIT);
            dnsFailing.close();
            String text = log.text();
            assertTrue(text.contains("bedrock-posthog"), "the failures were logged");
            assertFalse(text.contains(apiKey), () -> "the API key was logged:\n" + text);
            assertFalse(text.contains("TopSecretProjectKey"), "not even part of it");
            assertFalse(posthog.stats().toString().contains(apiKey));
            assertTrue(capture.rawRequestBodies().get(0).contains(apiKey), "the key did go where it belongs");
        }
    }

    @Test
    void errorStackIsLeftOutWhenCaptureStackIsOff() {
        BedrockPostHog withStack = posthog(b -> { });
        BedrockPostHog withoutStack = posthog(b -> b.captureStack(false));
        emulator.enqueueError(400, "ValidationException", "bad input");
        emulator.enqueueError(400, "ValidationException", "bad input");
        assertThrows(ValidationException.class, () -> sync(withStack).invokeModel(r -> r.modelId(LLAMA)
                .body(SdkBytes.fromUtf8String(body("with-stack")))));
        assertThrows(ValidationException.class, () -> sync(withoutStack).invokeModel(r -> r.modelId(LLAMA)
                .body(SdkBytes.fromUtf8String(body("without-stack")))));
        List<CapturedEvent> events = capture.awaitEvents(2, WAIT);
        CapturedEvent on = events.stream().filter(e -> "with-stack".equals(e.property("prompt"))).findFirst().orElseThrow();
        CapturedEvent off = events.stream().filter(e -> "without-stack".equals(e.property("prompt"))).findFirst().orElseThrow();
        assertTrue(((String) on.property("error_stack")).startsWith(ValidationException.class.getName()));
        assertFalse(off.hasProperty("error_stack"), off.rawJson());
        assertFalse(off.rawJson().contains("\\tat "), "no frame anywhere");
        assertEquals("bad input", off.property("error_message"));
    }

    @Test
    void aRedactorRewritesAndDropsTextsBeforeTheyLeave() {
        BedrockPostHog posthog = posthog(b -> b.redact((property, text) -> property.equals("error_message")
                ? null : text.replaceAll("\\b\\d{16}\\b", "[card]")));
        BedrockRuntimeClient client = sync(posthog);
        client.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String(body("pay with 5500000000000004 please"))));
        emulator.enqueueError(400, "ValidationException", "card 5500000000000004 is invalid");
        assertThrows(ValidationException.class, () -> client.invokeModel(r -> r.modelId(LLAMA)
                .body(SdkBytes.fromUtf8String(body("pay with 5500000000000004 again")))));
        List<CapturedEvent> events = capture.awaitEvents(2, WAIT);
        posthog.close();
        String sent = everythingSent();
        assertFalse(sent.contains("5500000000000004"), "a card number left the process");
        assertFalse(sent.contains("4111111111111111"), "the generation's card number left the process");
        CapturedEvent ok = events.stream().filter(e -> e.event().equals("bedrock_completion")).findFirst().orElseThrow();
        CapturedEvent error = events.stream().filter(e -> e.event().equals("bedrock_error")).findFirst().orElseThrow();
        assertEquals("pay with [card] please", ok.property("prompt"));
        assertEquals("ANSWER-TEXT the card [card] was charged", ok.property("generation"));
        assertFalse(error.hasProperty("error_message"), "dropped by the redactor");
        assertEquals("pay with [card] again", error.property("prompt"));
    }

    @Test
    void aThrowingRedactorDropsTheTextsAndNeverBreaksTheCall() {
        BedrockPostHog posthog = posthog(b -> b.redact((property, text) -> {
            throw new IllegalStateException("redactor bug: " + text);
        }));
        String answer;
        try (LogCapture log = LogCapture.start()) {
            answer = sync(posthog).invokeModel(r -> r.modelId(LLAMA)
                    .body(SdkBytes.fromUtf8String(body("secret prompt 5500000000000004")))).body().asUtf8String();
            capture.awaitEvents(1, WAIT);
            posthog.close();
            assertFalse(log.text().contains("5500000000000004"), "the redactor's exception message is not logged");
        }
        assertTrue(answer.contains(ANSWER), "the app got its answer");
        CapturedEvent e = capture.events().get(0);
        assertEquals("bedrock_completion", e.event());
        assertFalse(e.hasProperty("prompt"));
        assertFalse(e.hasProperty("generation"));
        assertFalse(e.rawJson().contains("5500000000000004"));
        assertTrue(((Number) e.property("generation_token_count")).intValue() > 0, "the rest of the event is there");
    }
}
