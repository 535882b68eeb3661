package io.github.bedrockposthog.cli;

import io.github.bedrockposthog.cli.CliArguments.Schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.github.bedrockposthog.cli.JsonText.object;

/**
 * The five insights of PostHog's tutorial "How to monitor generative AI calls to AWS Bedrock", as saved-insight
 * queries ({@code InsightVizNode} over a {@code TrendsQuery}), for either event schema:
 * <ul>
 *   <li>{@code bedrock}: {@code bedrock_completion} / {@code bedrock_error} with {@code total_cost_in_dollars} and
 *       {@code response_time_in_ms};</li>
 *   <li>{@code ai}: {@code $ai_generation} with {@code $ai_total_cost_usd} and {@code $ai_latency} (seconds); a
 *       failed call is a {@code $ai_generation} whose {@code $ai_is_error} is true.</li>
 * </ul>
 * The names stay the same across schemas, so switching schema updates the same five insights.
 */
final class InsightDefinitions {

    static final String GENERATION_COUNT = "Generation count";
    static final String COST_PER_CALL = "Average cost per API call";
    static final String COST_PER_USER = "Average cost per user";
    static final String RESPONSE_TIME = "Average API response time";
    static final String ERROR_RATE = "Error rate";

    /** One insight: its name, a description and the {@code query} to save. */
    static final class Insight {
        final String name;
        final String description;
        final Map<String, Object> query;

        Insight(String name, String description, Map<String, Object> query) {
            this.name = name;
            this.description = description;
            this.query = query;
        }
    }

    private InsightDefinitions() {
    }

    /** The five insights, in the tutorial's order. */
    static List<Insight> of(Schema schema) {
        boolean ai = schema == Schema.AI;
        String tag = " Provisioned by bedrock-posthog (schema: " + schema.id() + ").";
        List<Insight> insights = new ArrayList<>();
        insights.add(new Insight(GENERATION_COUNT,
                "Successful Bedrock calls." + tag,
                trends(Collections.singletonList(completions(ai, "total", null)), null)));
        insights.add(new Insight(COST_PER_CALL,
                "Average cost of a Bedrock call in USD." + tag,
                trends(Collections.singletonList(completions(ai, "avg", cost(ai))), dollars(null))));
        insights.add(new Insight(COST_PER_USER,
                "Bedrock spend in USD divided by the users who made calls (A/B)." + tag,
                trends(Arrays.asList(completions(ai, "sum", cost(ai)), completions(ai, "dau", null)), dollars("A/B"))));
        insights.add(new Insight(RESPONSE_TIME,
                "Average time a Bedrock call took, as the application saw it." + tag,
                trends(Collections.singletonList(completions(ai, "avg", ai ? "$ai_latency" : "response_time_in_ms")),
                        object("aggregationAxisFormat", ai ? "duration" : "duration_ms"))));
        insights.add(new Insight(ERROR_RATE,
                "Failed Bedrock calls as a share of all calls: errors / (completions + errors) = B/(A+B)." + tag,
                trends(Arrays.asList(completions(ai, "total", null), errors(ai)),
                        object("formula", "B/(A+B)", "aggregationAxisFormat", "percentage_scaled"))));
        return insights;
    }

    private static String cost(boolean ai) {
        return ai ? "$ai_total_cost_usd" : "total_cost_in_dollars";
    }

    /** Cost axes: a dollar prefix and enough decimals for per-call costs (the tutorial's "shows 0" pitfall). */
    private static Map<String, Object> dollars(String formula) {
        Map<String, Object> filter = object("aggregationAxisPrefix", "$", "decimalPlaces", 6);
        if (formula != null) {
            filter.put("formula", formula);
        }
        return filter;
    }

    /** Successful calls: {@code bedrock_completion}, or {@code $ai_generation} that is not an error. */
    private static Map<String, Object> completions(boolean ai, String math, String property) {
        Map<String, Object> node = events(ai ? "$ai_generation" : "bedrock_completion", math, property);
        if (ai) {
            node.put("properties", Collections.singletonList(isError("is_not")));
        }
        return node;
    }

    /** Failed calls: {@code bedrock_error}, or {@code $ai_generation} with {@code $ai_is_error} true. */
    private static Map<String, Object> errors(boolean ai) {
        Map<String, Object> node = events(ai ? "$ai_generation" : "bedrock_error", "total", null);
        if (ai) {
            node.put("properties", Collections.singletonList(isError("exact")));
        }
        return node;
    }

    private static Map<String, Object> isError(String operator) {
        return object("type", "event", "key", "$ai_is_error", "operator", operator,
                "value", Collections.singletonList("true"));
    }

    private static Map<String, Object> events(String event, String math, String property) {
        Map<String, Object> node = object("kind", "EventsNode", "event", event, "name", event, "math", math);
        if (property != null) {
            node.put("math_property", property);
        }
        return node;
    }

    private static Map<String, Object> trends(List<Map<String, Object>> series, Map<String, Object> trendsFilter) {
        Map<String, Object> source = object(
                "kind", "TrendsQuery",
                "series", series,
                "interval", "day",
                "dateRange", object("date_from", "-30d"));
        if (trendsFilter != null) {
            source.put("trendsFilter", trendsFilter);
        }
        return object("kind", "InsightVizNode", "source", source);
    }
}
