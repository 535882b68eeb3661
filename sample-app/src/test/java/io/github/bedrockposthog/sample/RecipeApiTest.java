package io.github.bedrockposthog.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.Tokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON API over real HTTP, against the app started offline in this JVM. */
class RecipeApiTest {

    private static RecipeApp app;

    @BeforeAll
    static void start() {
        app = TestApps.startOffline(0);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static CaptureServer capture() {
        return app.localPostHog().server();
    }

    /** The one Bedrock event a call made, once delivered. */
    private static CapturedEvent eventOfCall(int bedrockCallsBefore) {
        List<CapturedEvent> events = capture().awaitEvents(bedrockCallsBefore + 1, Duration.ofSeconds(10));
        assertEquals(bedrockCallsBefore + 1, events.size(), "one event per Bedrock call: " + events);
        return events.get(bedrockCallsBefore);
    }

    @Test
    void aRecipeIsGeneratedAndReportedWithTheUsersEmail() throws Exception {
        int before = app.emulator().requests().size();

        HttpResponse<String> response = TestApps.generate(app, "ann@example.com", "chicken, broccoli, garlic");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String recipe = TestApps.json(response).get("recipe").asText();
        assertEquals(new OfflineRecipeWriter().write("chicken, broccoli, garlic"), recipe);
        assertEquals(before + 1, app.emulator().requests().size());
        String sent = app.emulator().requests().get(before).bodyText();
        assertTrue(sent.contains("\"max_gen_len\":512") && sent.contains("\"temperature\":0.5"), sent);

        CapturedEvent event = eventOfCall(before);
        assertEquals("bedrock_completion", event.event());
        assertEquals("ann@example.com", event.distinctId());
        assertEquals(AppConfig.DEFAULT_MODEL_ID, event.property("model_id"));
        assertEquals(recipe, event.property("generation"));
        assertEquals(RecipePrompt.build("chicken, broccoli, garlic"), event.property("prompt"));
        long promptTokens = ((Number) event.property("prompt_token_count")).longValue();
        long generationTokens = ((Number) event.property("generation_token_count")).longValue();
        assertEquals(Tokens.estimate(RecipePrompt.build("chicken, broccoli, garlic")), promptTokens);
        assertEquals(Tokens.estimate(recipe), generationTokens);
        double cost = ((Number) event.property("total_cost_in_dollars")).doubleValue();
        assertEquals((promptTokens + generationTokens) * 0.22 / 1_000_000, cost, 1e-12, "Llama 3.1 8B: $0.22 per 1M tokens");
        double responseMs = ((Number) event.property("response_time_in_ms")).doubleValue();
        assertTrue(responseMs >= generationTokens * OfflineRecipeResponder.MS_PER_OUTPUT_TOKEN,
                "the emulated generation time is part of the response time: " + responseMs);
        assertEquals(LocalPostHog.DEMO_API_KEY, event.apiKey());
    }

    @Test
    void aBedrockFailureIsA500WithTheTutorialsMessageAndABedrockErrorEvent() throws Exception {
        int before = app.emulator().requests().size();
        app.emulator().enqueueError(503, "ServiceUnavailableException", "Bedrock is unable to process your request.");

        HttpResponse<String> response = TestApps.generate(app, "bob@example.com", "eggs, spinach");

        assertEquals(500, response.statusCode());
        assertEquals("{\"error\":\"Failed to generate recipe\"}", response.body());
        assertEquals(before + 1, app.emulator().requests().size(), "one attempt: offline the SDK does not retry");
        CapturedEvent event = eventOfCall(before);
        assertEquals("bedrock_error", event.event());
        assertEquals("bob@example.com", event.distinctId());
        assertEquals(503, ((Number) event.property("error_code")).intValue());
        assertEquals("ServiceUnavailableException", event.property("error_type"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "missing email       | {\"ingredients\": \"rice\"}                              | email is required",
        "missing ingredients | {\"email\": \"a@b.co\"}                                 | ingredients is required",
        "empty email         | {\"email\": \"  \", \"ingredients\": \"rice\"}           | email must not be empty",
        "empty ingredients   | {\"email\": \"a@b.co\", \"ingredients\": \"\"}           | ingredients must not be empty",
        "null email          | {\"email\": null, \"ingredients\": \"rice\"}             | email is required",
        "number ingredients  | {\"email\": \"a@b.co\", \"ingredients\": 7}              | ingredients must be a string",
        "invalid email       | {\"email\": \"not-an-email\", \"ingredients\": \"rice\"} | email is not a valid email address",
        "invalid JSON        | {\"email\": \"a@b.co\", \"ingredients\":                 | request body is not valid JSON",
        "not JSON at all     | email=a@b.co&ingredients=rice                          | request body is not valid JSON",
        "JSON array          | [\"a@b.co\", \"rice\"]                                   | request body must be a JSON object with email and ingredients",
        "empty body          | ``                                                     | request body is empty: send {\"email\": ..., \"ingredients\": ...}"
    })
    void badRequestsAreRefusedWithAJsonErrorNamingTheProblem(String name, String body, String error) throws Exception {
        int before = app.emulator().requests().size();

        HttpResponse<String> response = TestApps.post(app, "/api/generate-recipe", body);

        assertEquals(400, response.statusCode(), response.body());
        assertEquals(error, TestApps.json(response).get("error").asText());
        assertEquals(before, app.emulator().requests().size(), "no Bedrock call for a bad request");
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
        String body = "{\"email\": \"a@b.co\", \"ingredients\": \"" + "rice, ".repeat(3_000) + "\"}";

        HttpResponse<String> response = TestApps.post(app, "/api/generate-recipe", body);

        assertEquals(400, response.statusCode());
        assertEquals("request body is larger than 16 KB", TestApps.json(response).get("error").asText());
    }

    @Test
    void aLongButAcceptableBodyIsRefusedForItsIngredientsOnly() throws Exception {
        String body = "{\"email\": \"a@b.co\", \"ingredients\": \"" + "x".repeat(2_001) + "\"}";

        HttpResponse<String> response = TestApps.post(app, "/api/generate-recipe", body);

        assertEquals(400, response.statusCode());
        assertEquals("ingredients must be at most 2000 characters", TestApps.json(response).get("error").asText());
    }

    @Test
    void anotherMethodIsRefusedWith405() throws Exception {
        HttpResponse<String> response = TestApps.get(app, "/api/generate-recipe");

        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("Allow").orElse(null));
        assertEquals("method GET not allowed: use POST", TestApps.json(response).get("error").asText());
    }

    @Test
    void theInsightsApiComputesTheFiveNumbersFromTheCapturedEvents() throws Exception {
        // a known mix on top of whatever the other tests did: two users, one failure
        assertEquals(200, TestApps.generate(app, "carl@example.com", "salmon, potatoes").statusCode());
        assertEquals(200, TestApps.generate(app, "dora@example.com", "lentils, carrots, onion, cumin").statusCode());
        assertEquals(200, TestApps.generate(app, "carl@example.com", "tofu, ginger, honey").statusCode());
        app.emulator().enqueueError(429, "ThrottlingException", "Too many requests, please wait before trying again.");
        assertEquals(500, TestApps.generate(app, "dora@example.com", "rice").statusCode());
        int calls = app.emulator().requests().size();
        List<CapturedEvent> events = capture().awaitEvents(calls, Duration.ofSeconds(10));
        assertTrue(app.events().awaitAdded(calls, 10_000));

        // what PostHog would compute from the very same events
        long completions = 0;
        long errors = 0;
        double costSum = 0;
        double timeSum = 0;
        Set<String> users = new HashSet<>();
        for (CapturedEvent e : events) {
            if (e.event().equals("bedrock_completion")) {
                completions++;
                users.add(e.distinctId());
                costSum += ((Number) e.property("total_cost_in_dollars")).doubleValue();
                timeSum += ((Number) e.property("response_time_in_ms")).doubleValue();
            } else if (e.event().equals("bedrock_error")) {
                errors++;
            }
        }
        JsonNode insights = TestApps.json(TestApps.get(app, "/api/insights"));

        assertTrue(insights.get("local").asBoolean());
        assertTrue(completions >= 3 && errors >= 1, events.toString());
        assertEquals(completions, insights.get("generation_count").asLong());
        assertEquals(errors, insights.get("error_count").asLong());
        assertEquals(users.size(), insights.get("unique_users").asLong());
        assertEquals(costSum / completions, insights.get("avg_cost_per_call_usd").asDouble(), 1e-15);
        assertEquals(costSum / users.size(), insights.get("avg_cost_per_user_usd").asDouble(), 1e-15);
        assertEquals(timeSum / completions, insights.get("avg_response_time_ms").asDouble(), 1e-9);
        assertEquals((double) errors / (completions + errors), insights.get("error_rate").asDouble(), 1e-15);
        JsonNode series = insights.get("series");
        assertTrue(series.size() >= 1, insights.toString());
        long perMinute = 0;
        for (JsonNode minute : series) {
            perMinute += minute.get("generation_count").asLong();
            assertTrue(minute.get("minute").asText().endsWith(":00Z"), minute.toString());
        }
        assertEquals(completions, perMinute, "the series splits the same completions by minute");
    }

    @Test
    void thePagesAreServedSelfContained() throws Exception {
        HttpResponse<String> page = TestApps.get(app, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("id=\"recipe-form\"") && page.body().contains("Generate recipe")
                && page.body().contains("href=\"/insights\""), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'self'"));
        assertTrue(!page.body().contains("http://") && !page.body().contains("https://"), "nothing loaded from elsewhere");

        HttpResponse<String> insights = TestApps.get(app, "/insights");
        assertEquals(200, insights.statusCode());
        assertTrue(insights.body().contains("/static/insights.js"));

        HttpResponse<String> script = TestApps.get(app, "/static/insights.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(script.body().contains("/api/insights"));

        assertEquals(404, TestApps.get(app, "/static/missing.js").statusCode());
        assertEquals(404, TestApps.get(app, "/api/insights/extra").statusCode());
    }

    @Test
    void theStatusSaysWhatRunsLocally() throws Exception {
        JsonNode status = TestApps.json(TestApps.get(app, "/api/status"));

        assertTrue(status.get("bedrock").get("local").asBoolean());
        assertTrue(status.get("posthog").get("local").asBoolean());
        assertEquals(AppConfig.DEFAULT_MODEL_ID, status.get("model").asText());
    }
}
