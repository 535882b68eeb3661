package io.github.bedrockposthog.spring;

import io.github.bedrockposthog.BedrockPostHog;
import io.github.bedrockposthog.spring.app.ChatApp;
import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatedRequest;
import io.github.bedrockposthog.testkit.Responders;
import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Spring Boot app with the starter, calling Bedrock through Spring AI's Bedrock Converse chat model (sync and
 * stream) against the loopback emulator, configured only by {@code application.properties}: one
 * {@code bedrock_completion} per call, attributed by the app's resolver bean, flushed when the context closes, and
 * delivery health in Actuator.
 */
class SpringAiChatIT {

    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final LoopbackServers SERVERS = new LoopbackServers();
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();
    private ConfigurableApplicationContext app;

    @BeforeEach
    void startApp() {
        app = new SpringApplicationBuilder(ChatApp.class)
                .properties("loopback.bedrock=" + emulator.endpoint(), "loopback.posthog=" + capture.endpoint())
                .run();
    }

    @AfterEach
    void closeApp() {
        ChatApp.SIGNED_IN.remove();
        app.close();
    }

    private ChatModel chat() {
        return app.getBean(ChatModel.class);
    }

    private CapturedEvent onlyEvent() {
        List<CapturedEvent> events = capture.events();
        assertEquals(1, events.size(), () -> "exactly one event per call: " + events);
        return events.get(0);
    }

    /** What every Spring AI call's event says, whether sync or streamed. */
    private static void assertCommonFields(CapturedEvent e, ChatResponse last, String operation) {
        assertEquals("bedrock_completion", e.event());
        assertEquals("phc_spring_boot", e.apiKey(), "posthog.api-key from application.properties");
        assertEquals("ada@example.com", e.distinctId(), "the user resolver bean names the user");
        assertEquals(MODEL, e.property("model_id"));
        assertEquals(operation, e.property("operation"));
        assertEquals("What can I cook with rice, peas and [email]'s eggs?", e.property("prompt"),
                "the app's Redactor bean rewrote the prompt");
        assertEquals(Responders.DEFAULT_ANSWER, e.property("generation"));
        assertEquals(last.getMetadata().getUsage().getPromptTokens(),
                ((Number) e.property("prompt_token_count")).intValue());
        assertEquals(last.getMetadata().getUsage().getCompletionTokens(),
                ((Number) e.property("generation_token_count")).intValue());
        assertEquals(12, ((Number) e.property("generation_token_count")).intValue());
        assertEquals("end_turn", e.property("stop_reason"));
        assertEquals("spring-test", e.property("deployment"), "the properties contributor bean");
        assertEquals("acme", e.property("tenant"));
        assertEquals("bedrock-posthog", e.property("$lib"));
        assertNotNull(e.property("trace_id"));
        assertTrue(((Number) e.property("response_time_in_ms")).doubleValue() > 0);
        assertTrue(((Number) e.property("total_cost_in_dollars")).doubleValue() > 0, "priced from the bundled table");
    }

    private static final String QUESTION = "What can I cook with rice, peas and grace@example.com's eggs?";

    @Test
    void aSyncCallIsOneBedrockCompletion() {
        ChatApp.SIGNED_IN.set("ada@example.com");
        ChatResponse response = chat().call(new Prompt(QUESTION));
        assertEquals(Responders.DEFAULT_ANSWER, response.getResult().getOutput().getText());
        app.close();

        CapturedEvent e = onlyEvent();
        assertCommonFields(e, response, "Converse");
        assertEquals(false, e.property("stream"));
        assertEquals(200, ((Number) e.property("http_status")).intValue());
        assertEquals(EmulatedRequest.CONVERSE, emulator.requests().get(0).operation());
    }

    @Test
    void aStreamIsOneBedrockCompletion() {
        ChatApp.SIGNED_IN.set("ada@example.com");
        List<ChatResponse> chunks = chat().stream(new Prompt(QUESTION)).collectList().block(WAIT);
        assertNotNull(chunks);
        String text = chunks.stream().map(c -> c.getResult() == null || c.getResult().getOutput().getText() == null
                ? "" : c.getResult().getOutput().getText()).collect(Collectors.joining());
        assertEquals(Responders.DEFAULT_ANSWER, text);
        app.close();

        CapturedEvent e = onlyEvent();
        assertCommonFields(e, chunks.get(chunks.size() - 1), "ConverseStream");
        assertEquals(true, e.property("stream"));
        assertNotNull(e.property("time_to_first_token_in_ms"));
        assertEquals(EmulatedRequest.CONVERSE_STREAM, emulator.requests().get(0).operation());
    }

    @Test
    void closingTheContextDeliversTheEventsOfCompletedCalls() {
        capture.stall(Duration.ofMillis(1500)); // the batch is still on its way when the context closes
        chat().call(new Prompt("Hello"));
        chat().call(new Prompt("Hello again"));
        BedrockPostHog posthog = app.getBean(BedrockPostHog.class);
        ChatApp.SENT_AT_NEXT_PHASE.set(-1);
        app.close();
        assertEquals(2, ChatApp.SENT_AT_NEXT_PHASE.get(), "delivered in the starter's lifecycle phase, before the next");
        assertEquals(2, capture.events().size(), "delivered before close() returned");
        assertEquals(2, posthog.stats().sent());
        assertFalse(posthog.reporting(), "closed with the context");
    }

    @Test
    void actuatorReportsDeliveryHealthWithoutTheKeyAndMeters() throws Exception {
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        BedrockPostHog posthog = app.getBean(BedrockPostHog.class);
        assertTrue(health("/posthog").contains("\"status\":\"UP\""), health("/posthog"));

        capture.respondAlways(401);
        chat().call(new Prompt("Hello"));
        await(() -> posthog.stats().failed() == 1);
        String degraded = health("/posthog");
        assertTrue(degraded.contains("\"status\":\"DEGRADED\""), degraded);
        assertTrue(degraded.contains("\"lastError\":\"HTTP 401\""), degraded);
        assertFalse(degraded.contains("phc_spring_boot"), "never the key");
        assertTrue(health("").startsWith("{\"status\":\"UP\""), "analytics never take the app down: " + health(""));
        assertEquals(1.0, meters.get("posthog.bedrock.events.failed").functionCounter().count());

        capture.recover();
        chat().call(new Prompt("Hello"));
        await(() -> posthog.stats().sent() == 1);
        assertTrue(health("/posthog").contains("\"status\":\"UP\""), health("/posthog"));
        assertEquals(1.0, meters.get("posthog.bedrock.events.sent").functionCounter().count());
        assertEquals(0.0, meters.get("posthog.bedrock.events.dropped").functionCounter().count());
        assertEquals(0.0, meters.get("posthog.bedrock.events.queued").gauge().value());
    }

    private String health(String path) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in " + WAIT);
            Thread.sleep(20);
        }
    }
}
