package io.github.bedrockposthog.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bedrockposthog.BedrockPostHog;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Starting and stopping the app, several times in one JVM, as the zero-code interceptor is configured once. */
class RecipeAppLifecycleTest {

    @RegisterExtension
    static final LoopbackServers SERVERS = new LoopbackServers();

    @Test
    void appsStartedOneAfterAnotherEachGetTheirOwnEvents() throws Exception {
        try (RecipeApp failing = TestApps.startOffline(1.0)) {
            assertEquals(500, TestApps.generate(failing, "erin@example.com", "rice, peas").statusCode());
            List<CapturedEvent> events = failing.localPostHog().server().awaitEvents(1, Duration.ofSeconds(10));
            assertEquals("bedrock_error", events.get(0).event());
            assertEquals("erin@example.com", events.get(0).distinctId());
        }
        assertNull(System.getProperty("posthog.apiKey"), "the local PostHog sets no process-wide properties");
        assertNull(System.getProperty("posthog.host"));

        try (RecipeApp working = TestApps.startOffline(0)) {
            assertEquals(200, TestApps.generate(working, "finn@example.com", "rice, peas").statusCode());
            List<CapturedEvent> events = working.localPostHog().server().awaitEvents(1, Duration.ofSeconds(10));
            assertEquals("bedrock_completion", events.get(0).event());
            assertEquals("finn@example.com", events.get(0).distinctId());
            assertEquals(1, events.size());
        }
    }

    @Test
    void withAPostHogKeyTheEmulatorReportsToThatPostHogAndTheInsightsPointThere() throws Exception {
        // "real" PostHog, played by the extension's capture server, which the app does not own; the key and host
        // reach the app as environment variables and the zero-code pipeline through its builder (no process-wide
        // system properties: the zero-code pipeline of this JVM may have been created by an earlier test)
        CaptureServer postHog = SERVERS.capture();
        try (BedrockPostHog configured = BedrockPostHog.builder().apiKey("phc_project_key").host(SERVERS.posthogHost())
                     .build().installAsDefault();
             RecipeApp app = RecipeApp.start(AppConfig.from(
                    Map.of("PORT", "0", "BEDROCK_OFFLINE", "true", "BEDROCK_EMULATOR_LATENCY_MS", "0",
                            "BEDROCK_EMULATOR_ERROR_RATE", "0", "POSTHOG_API_KEY", "phc_project_key",
                            "POSTHOG_HOST", SERVERS.posthogHost()), name -> null))) {
            assertTrue(app.mode().localBedrock());
            assertFalse(app.mode().localPostHog());
            assertNull(app.localPostHog());

            assertEquals(200, TestApps.generate(app, "ivy@example.com", "tofu, rice").statusCode());
            CapturedEvent event = postHog.awaitEvents(1, Duration.ofSeconds(10)).get(0);
            assertEquals("bedrock_completion", event.event());
            assertEquals("ivy@example.com", event.distinctId());
            assertEquals("phc_project_key", event.apiKey());

            JsonNode insights = TestApps.json(TestApps.get(app, "/api/insights"));
            assertFalse(insights.get("local").asBoolean());
            assertEquals(postHog.endpoint().toString(), insights.get("posthog_host").asText());
            assertFalse(insights.has("generation_count"), "the numbers live in PostHog");
        }
    }

    @Test
    void postHogsIngestionHostMapsToItsApp() {
        assertEquals("https://us.posthog.com", InsightsApi.appUrl("https://us.i.posthog.com"));
        assertEquals("https://eu.posthog.com", InsightsApi.appUrl("https://eu.i.posthog.com"));
        assertEquals("https://posthog.example.com", InsightsApi.appUrl("https://posthog.example.com"));
    }

    @Test
    void theBannerSaysWhatIsLocalAndWhereToGo() {
        try (RecipeApp app = TestApps.startOffline(0.05)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            app.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8));
            String banner = out.toString(StandardCharsets.UTF_8);

            assertTrue(banner.contains("Bedrock  LOCAL   in-process emulator at " + app.emulator().endpoint()), banner);
            assertTrue(banner.contains("error rate 5%"), banner);
            assertTrue(banner.contains("PostHog  LOCAL   in-process capture server at " + app.localPostHog().endpoint()), banner);
            assertTrue(banner.contains("Open http://localhost:" + app.port() + "/"), banner);
            assertTrue(banner.contains("insights: http://localhost:" + app.port() + "/insights"), banner);
        }
    }

    @Test
    void aBusyPortIsReportedAndNothingIsLeftRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            AppConfig config = AppConfig.from(Map.of("PORT", Integer.toString(taken.getLocalPort()), "BEDROCK_OFFLINE", "true"),
                    name -> null);

            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> RecipeApp.start(config));

            assertTrue(e.getMessage().contains("port " + taken.getLocalPort()), e.getMessage());
            assertNull(System.getProperty("posthog.apiKey"), "the local PostHog was stopped again");
        }
    }
}
