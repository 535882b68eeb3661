package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostHogApiFakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private PostHogApiFake fake;

    @AfterEach
    void stop() {
        fake.close();
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply call(String method, String pathAndQuery, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.endpoint() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }

    @Test
    void insightsCreatedOnADashboardAppearAsItsTilesAndPatchChangesThem() throws Exception {
        fake = PostHogApiFake.builder().projectId(42).personalApiKey("phx_good").start();
        Reply dashboard = call("POST", "/api/projects/42/dashboards/", "phx_good", "{\"name\":\"Ops\"}");
        assertEquals(201, dashboard.status());
        long dashboardId = dashboard.body().path("id").asLong();
        Reply insight = call("POST", "/api/projects/42/insights/", "phx_good",
                "{\"name\":\"Calls\",\"query\":{\"kind\":\"InsightVizNode\"},\"dashboards\":[" + dashboardId + "]}");
        assertEquals(201, insight.status());
        long insightId = insight.body().path("id").asLong();

        JsonNode detail = call("GET", "/api/projects/42/dashboards/" + dashboardId + "/", "phx_good", null).body();
        assertEquals("Calls", detail.path("tiles").path(0).path("insight").path("name").asText());
        assertTrue(call("GET", "/api/projects/42/dashboards/", "phx_good", null).body().path("results").path(0)
                .path("tiles").isMissingNode(), "lists carry no tiles, as PostHog's");

        Reply patched = call("PATCH", "/api/projects/42/insights/" + insightId + "/", "phx_good", "{\"name\":\"All calls\"}");
        assertEquals(200, patched.status());
        assertEquals("All calls", fake.insights().get(0).path("name").asText());
        assertEquals("InsightVizNode", fake.insights().get(0).path("query").path("kind").asText(), "PATCH keeps other fields");
        assertEquals(List.of("POST", "POST", "GET", "GET", "PATCH"),
                fake.requests().stream().map(ApiRequest::method).toList());
        assertEquals("Bearer phx_good", fake.requests().get(0).header("authorization"));
    }

    @Test
    void listsArePaginatedWithAbsoluteNextLinks() throws Exception {
        fake = PostHogApiFake.builder().pageSize(2).start();
        for (int i = 0; i < 5; i++) {
            fake.addDashboard(JSON.createObjectNode().put("name", "D" + i));
        }
        JsonNode first = call("GET", "/api/projects/1/dashboards/?limit=100", "any", null).body();
        assertEquals(5, first.path("count").asInt());
        assertEquals(2, first.path("results").size());
        String next = first.path("next").asText();
        assertTrue(next.startsWith(fake.endpoint() + "/api/projects/1/dashboards/?"), next);
        JsonNode last = call("GET", "/api/projects/1/dashboards/?limit=2&offset=4", "any", null).body();
        assertEquals("D4", last.path("results").path(0).path("name").asText());
        assertTrue(last.path("next").isNull());
    }

    @Test
    void wrongKeysOtherProjectsAndScriptedFailuresGetPostHogErrors() throws Exception {
        fake = PostHogApiFake.builder().personalApiKey("phx_good").start();
        assertEquals(401, call("GET", "/api/projects/1/insights/", "phx_bad", null).status());
        assertEquals(401, call("GET", "/api/projects/1/insights/", null, null).status());
        Reply otherProject = call("GET", "/api/projects/2/insights/", "phx_good", null);
        assertEquals(404, otherProject.status());
        assertEquals("Project not found.", otherProject.body().path("detail").asText());
        fake.failWith(403);
        assertEquals("permission_denied", call("GET", "/api/projects/1/insights/", "phx_good", null).body().path("code").asText());
        fake.recover();
        fake.answerQueries(List.of("n"), List.of(List.of(7)));
        Reply query = call("POST", "/api/projects/1/query/", "phx_good",
                "{\"query\":{\"kind\":\"HogQLQuery\",\"query\":\"SELECT 7\"}}");
        assertEquals(7, query.body().path("results").path(0).path(0).asInt());
        assertEquals("n", query.body().path("columns").path(0).asText());
    }
}
