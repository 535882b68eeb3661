package io.github.bedrockposthog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bedrockposthog.testkit.ApiRequest;
import io.github.bedrockposthog.testkit.PostHogApiFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dashboard} against the loopback PostHog API fake: the exact JSON sent, idempotence, and clear failures. */
class DashboardCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "4242";
    private PostHogApiFake fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private PostHogApiFake start() {
        fake = PostHogApiFake.builder().projectId(4242).personalApiKey(CommandRun.KEY).start();
        return fake;
    }

    private CommandRun dashboard(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "dashboard";
        args[1] = "--host=" + fake.endpoint();
        args[2] = "--project-id";
        args[3] = PROJECT;
        System.arraycopy(more, 0, args, 4, more.length);
        return CommandRun.withKey(args).keySecret();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tutorial's five insights over bedrock_completion / bedrock_error, as PostHog's TrendsQuery. */
    private static final String BEDROCK_QUERIES = """
            {
             "Generation count": {"kind": "InsightVizNode", "source": {"kind": "TrendsQuery",
               "series": [{"kind": "EventsNode", "event": "bedrock_completion", "name": "bedrock_completion", "math": "total"}],
               "interval": "day", "dateRange": {"date_from": "-30d"}}},
             "Average cost per API call": {"kind": "InsightVizNode", "source": {"kind": "TrendsQuery",
               "series": [{"kind": "EventsNode", "event": "bedrock_completion", "name": "bedrock_completion", "math": "avg",
                           "math_property": "total_cost_in_dollars"}],
               "interval": "day", "dateRange": {"date_from": "-30d"},
               "trendsFilter": {"aggregationAxisPrefix": "$", "decimalPlaces": 6}}},
             "Average cost per user": {"kind": "InsightVizNode", "source": {"kind": "TrendsQuery",
               "series": [{"kind": "EventsNode", "event": "bedrock_completion", "name": "bedrock_completion", "math": "sum",
                           "math_property": "total_cost_in_dollars"},
                          {"kind": "EventsNode", "event": "bedrock_completion", "name": "bedrock_completion", "math": "dau"}],
               "interval": "day", "dateRange": {"date_from": "-30d"},
               "trendsFilter": {"aggregationAxisPrefix": "$", "decimalPlaces": 6, "formula": "A/B"}}},
             "Average API response time": {"kind": "InsightVizNode", "source": {"kind": "TrendsQuery",
               "series": [{"kind": "EventsNode", "event": "bedrock_completion", "name": "bedrock_completion", "math": "avg",
                           "math_property": "response_time_in_ms"}],
               "interval": "day", "dateRange": {"date_from": "-30d"},
               "trendsFilter": {"aggregationAxisFormat": "duration_ms"}}},
             "Error rate": {"kind": "InsightVizNode", "source": {"kind": "TrendsQuery",
               "series": [{"kind": "EventsNode", "event": "bedrock_completion", "name": "bedrock_completion", "math": "total"},
                          {"kind": "EventsNode", "event": "bedrock_error", "name": "bedrock_error", "math": "total",
                           "properties": [{"type": "event", "key": "operation_kind", "operator": "is_not",
                                           "value": ["embedding", "image", "rerank"]}]}],
               "interval": "day", "dateRange": {"date_from": "-30d"},
               "trendsFilter": {"formula": "B/(A+B)", "aggregationAxisFormat": "percentage_scaled"}}}
            }
            """;

    /** Bedrock's own $ai_generation events only: other AI SDKs may report into the same project. */
    private static final String BEDROCK = """
            {"type": "event", "key": "$ai_provider", "operator": "exact", "value": ["bedrock"]}""";

    private static final String NOT_ERROR = """
            [%s, {"type": "event", "key": "$ai_is_error", "operator": "is_not", "value": ["true"]}]""".formatted(BEDROCK);

    /** The same five over Bedrock's $ai_generation. */
    private static final String AI_QUERIES = """
            {
             "Generation count": {"kind": "InsightVizNode", "source": {"kind": "TrendsQuery",
               "series": [{"kind": "EventsNode", "event": "$ai_generation", "name": "$ai_generation", "math": "total",
                           "properties": %1$s}],
               "interval": "day", "dateRange": {"date_from": "-30d"}}},
             "Average cost per API call": {"kind": "InsightVizNode", "source": {"kind": "TrendsQuery",
               "series": [{"kind": "EventsNode", "event": "$ai_generation", "name": "$ai_generation", "math": "avg",
                           "math_property": "$ai_total_cost_usd", "properties": %1$s}],
               "interval": "day", "dateRange": {"date_from": "-30d"},
               "trendsFilter": {"aggregationAxisPrefix": "$", "decimalPlaces": 6}}},
             "Average cost per user": {"kind": "InsightVizNode", "source": {"kind": "TrendsQuery",
               "series": [{"kind": "EventsNode", "event": "$ai_generation", "name": "$ai_generation", "math": "sum",
                           "math_property": "$ai_total_cost_usd", "properties": %1$s},
                          {"kind": "EventsNode", "event": "$ai_generation", "name": "$ai_generation", "math": "dau",
                           "properties": %1$s}],
               "interval": "day", "dateRange": {"date_from": "-30d"},
               "trendsFilter": {"aggregationAxisPrefix": "$", "decimalPlaces": 6, "formula": "A/B"}}},
             "Average API response time": {"kind": "InsightVizNode", "source": {"kind": "TrendsQuery",
               "series": [{"kind": "EventsNode", "event": "$ai_generation", "name": "$ai_generation", "math": "avg",
                           "math_property": "$ai_latency", "properties": %1$s}],
               "interval": "day", "dateRange": {"date_from": "-30d"},
               "trendsFilter": {"aggregationAxisFormat": "duration"}}},
             "Error rate": {"kind": "InsightVizNode", "source": {"kind": "TrendsQuery",
               "series": [{"kind": "EventsNode", "event": "$ai_generation", "name": "$ai_generation", "math": "total",
                           "properties": %1$s},
                          {"kind": "EventsNode", "event": "$ai_generation", "name": "$ai_generation", "math": "total",
                           "properties": [%2$s,
                                          {"type": "event", "key": "$ai_is_error", "operator": "exact", "value": ["true"]}]}],
               "interval": "day", "dateRange": {"date_from": "-30d"},
               "trendsFilter": {"formula": "B/(A+B)", "aggregationAxisFormat": "percentage_scaled"}}}
            }
            """.formatted(NOT_ERROR, BEDROCK);

    private static final List<String> NAMES = List.of("Generation count", "Average cost per API call",
            "Average cost per user", "Average API response time", "Error rate");

    @Test
    void aFirstRunCreatesTheDashboardAndTheTutorialsFiveInsights() {
        start();
        CommandRun run = dashboard();
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err());

        List<ApiRequest> requests = fake.requests();
        List<String> expectedRequests = new java.util.ArrayList<>(List.of("GET /api/projects/4242/dashboards/?limit=100",
                "POST /api/projects/4242/dashboards/", "GET /api/projects/4242/dashboards/1/"));
        for (String name : NAMES) { // not on the dashboard: maybe ours elsewhere (by name and tag)? No: create it
            expectedRequests.add("GET /api/projects/4242/insights/?saved=true&limit=100&search=" + name.replace(" ", "%20"));
            expectedRequests.add("POST /api/projects/4242/insights/");
        }
        assertEquals(expectedRequests, requests.stream().map(ApiRequest::toString).toList());
        for (ApiRequest r : requests) {
            assertEquals("Bearer " + CommandRun.KEY, r.header("Authorization"), r::toString);
            assertEquals("application/json", r.header("Accept"));
        }
        assertEquals(json("""
                {"name": "Bedrock LLM monitoring",
                 "description": "Amazon Bedrock calls reported by bedrock-posthog: the five insights of PostHog's tutorial \\"How to monitor generative AI calls to AWS Bedrock\\".",
                 "tags": ["bedrock-posthog"]}"""), requests.get(1).json());
        assertEquals("application/json", requests.get(1).header("Content-Type"));

        JsonNode expected = json(BEDROCK_QUERIES);
        List<ApiRequest> creates = fake.requests("POST").subList(1, 6);
        for (int i = 0; i < 5; i++) {
            JsonNode body = creates.get(i).json();
            String name = NAMES.get(i);
            assertEquals(List.of("name", "description", "query", "dashboards", "tags", "saved"), fieldNames(body));
            assertEquals(name, body.path("name").asText());
            assertTrue(body.path("description").asText().endsWith("Provisioned by bedrock-posthog (schema: bedrock)."));
            assertEquals(expected.path(name), body.path("query"), name);
            assertEquals(json("[1]"), body.path("dashboards"));
            assertEquals(json("[\"bedrock-posthog\"]"), body.path("tags"));
            assertTrue(body.path("saved").asBoolean());
        }
        assertEquals(String.join("\n",
                "Dashboard \"Bedrock LLM monitoring\" created (id 1)",
                "  Generation count             created (id 2)",
                "  Average cost per API call    created (id 3)",
                "  Average cost per user        created (id 4)",
                "  Average API response time    created (id 5)",
                "  Error rate                   created (id 6)",
                fake.endpoint() + "/project/4242/dashboard/1", ""), run.out());
        assertEquals(5, fake.dashboards().get(0).path("tiles").size(), "all five are on the dashboard");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aSecondRunPatchesTheSameInsightsAndCreatesNothing() {
        start();
        assertEquals(0, dashboard().exitCode());
        fake.clearRequests();

        CommandRun second = dashboard("--schema", "ai");
        assertEquals(0, second.exitCode(), second::toString);
        assertEquals(List.of(), fake.requests("POST"), "nothing new on a second run");
        List<ApiRequest> patches = fake.requests("PATCH");
        assertEquals(List.of("PATCH /api/projects/4242/insights/2/", "PATCH /api/projects/4242/insights/3/",
                "PATCH /api/projects/4242/insights/4/", "PATCH /api/projects/4242/insights/5/",
                "PATCH /api/projects/4242/insights/6/"), patches.stream().map(ApiRequest::toString).toList());
        JsonNode expected = json(AI_QUERIES);
        for (int i = 0; i < 5; i++) {
            JsonNode body = patches.get(i).json();
            assertEquals(List.of("name", "description", "query", "tags"), fieldNames(body), "the dashboard link stays as is");
            assertEquals(NAMES.get(i), body.path("name").asText());
            assertEquals(expected.path(NAMES.get(i)), body.path("query"), NAMES.get(i));
            assertTrue(body.path("description").asText().endsWith("(schema: ai)."));
            assertEquals("Bearer " + CommandRun.KEY, patches.get(i).header("Authorization"));
        }
        assertEquals(1, fake.dashboards().size());
        assertEquals(5, fake.insights().size());
        assertTrue(second.out().startsWith("Dashboard \"Bedrock LLM monitoring\" found (id 1)\n"
                + "  Generation count             updated (id 2)\n"), second.out());
        assertEquals(expected.path("Error rate"), fake.insights().get(4).path("query"), "the stored insight changed");

        fake.clearRequests();
        assertEquals(0, dashboard("--schema", "ai").exitCode());
        assertEquals(List.of(), fake.requests("POST"), "and a third run neither");
    }

    @Test
    void aSameNamedUserInsightElsewhereIsLeftAloneAndOurTaggedOneIsRelinked() {
        start();
        ObjectNode theirs = JSON.createObjectNode().put("name", "Generation count");
        long theirId = fake.addInsight(theirs); // a user's own insight: not tagged, not on our dashboard
        ObjectNode ours = JSON.createObjectNode().put("name", "Error rate");
        ours.putArray("tags").add("bedrock-posthog").add("team-ml");
        ours.putArray("dashboards");
        long ourId = fake.addInsight(ours); // ours, taken off the dashboard by someone
        long dashboardId = fake.addDashboard(JSON.createObjectNode().put("name", "Bedrock LLM monitoring"));

        CommandRun run = dashboard();
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(4, fake.requests("POST").size(), () -> "four created, no dashboard: " + fake.requests("POST"));
        assertTrue(fake.requests("POST").stream().allMatch(r -> r.path().endsWith("/insights/")));
        List<ApiRequest> patches = fake.requests("PATCH");
        assertEquals(1, patches.size());
        assertEquals("/api/projects/4242/insights/" + ourId + "/", patches.get(0).path());
        assertEquals(json("[\"bedrock-posthog\", \"team-ml\"]"), patches.get(0).json().path("tags"), "the user's tags stay");
        assertEquals(json("[" + dashboardId + "]"), patches.get(0).json().path("dashboards"), "linked again");
        assertEquals("", fake.insights().stream().filter(i -> i.path("id").asLong() == theirId).findFirst().orElseThrow()
                .path("description").asText(), "their insight was not touched");
        assertEquals(5, fake.dashboards().get(0).path("tiles").size());
        assertTrue(run.out().contains("Error rate                   updated (id " + ourId + ")"), run.out());
    }

    @Test
    void theDashboardIsFoundOnALaterPage() {
        fake = PostHogApiFake.builder().projectId(4242).pageSize(2).start();
        for (int i = 0; i < 5; i++) {
            fake.addDashboard(JSON.createObjectNode().put("name", "Team dashboard " + i));
        }
        long ours = fake.addDashboard(JSON.createObjectNode().put("name", "Bedrock LLM monitoring"));
        CommandRun run = dashboard();
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(6, fake.dashboards().size(), "no second dashboard");
        assertTrue(run.out().startsWith("Dashboard \"Bedrock LLM monitoring\" found (id " + ours + ")"), run.out());
        assertEquals(3, fake.requests().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/dashboards/"))
                .count(), "three pages of two, following next");
    }

    @Test
    void aRejectedKeyIsOneLineWithoutTheKey() {
        fake = PostHogApiFake.builder().projectId(4242).personalApiKey("phx_the_right_one").start();
        CommandRun run = dashboard();
        assertEquals(3, run.exitCode());
        assertEquals("", run.out());
        assertEquals("error: PostHog rejected the personal API key (HTTP 401 for GET " + fake.endpoint()
                + "/api/projects/4242/dashboards/?limit=100): check POSTHOG_PERSONAL_API_KEY. PostHog says: Personal API "
                + "key found in request Authorization header is invalid.\n", run.err());
    }

    @Test
    void aKeyWithoutTheScopeIsOneLine() {
        start();
        fake.failWith(403);
        CommandRun run = dashboard();
        assertEquals(3, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: the personal API key is not allowed to do this (HTTP 403 for GET "), run.err());
        assertTrue(run.err().contains("dashboard:write, insight:write and query:read"), run.err());
        assertTrue(run.err().endsWith("PostHog says: API key missing required scope 'insight:write'\n"), run.err());
    }

    @Test
    void anUnknownProjectIsOneLine() {
        start();
        CommandRun run = CommandRun.withKey("dashboard", "--host", fake.endpoint().toString(), "--project-id", "999")
                .keySecret();
        assertEquals(4, run.exitCode());
        assertEquals("error: not found (HTTP 404 for GET " + fake.endpoint() + "/api/projects/999/dashboards/?limit=100): "
                + "check --project-id and that --host is PostHog's app host (e.g. https://us.posthog.com). "
                + "PostHog says: Project not found.\n", run.err());
        assertEquals(List.of(), fake.requests("POST"));
    }

    @Test
    void anUnreachableHostIsOneLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CommandRun run = CommandRun.withKey("dashboard", "--host", "http://127.0.0.1:" + closedPort, "--project-id", "1")
                .keySecret();
        assertEquals(5, run.exitCode());
        assertEquals("", run.out());
        assertEquals("error: cannot reach PostHog at http://127.0.0.1:" + closedPort + " (GET http://127.0.0.1:" + closedPort
                + "/api/projects/1/dashboards/?limit=100): ConnectException: connection refused or host unreachable\n",
                run.err());
    }

    @Test
    void usageProblemsAreOneLineAndHelpExplains() {
        CommandRun noKey = CommandRun.of(Map.of(), "dashboard", "--project-id", "1");
        assertEquals(2, noKey.exitCode());
        assertEquals("error: POSTHOG_PERSONAL_API_KEY is not set: create a personal API key in PostHog "
                + "(Settings > Personal API keys) (see --help)\n", noKey.err());
        CommandRun badSchema = CommandRun.withKey("dashboard", "--project-id", "1", "--schema", "both");
        assertEquals(2, badSchema.exitCode());
        assertEquals("error: --schema must be bedrock or ai, not 'both' (see --help)\n", badSchema.err());
        assertEquals(2, CommandRun.withKey("dashboard").exitCode());
        assertEquals(2, CommandRun.withKey("deploy", "--project-id", "1").exitCode());
        assertEquals(2, CommandRun.withKey("dashboard", "--project-id", "abc").exitCode());
        assertEquals(2, CommandRun.withKey("dashboard", "--project-id", "1", "--from", "-7d").exitCode());

        CommandRun help = CommandRun.of(Map.of(), "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: java -jar bedrock-posthog-cli.jar <command> [options]\n"));
        assertTrue(help.out().contains("POSTHOG_PERSONAL_API_KEY"));
        assertEquals("", help.err());
    }

    @Test
    void anIngestionHostIsTurnedIntoTheApiHost() throws CliException {
        CliArguments a = CliArguments.parse(new String[] {"report", "--host", "https://eu.i.posthog.com/", "--project-id", "7"},
                Map.of("POSTHOG_PERSONAL_API_KEY", "k"));
        assertEquals("https://eu.posthog.com", a.host());
        assertEquals("note: https://eu.i.posthog.com only ingests events; using the API host https://eu.posthog.com", a.note());
        assertFalse(CliArguments.parse(new String[] {"report", "--project-id", "7"}, Map.of("POSTHOG_PERSONAL_API_KEY", "k"))
                .host().contains(".i."));
    }
}
