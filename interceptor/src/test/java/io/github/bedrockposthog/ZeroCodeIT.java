package io.github.bedrockposthog;

import io.github.bedrockposthog.internal.runtime.GlobalPipelines;
import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.time.Duration;
import java.util.List;

import static io.github.bedrockposthog.ExplicitRegistrationIT.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The service-loaded interceptor: no code at all, configured by system properties here. */
class ZeroCodeIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    @AfterEach
    void clearConfiguration() {
        System.clearProperty("posthog.apiKey");
        System.clearProperty("posthog.host");
        System.clearProperty("posthog.bedrock.distinctId");
        GlobalPipelines.reset();
    }

    private static void configureZeroCode(String apiKey) {
        System.setProperty("posthog.apiKey", apiKey);
        System.setProperty("posthog.host", SERVERS.posthogHost());
        GlobalPipelines.reset();
    }

    @Test
    void aClientBuiltWithoutAnyOverrideIsObserved() {
        configureZeroCode("phc_zero_code");
        System.setProperty("posthog.bedrock.distinctId", "backend-service");
        emulator.enqueueFixture(LlamaJoke.answer());
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), null)) {
            LlamaJoke.ask(client);
        }
        CapturedEvent e = capture.awaitEvents(1, WAIT).get(0);
        assertEquals("bedrock_completion", e.event());
        assertEquals("phc_zero_code", e.apiKey());
        assertEquals("backend-service", e.distinctId(), "POSTHOG_BEDROCK_DISTINCT_ID is the fallback user");
        assertEquals(35, number(e, "generation_token_count").intValue());
    }

    @Test
    void withBothRegisteredExactlyOneEventIsSentWithTheExplicitConfiguration() {
        configureZeroCode("phc_zero_code");
        emulator.enqueueFixture(LlamaJoke.answer());
        emulator.enqueueError(400, "ValidationException", "bad");
        try (BedrockPostHog explicit = SERVERS.posthog("phc_explicit").build();
             BedrockRuntimeClient client = Clients.noRetries(emulator.endpoint(), explicit.interceptor())) {
            LlamaJoke.ask(client);
            try {
                LlamaJoke.ask(client);
            } catch (RuntimeException expected) {
                // the error event is what we count
            }
        }
        GlobalPipelines.reset(); // flushes the zero-code pipeline: had it sent anything, it has arrived now
        List<CapturedEvent> events = capture.events();
        assertEquals(2, events.size(), () -> "one event per call: " + events);
        for (CapturedEvent e : events) {
            assertEquals("phc_explicit", e.apiKey());
        }
    }

    @Test
    void withoutAnApiKeyNothingIsSentAndTheAppWorks() {
        GlobalPipelines.reset(); // no key configured anywhere
        emulator.enqueueFixture(LlamaJoke.answer());
        emulator.enqueueFixture(LlamaJoke.answer());
        try (BedrockRuntimeClient zeroCodeOnly = Clients.apache(emulator.endpoint(), null)) {
            assertEquals(LlamaJoke.answer().responseBodyText(), LlamaJoke.ask(zeroCodeOnly));
        }
        // A barrier: an explicit instance's event arrives after anything the zero-code one could have sent.
        try (BedrockPostHog explicit = SERVERS.posthog("phc_barrier").build();
             BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), explicit.interceptor())) {
            LlamaJoke.ask(client);
        }
        List<CapturedEvent> events = capture.events();
        assertEquals(1, events.size(), () -> "only the explicit call is reported: " + events);
        assertEquals("phc_barrier", events.get(0).apiKey());
    }
}
