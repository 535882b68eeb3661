package io.github.bedrockposthog;

import io.github.bedrockposthog.internal.runtime.GlobalPipelines;
import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.EventStreamFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An explicit configuration installed as the JVM-wide one ({@link BedrockPostHog#installAsDefault()}) serves clients
 * that nobody added an interceptor to, with the app's user resolver and properties contributor.
 */
class InstalledDefaultIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    @BeforeEach
    void noPipeline() {
        GlobalPipelines.reset(); // nothing installed, no key in the environment
    }

    @AfterEach
    void forget() {
        GlobalPipelines.reset();
    }

    /** One InvokeModel through a client built without any interceptor: only the zero-code one sees it. */
    private void callWithZeroCodeClient() {
        emulator.enqueueFixture(LlamaJoke.answer());
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), null)) {
            LlamaJoke.ask(client);
        }
    }

    @Test
    void theNewestOpenInstalledConfigurationServesAndClosingRestoresThePreviousOne() {
        try (BedrockPostHog first = SERVERS.posthog("phc_first").build().installAsDefault()) {
            try (BedrockPostHog second = SERVERS.posthog("phc_second").build().installAsDefault()) {
                callWithZeroCodeClient();
                second.close(); // flushes
                assertEquals("phc_second", capture.awaitEvents(1, WAIT).get(0).apiKey());
            }
            callWithZeroCodeClient();
            first.close();
            List<CapturedEvent> events = capture.awaitEvents(2, WAIT);
            assertEquals("phc_first", events.get(1).apiKey());
        }
        callWithZeroCodeClient(); // back to the environment: no key, nothing sent
        GlobalPipelines.reset();
        assertEquals(2, capture.events().size(), () -> "nothing after uninstalling: " + capture.events());
    }

    @Test
    void aClosedConfigurationCannotBeInstalled() {
        BedrockPostHog closed = SERVERS.posthog("phc_closed").build();
        closed.close();
        assertThrows(IllegalStateException.class, closed::installAsDefault);
    }

    @Test
    void theResolverNamesTheUserOnlyWhenNothingElseDoesAndTheContributorAddsToEveryEvent() {
        Map<String, Object> contributed = new HashMap<>();
        contributed.put("deployment", "eu-1");
        contributed.put("feature", "contributed");
        try (BedrockPostHog posthog = SERVERS.posthog("phc_hooks").userResolver(() -> "resolved@example.com")
                .propertiesContributor(() -> contributed).build().installAsDefault()) {
            callWithZeroCodeClient();
            try (BedrockPostHog.Scope s = BedrockPostHog.identify("scoped@example.com",
                    java.util.Collections.<String, Object>singletonMap("feature", "scoped"))) {
                callWithZeroCodeClient();
            }
            posthog.close();
        }
        List<CapturedEvent> events = capture.awaitEvents(2, WAIT);
        assertEquals("resolved@example.com", events.get(0).distinctId());
        assertEquals("eu-1", events.get(0).properties().get("deployment"));
        assertEquals("contributed", events.get(0).properties().get("feature"));
        assertEquals("scoped@example.com", events.get(1).distinctId(), "a scope beats the resolver");
        assertEquals("scoped", events.get(1).properties().get("feature"), "scope properties beat contributed ones");
        assertEquals("eu-1", events.get(1).properties().get("deployment"));
    }

    @Test
    void throwingHooksLoseNeitherTheCallNorItsEvent() {
        try (BedrockPostHog posthog = SERVERS.posthog("phc_throwing").userResolver(() -> {
                    throw new IllegalStateException("no security context");
                }).propertiesContributor(() -> {
                    throw new IllegalStateException("no tenant");
                }).build().installAsDefault()) {
            callWithZeroCodeClient();
            posthog.close();
        }
        CapturedEvent event = capture.awaitEvents(1, WAIT).get(0);
        assertEquals("bedrock_completion", event.event());
        assertEquals(Boolean.FALSE, event.properties().get("$process_person_profile"), "anonymous");
        assertFalse(event.properties().containsKey("deployment"));
    }

    /**
     * The Spring starter's shutdown: the installed configuration closes (and is uninstalled) while a zero-code client
     * still streams. The call's event belongs to the configuration that saw it begin, not to whatever is current when
     * the stream ends.
     */
    @Test
    void aCallStillStreamingWhenTheInstalledConfigurationClosesIsReportedByIt() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            frames.add(EventStreamFrames.chunk("{\"generation\":\"word" + i + " \"}"));
        }
        frames.add(EventStreamFrames.chunk("{\"generation\":\"\",\"stop_reason\":\"stop\","
                + "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":3,\"outputTokenCount\":10}}"));
        emulator.enqueue(EmulatorReply.stream(frames).toBuilder().frameGap(Duration.ofMillis(100)).build());
        BedrockPostHog posthog = SERVERS.posthog("phc_installed").flushTimeout(Duration.ofSeconds(10)).build()
                .installAsDefault();
        try (BedrockRuntimeAsyncClient client = Clients.netty(emulator.endpoint(), null)) {
            CompletableFuture<Void> call = client.invokeModelWithResponseStream(
                    r -> r.modelId(LlamaJoke.MODEL).body(SdkBytes.fromUtf8String(LlamaJoke.BODY)),
                    InvokeModelWithResponseStreamResponseHandler.builder().subscriber(e -> { }).build());
            Eventually.await("the stream started", () -> !emulator.requests().isEmpty(), WAIT, () -> "");
            posthog.close(); // uninstalls first, then waits for the call in flight
            call.get(5, TimeUnit.SECONDS);
        }
        List<CapturedEvent> events = capture.awaitEvents(1, WAIT);
        assertEquals("phc_installed", events.get(0).apiKey());
        assertTrue(String.valueOf(events.get(0).property("generation")).contains("word9"));
        assertEquals(1, posthog.stats().sent(), posthog.stats().toString());
    }
}
