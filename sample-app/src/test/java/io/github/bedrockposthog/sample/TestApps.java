package io.github.bedrockposthog.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Starting the app offline for tests, and talking to it over real HTTP. */
final class TestApps {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestApps() {
    }

    /**
     * An offline app on a free port: emulator and capture server in-process, no emulated latency.
     *
     * @param errorRate the emulator's error rate
     * @return the running app
     */
    static RecipeApp startOffline(double errorRate) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PORT", "0");
        environment.put("BEDROCK_OFFLINE", "true");
        environment.put("BEDROCK_EMULATOR_LATENCY_MS", "0");
        environment.put("BEDROCK_EMULATOR_ERROR_RATE", Double.toString(errorRate));
        return RecipeApp.start(AppConfig.from(environment, name -> null));
    }

    static URI base(RecipeApp app) {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    static HttpResponse<String> post(RecipeApp app, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base(app).resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(RecipeApp app, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base(app).resolve(path)).timeout(Duration.ofSeconds(20)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> generate(RecipeApp app, String email, String ingredients)
            throws IOException, InterruptedException {
        Map<String, String> body = Map.of("email", email, "ingredients", ingredients);
        return post(app, "/api/generate-recipe", JSON.writeValueAsString(body));
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
