package io.github.bedrockposthog.cli;

import io.github.bedrockposthog.testkit.ApiRequest;
import io.github.bedrockposthog.testkit.PostHogApiFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code report} against the loopback PostHog API fake: the HogQL sent and the table printed. */
class ReportCommandIT {

    private static final List<String> COLUMNS = List.of("generations", "avg_cost_per_call", "avg_cost_per_user",
            "avg_response_time_ms", "error_rate");
    private PostHogApiFake fake;

    @BeforeEach
    void start() {
        fake = PostHogApiFake.builder().projectId(77).personalApiKey(CommandRun.KEY).start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private CommandRun report(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("report", "--host", fake.endpoint().toString(),
                "--project-id", "77"));
        args.addAll(Arrays.asList(more));
        return CommandRun.withKey(args.toArray(new String[0])).keySecret();
    }

    @Test
    void theFiveNumbersOfTheLastWeekAsATable() {
        fake.answerQueries(COLUMNS, List.of(List.of(1234, 0.000412345, 0.01523, 842.123, 0.0235)));
        CommandRun run = report();
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(String.join("\n",
                "Bedrock LLM monitoring: project 77, bedrock_completion / bedrock_error, from -7d to now",
                "",
                "Insight                        Value",
                "-------------------------  ---------",
                "Generation count                1234",
                "Average cost per API call  $0.000412",
                "Average cost per user      $0.015230",
                "Average API response time   842.1 ms",
                "Error rate                     2.35%",
                ""), run.out());
        assertEquals("", run.err());

        ApiRequest query = fake.requests().get(0);
        assertEquals("POST /api/projects/77/query/", query.toString());
        assertEquals("Bearer " + CommandRun.KEY, query.header("Authorization"));
        assertEquals(List.of("query"), fieldNames(query));
        assertEquals("HogQLQuery", query.json().path("query").path("kind").asText());
        assertEquals("SELECT countIf(event = 'bedrock_completion') AS generations,"
                + " avgIf(toFloat(properties.total_cost_in_dollars), event = 'bedrock_completion') AS avg_cost_per_call,"
                + " sumIf(toFloat(properties.total_cost_in_dollars), event = 'bedrock_completion')"
                + " / nullIf(uniqIf(person_id, event = 'bedrock_completion'), 0) AS avg_cost_per_user,"
                + " avgIf(toFloat(properties.response_time_in_ms), event = 'bedrock_completion') AS avg_response_time_ms,"
                + " countIf(event = 'bedrock_error') / nullIf(count(), 0) AS error_rate"
                + " FROM events WHERE event IN ('bedrock_completion', 'bedrock_error')"
                + " AND ifNull(toString(properties.operation_kind), 'text') NOT IN ('embedding', 'image', 'rerank')"
                + " AND timestamp >= now() - INTERVAL 7 DAY AND timestamp < now()",
                query.json().path("query").path("query").asText());
    }

    private static List<String> fieldNames(ApiRequest r) {
        List<String> names = new java.util.ArrayList<>();
        r.json().fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theAiSchemaReadsAiGenerationsBetweenTwoDatesAndEmptyNumbersAreNa() {
        fake.answerQueries(COLUMNS, List.of(Arrays.asList(0, null, null, null, null)));
        CommandRun run = report("--schema", "ai", "--from", "2025-01-01", "--to", "2025-02-01T12:30");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(String.join("\n",
                "Bedrock LLM monitoring: project 77, $ai_generation, from 2025-01-01 to 2025-02-01T12:30",
                "",
                "Insight                    Value",
                "-------------------------  -----",
                "Generation count               0",
                "Average cost per API call    n/a",
                "Average cost per user        n/a",
                "Average API response time    n/a",
                "Error rate                   n/a",
                ""), run.out());
        String ok = "NOT ifNull(toString(properties.$ai_is_error), 'false') = 'true'";
        assertEquals("SELECT countIf(" + ok + ") AS generations,"
                + " avgIf(toFloat(properties.$ai_total_cost_usd), " + ok + ") AS avg_cost_per_call,"
                + " sumIf(toFloat(properties.$ai_total_cost_usd), " + ok + ")"
                + " / nullIf(uniqIf(person_id, " + ok + "), 0) AS avg_cost_per_user,"
                + " avgIf(toFloat(properties.$ai_latency), " + ok + ") * 1000 AS avg_response_time_ms,"
                + " countIf(ifNull(toString(properties.$ai_is_error), 'false') = 'true') / nullIf(count(), 0) AS error_rate"
                + " FROM events WHERE event = '$ai_generation' AND properties.$ai_provider = 'bedrock'"
                + " AND timestamp >= toDateTime('2025-01-01 00:00:00', 'UTC')"
                + " AND timestamp < toDateTime('2025-02-01 12:30:00', 'UTC')",
                fake.requests().get(0).json().path("query").path("query").asText());
    }

    @Test
    void columnsAreMatchedByNameNotPosition() {
        fake.answerQueries(List.of("error_rate", "generations", "avg_response_time_ms", "avg_cost_per_user",
                "avg_cost_per_call"), List.of(List.of(0.5, 10, 1500, 0.02, 0.001)));
        CommandRun run = report("--from", "-24h");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("Generation count                  10", "Average cost per API call  $0.001000",
                "Average cost per user      $0.020000", "Average API response time  1500.0 ms",
                "Error rate                    50.00%"), run.out().lines().skip(4).toList());
        assertEquals(true, fake.requests().get(0).json().path("query").path("query").asText()
                .contains("timestamp >= now() - INTERVAL 24 HOUR AND timestamp < now()"));
    }

    @Test
    void aDateThatIsNotOneIsRefusedBeforeAnythingIsSent() {
        CommandRun run = report("--from", "yesterday'; DROP TABLE events; --");
        assertEquals(2, run.exitCode());
        assertEquals("error: --from must be now, -<n>h|d|w|m|y (e.g. -7d) or a date like 2025-01-31, not "
                + "'yesterday'; DROP TABLE events; --' (see --help)\n", run.err());
        assertEquals(List.of(), fake.requests());
    }

    @Test
    void aRejectedKeyOnTheQueryKeepsPostHogsReason() {
        CommandRun run = CommandRun.of(java.util.Map.of("POSTHOG_PERSONAL_API_KEY", "phx_revoked"), "report", "--host",
                fake.endpoint().toString(), "--project-id", "77");
        assertEquals(3, run.exitCode());
        assertEquals("error: PostHog rejected the personal API key (HTTP 401 for POST " + fake.endpoint()
                + "/api/projects/77/query/): check POSTHOG_PERSONAL_API_KEY. PostHog says: Personal API key found in "
                + "request Authorization header is invalid.\n", run.err());
        assertEquals(false, run.err().contains("phx_revoked"));
    }

    @Test
    void aQueryWithoutTheScopeIsOneLine() {
        fake.failWith(403);
        CommandRun run = report();
        assertEquals(3, run.exitCode());
        assertEquals(1, run.err().lines().count());
        assertEquals(true, run.err().startsWith("error: the personal API key is not allowed to do this (HTTP 403 for POST "
                + fake.endpoint() + "/api/projects/77/query/)"), run.err());
    }
}
