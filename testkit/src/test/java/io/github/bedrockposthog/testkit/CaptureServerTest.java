package io.github.bedrockposthog.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CaptureServerTest {

    private static final String EVENT_1 = "{\"event\":\"$ai_generation\",\"distinct_id\":\"user-1\","
            + "\"properties\":{\"$ai_model\":\"meta.llama3-1-8b-instruct-v1:0\",\"$ai_input_tokens\":12,"
            + "\"$ai_is_error\":false,\"$ai_input\":[{\"role\":\"user\",\"content\":\"hi\"}]},"
            + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"uuid\":\"0190a1b2-0000-7000-8000-000000000001\"}";
    private static final String EVENT_2 = "{ \"event\" : \"bedrock_call\", \"distinct_id\" : \"user-2\" }";
    private static final String BATCH = "{\"api_key\":\"phc_test\",\"batch\":[" + EVENT_1 + ", " + EVENT_2 + "]}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private CaptureServer server;

    @BeforeEach
    void start() {
        server = CaptureServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aGzipBatchIsDecodedIntoItsEvents() throws Exception {
        HttpResponse<String> response = post("/batch/", gzip(BATCH), "gzip");

        assertEquals(200, response.statusCode());
        assertEquals(1, Json.read(response.body()).get("status").asInt());
        List<CapturedEvent> events = server.awaitEvents(2, Duration.ofSeconds(5));
        CapturedEvent first = events.get(0);
        assertEquals("$ai_generation", first.event());
        assertEquals("user-1", first.distinctId());
        assertEquals("meta.llama3-1-8b-instruct-v1:0", first.property("$ai_model"));
        assertEquals(12, first.property("$ai_input_tokens"));
        assertEquals(false, first.property("$ai_is_error"));
        assertEquals(List.of(Map.of("role", "user", "content", "hi")), first.property("$ai_input"));
        assertEquals("2026-01-01T00:00:00Z", first.timestamp());
        assertEquals("0190a1b2-0000-7000-8000-000000000001", first.uuid());
        assertEquals("phc_test", first.apiKey());
        assertTrue(first.gzipped());
        assertEquals(EVENT_1, first.rawJson());
        assertEquals(EVENT_2, events.get(1).rawJson());
        assertEquals(List.of(BATCH), server.rawRequestBodies());
        assertEquals(1, server.batchRequestCount());
    }

    @Test
    void aPlainBatchIsAcceptedOnEveryCapturePath() throws Exception {
        for (String path : List.of("/batch/", "/batch", "/i/v0/e/")) {
            assertEquals(200, post(path, BATCH.getBytes(StandardCharsets.UTF_8), null).statusCode(), path);
        }

        List<CapturedEvent> events = server.awaitEvents(6, Duration.ofSeconds(5));
        assertFalse(events.get(0).gzipped());
        assertEquals(3, server.batchRequestCount());
    }

    @Test
    void aSingleEventBodyIsAccepted() throws Exception {
        String single = "{\"api_key\":\"phc_test\",\"event\":\"hello\",\"distinct_id\":\"u\",\"properties\":{\"a\":1}}";

        assertEquals(200, post("/capture/", single.getBytes(StandardCharsets.UTF_8), null).statusCode());

        CapturedEvent event = server.awaitEvents(1, Duration.ofSeconds(5)).get(0);
        assertEquals("hello", event.event());
        assertEquals(1, event.property("a"));
        assertEquals(single, event.rawJson());
    }

    @Test
    void bodiesThatAreNotJsonOrLackAnApiKeyGet400() throws Exception {
        assertEquals(400, post("/batch/", "not json".getBytes(StandardCharsets.UTF_8), null).statusCode());
        HttpResponse<String> noKey = post("/batch/", ("{\"batch\":[" + EVENT_2 + "]}").getBytes(StandardCharsets.UTF_8), null);

        assertEquals(400, noKey.statusCode());
        assertTrue(Json.read(noKey.body()).get("detail").asText().contains("api_key"));
        assertTrue(server.events().isEmpty());
        assertEquals(2, server.requestCount());
    }

    @Test
    void failNextAnswersThatStatusWithoutRecordingThenRecovers() throws Exception {
        server.failNext(2, 503);

        assertEquals(503, post("/batch/", gzip(BATCH), "gzip").statusCode());
        assertEquals(503, post("/batch/", gzip(BATCH), "gzip").statusCode());
        assertTrue(server.events().isEmpty());
        assertEquals(200, post("/batch/", gzip(BATCH), "gzip").statusCode());
        assertEquals(2, server.events().size());
        assertEquals(3, server.requestCount());
        assertEquals(1, server.batchRequestCount());
    }

    @Test
    void a429FailureCarriesRetryAfter() throws Exception {
        server.failNext(1, 429);

        HttpResponse<String> response = post("/batch/", gzip(BATCH), "gzip");

        assertEquals(429, response.statusCode());
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void respondAlwaysHoldsUntilRecover() throws Exception {
        server.respondAlways(500);
        assertEquals(500, post("/batch/", gzip(BATCH), "gzip").statusCode());
        assertEquals(500, post("/batch/", gzip(BATCH), "gzip").statusCode());

        server.recover();

        assertEquals(200, post("/batch/", gzip(BATCH), "gzip").statusCode());
    }

    @Test
    void stallHoldsEachRequestBeforeAnswering() throws Exception {
        server.stall(Duration.ofSeconds(5));

        assertThrows(HttpTimeoutException.class, () -> http.send(request("/batch/", gzip(BATCH), "gzip")
                .timeout(Duration.ofMillis(200)).build(), HttpResponse.BodyHandlers.ofString()));

        server.recover();
        assertEquals(200, post("/batch/", gzip(BATCH), "gzip").statusCode());
    }

    @Test
    void stopRefusesConnectionsAndRestartListensOnTheSamePortKeepingEvents() throws Exception {
        int port = server.port();
        post("/batch/", gzip(BATCH), "gzip");

        server.stop();

        assertFalse(server.isRunning());
        IOException refused = assertThrows(IOException.class, () -> post("/batch/", gzip(BATCH), "gzip"));
        assertTrue(refused instanceof ConnectException || refused.getCause() instanceof ConnectException, refused.toString());

        server.restart();

        assertEquals(port, server.port());
        assertEquals(200, post("/batch/", gzip(BATCH), "gzip").statusCode());
        assertEquals(4, server.awaitEvents(4, Duration.ofSeconds(5)).size());
    }

    @Test
    void onEventListenersSeeEveryAcceptedEvent() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        server.onEvent(e -> seen.add(e.event()));

        post("/batch/", gzip(BATCH), "gzip");

        assertEquals(List.of("$ai_generation", "bedrock_call"), seen);
    }

    @Test
    void awaitEventsTimesOutWithAMessageListingWhatArrived() throws Exception {
        post("/batch/", gzip(BATCH), "gzip");

        AssertionError error = assertThrows(AssertionError.class, () -> server.awaitEvents(3, Duration.ofMillis(100)));

        assertTrue(error.getMessage().contains("$ai_generation(user-1)"), error.getMessage());
        assertTrue(error.getMessage().contains("but 2 arrived"), error.getMessage());
    }

    @Test
    void clearForgetsEventsAndCounts() throws Exception {
        post("/batch/", gzip(BATCH), "gzip");

        server.clear();

        assertTrue(server.events().isEmpty());
        assertEquals(0, server.batchRequestCount());
        assertTrue(server.rawRequestBodies().isEmpty());
    }

    @Test
    void otherPathsGet404() throws Exception {
        assertEquals(404, post("/decide/", BATCH.getBytes(StandardCharsets.UTF_8), null).statusCode());
        assertEquals(0, server.requestCount());
    }

    private HttpResponse<String> post(String path, byte[] body, String encoding) throws IOException, InterruptedException {
        return http.send(request(path, body, encoding).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, byte[] body, String encoding) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            builder.header("Content-Encoding", encoding);
        }
        return builder;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
