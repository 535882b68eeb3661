package io.github.bedrockposthog.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bedrockposthog.cli.CliArguments.Schema;

import java.util.List;

/**
 * The five insights of PostHog's tutorial "How to monitor generative AI calls to AWS Bedrock", as saved-insight
 * queries ({@code InsightVizNode} over a {@code TrendsQuery}), for either event schema:
 * <ul>
 *   <li>{@code bedrock}: {@code bedrock_completion} / {@code bedrock_error} with {@code total_cost_in_dollars} and
 *       {@code response_time_in_ms}. Only text calls count as errors: a {@code bedrock_error} of an embedding,
 *       image or rerank call ({@code operation_kind}) is left out, one without {@code operation_kind} (sent by
 *       versions before it existed) still counts.</li>
 *   <li>{@code ai}: {@code $ai_generation} with {@code $ai_total_cost_usd} and {@code $ai_latency} (seconds), only
 *       Bedrock's ({@code $ai_provider} = {@code bedrock}: other PostHog AI SDKs send {@code $ai_generation} to
 *       the same project); a failed call is a {@code $ai_generation} whose {@code $ai_is_error} is true.</li>
 * </ul>
 * The names stay the same across schemas, so switching schema updates the same five insights.
 */
final class InsightDefinitions {

    static final String GENERATION_COUNT = "Generation count";
    static final String COST_PER_CALL = "Average cost per API call";
    static final String COST_PER_USER = "Average cost per user";
    static final String RESPONSE_TIME = "Average API response time";
    static final String ERROR_RATE = "Error rate";

    /** The {@code $ai_provider} of this library's {@code $ai_generation} events. */
    static final String PROVIDER = "bedrock";
    /** The {@code operation_kind}s that are no text generation, so none of the tutorial's insights. */
    static final List<String> NOT_TEXT = List.of("embedding", "image", "rerank");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One insight: its name, a description and the {@code query} to save. */
    record Insight(String name, String description, ObjectNode query) {
    }

    private InsightDefinitions() {
    }

    /** The five insights, in the tutorial's order. */
    static List<Insight> of(Schema schema) {
        boolean ai = schema == Schema.AI;
        String tag = " Provisioned by bedrock-posthog (schema: " + schema.id() + ").";
        ObjectNode responseTimeAxis = NODES.objectNode().put("aggregationAxisFormat", ai ? "duration" : "duration_ms");
        ObjectNode errorRate = NODES.objectNode().put("formula", "B/(A+B)")
                .put("aggregationAxisFormat", "percentage_scaled");
        return List.of(
                new Insight(GENERATION_COUNT, "Successful Bedrock calls." + tag,
                        trends(null, completions(ai, "total", null))),
                new Insight(COST_PER_CALL, "Average cost of a Bedrock call in USD." + tag,
                        trends(dollars(null), completions(ai, "avg", cost(ai)))),
                new Insight(COST_PER_USER, "Bedrock spend in USD divided by the users who made calls (A/B)." + tag,
                        trends(dollars("A/B"), completions(ai, "sum", cost(ai)), completions(ai, "dau", null))),
                new Insight(RESPONSE_TIME, "Average time a Bedrock call took, as the application saw it." + tag,
                        trends(responseTimeAxis, completions(ai, "avg", ai ? "$ai_latency" : "response_time_in_ms"))),
                new Insight(ERROR_RATE,
                        "Failed Bedrock calls as a share of all calls: errors / (completions + errors) = B/(A+B)." + tag,
                        trends(errorRate, completions(ai, "total", null), errors(ai))));
    }

    private static String cost(boolean ai) {
        return ai ? "$ai_total_cost_usd" : "total_cost_in_dollars";
    }

    /** Cost axes: a dollar prefix and enough decimals for per-call costs (the tutorial's "shows 0" pitfall). */
    private static ObjectNode dollars(String formula) {
        ObjectNode filter = NODES.objectNode().put("aggregationAxisPrefix", "$").put("decimalPlaces", 6);
        return formula == null ? filter : filter.put("formula", formula);
    }

    /** Successful calls: {@code bedrock_completion}, or Bedrock's {@code $ai_generation} that is not an error. */
    private static ObjectNode completions(boolean ai, String math, String property) {
        ObjectNode node = events(ai ? "$ai_generation" : "bedrock_completion", math, property);
        if (ai) {
            node.set("properties", NODES.arrayNode().add(bedrockProvider()).add(isError("is_not")));
        }
        return node;
    }

    /**
     * Failed calls: {@code bedrock_error} of a text call, or Bedrock's {@code $ai_generation} with
     * {@code $ai_is_error} true.
     */
    private static ObjectNode errors(boolean ai) {
        ObjectNode node = events(ai ? "$ai_generation" : "bedrock_error", "total", null);
        node.set("properties", ai ? NODES.arrayNode().add(bedrockProvider()).add(isError("exact"))
                : NODES.arrayNode().add(textCall()));
        return node;
    }

    private static ObjectNode isError(String operator) {
        return property("$ai_is_error", operator, List.of("true"));
    }

    private static ObjectNode bedrockProvider() {
        return property("$ai_provider", "exact", List.of(PROVIDER));
    }

    /**
     * {@code operation_kind} is none of the non-text kinds. PostHog's {@code is_not} matches an event without the
     * property (HogQL compares a missing value as unequal), so older events without it still count.
     */
    private static ObjectNode textCall() {
        return property("operation_kind", "is_not", NOT_TEXT);
    }

    private static ObjectNode property(String key, String operator, List<String> values) {
        ObjectNode filter = NODES.objectNode().put("type", "event").put("key", key).put("operator", operator);
        ArrayNode value = filter.putArray("value");
        values.forEach(value::add);
        return filter;
    }

    private static ObjectNode events(String event, String math, String property) {
        ObjectNode node = NODES.objectNode().put("kind", "EventsNode").put("event", event).put("name", event)
                .put("math", math);
        return property == null ? node : node.put("math_property", property);
    }

    private static ObjectNode trends(ObjectNode trendsFilter, ObjectNode... series) {
        ObjectNode source = NODES.objectNode().put("kind", "TrendsQuery");
        ArrayNode list = source.putArray("series");
        for (ObjectNode s : series) {
            list.add(s);
        }
        source.put("interval", "day");
        source.putObject("dateRange").put("date_from", "-30d");
        if (trendsFilter != null) {
            source.set("trendsFilter", trendsFilter);
        }
        ObjectNode query = NODES.objectNode().put("kind", "InsightVizNode");
        query.set("source", source);
        return query;
    }
}
