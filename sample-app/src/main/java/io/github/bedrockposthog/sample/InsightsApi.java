package io.github.bedrockposthog.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * {@code GET /api/insights}: the five insights and their per-minute series, computed from the locally captured
 * events. Field names: {@code generation_count}, {@code avg_cost_per_call_usd}, {@code avg_cost_per_user_usd},
 * {@code avg_response_time_ms}, {@code error_rate} (0..1), plus {@code error_count} and {@code unique_users}; the
 * same per entry of {@code series}, keyed by {@code minute} (ISO-8601, UTC). With real PostHog the numbers live in
 * PostHog: the answer says so ({@code "local": false}) and where.
 */
final class InsightsApi implements HttpHandler {

    private final EventStore store;
    private final String postHogHost;
    private final Clock clock;

    /**
     * Insights of a store; a null store means events go to real PostHog at {@code postHogHost}.
     *
     * @param store       the captured events, or null
     * @param postHogHost the PostHog host when the store is null
     * @param clock       the clock that ends the series
     */
    InsightsApi(EventStore store, String postHogHost, Clock clock) {
        this.store = store;
        this.postHogHost = postHogHost;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                Http.requireMethod(exchange, "GET", "HEAD");
            } catch (Http.Rejected e) {
                Http.sendError(exchange, e.status(), e.getMessage());
                return;
            }
            Http.sendJson(exchange, 200, store == null ? remote() : local());
        }
    }

    private ObjectNode local() {
        List<InsightEvent> events = store.snapshot();
        Insights.Report report = Insights.report(events, clock.instant());
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("local", true);
        put(body, report.overall());
        body.put("events_kept", events.size());
        ArrayNode series = body.putArray("series");
        for (Insights.Minute minute : report.series()) {
            ObjectNode point = series.addObject();
            point.put("minute", minute.minute().toString());
            put(point, minute.numbers());
        }
        return body;
    }

    private ObjectNode remote() {
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("local", false);
        body.put("posthog_host", postHogHost);
        body.put("posthog_app_url", appUrl(postHogHost));
        body.put("message", "Events go to your PostHog project: build the five insights there (see the README's"
                + " dashboard section).");
        return body;
    }

    private static void put(ObjectNode node, Insights.Numbers n) {
        node.put("generation_count", n.generationCount());
        node.put("error_count", n.errorCount());
        node.put("unique_users", n.uniqueUsers());
        node.put("avg_cost_per_call_usd", n.avgCostPerCallUsd());
        node.put("avg_cost_per_user_usd", n.avgCostPerUserUsd());
        node.put("avg_response_time_ms", n.avgResponseTimeMs());
        node.put("error_rate", n.errorRate());
    }

    /** PostHog's app for an ingestion host: {@code https://us.i.posthog.com} -> {@code https://us.posthog.com}. */
    static String appUrl(String host) {
        return host == null ? null : host.replaceFirst("^(https?://[a-z]+)\\.i\\.posthog\\.com", "$1.posthog.com");
    }
}
