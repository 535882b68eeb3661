package io.github.bedrockposthog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bedrockposthog.cli.CliArguments.Schema;
import io.github.bedrockposthog.cli.InsightDefinitions.Insight;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates or updates the dashboard and its five insights, idempotently: a second run finds the dashboard by name
 * and each insight by name (on the dashboard, else by name and the {@value #TAG} tag) and PATCHes them; it never
 * creates a duplicate.
 */
final class DashboardProvisioner {

    static final String DASHBOARD_NAME = "Bedrock LLM monitoring";
    static final String TAG = "bedrock-posthog";
    private static final String DASHBOARD_DESCRIPTION = "Amazon Bedrock calls reported by bedrock-posthog: the five "
            + "insights of PostHog's tutorial \"How to monitor generative AI calls to AWS Bedrock\".";

    private final PostHogApi api;
    private final String host;
    private final String projectId;
    private final String base;
    private final PrintStream out;

    DashboardProvisioner(PostHogApi api, String host, String projectId, PrintStream out) {
        this.api = api;
        this.host = host;
        this.projectId = projectId;
        this.base = "/api/projects/" + projectId;
        this.out = out;
    }

    /** Provisions everything; prints one line per object and the dashboard's address. */
    void run(Schema schema) throws CliException {
        long dashboardId;
        JsonNode dashboard = findDashboard();
        if (dashboard == null) {
            ObjectNode body = object().put("name", DASHBOARD_NAME).put("description", DASHBOARD_DESCRIPTION);
            body.putArray("tags").add(TAG);
            dashboardId = id(api.post(base + "/dashboards/", body), "dashboard");
            out.println("Dashboard \"" + DASHBOARD_NAME + "\" created (id " + dashboardId + ")");
        } else {
            dashboardId = id(dashboard, "dashboard");
            out.println("Dashboard \"" + DASHBOARD_NAME + "\" found (id " + dashboardId + ")");
        }
        List<JsonNode> onDashboard = insightsOn(dashboardId);
        for (Insight insight : InsightDefinitions.of(schema)) {
            JsonNode existing = byName(onDashboard, insight.name());
            boolean linked = existing != null;
            if (existing == null) {
                existing = taggedElsewhere(insight.name());
            }
            ObjectNode body = object().put("name", insight.name()).put("description", insight.description());
            body.set("query", insight.query());
            if (existing == null) {
                body.putArray("dashboards").add(dashboardId);
                body.putArray("tags").add(TAG);
                body.put("saved", true);
                JsonNode created = api.post(base + "/insights/", body);
                out.println("  " + pad(insight.name()) + " created (id " + id(created, "insight") + ")");
                continue;
            }
            long insightId = id(existing, "insight");
            ArrayNode tags = body.putArray("tags").addAll(array(existing, "tags"));
            if (!contains(tags, TAG)) {
                tags.add(TAG);
            }
            if (!linked) {
                body.putArray("dashboards").addAll(array(existing, "dashboards")).add(dashboardId);
            }
            api.patch(base + "/insights/" + insightId + "/", body);
            out.println("  " + pad(insight.name()) + " updated (id " + insightId + ")");
        }
        out.println(host + "/project/" + projectId + "/dashboard/" + dashboardId);
    }

    /** The live dashboard with our name; with several, the one carrying our tag, else the oldest. */
    private JsonNode findDashboard() throws CliException {
        JsonNode best = null;
        for (JsonNode d : api.list(base + "/dashboards/?limit=100")) {
            if (!DASHBOARD_NAME.equals(text(d, "name")) || deleted(d)) {
                continue;
            }
            boolean tagged = contains(array(d, "tags"), TAG);
            if (best == null || (tagged && !contains(array(best, "tags"), TAG))) {
                best = d;
            }
        }
        return best;
    }

    /** The live insights of the dashboard's tiles. */
    private List<JsonNode> insightsOn(long dashboardId) throws CliException {
        JsonNode dashboard = api.get(base + "/dashboards/" + dashboardId + "/");
        List<JsonNode> insights = new ArrayList<>();
        for (JsonNode tile : array(dashboard, "tiles")) {
            JsonNode insight = tile.path("insight");
            if (insight.isObject() && !deleted(tile) && !deleted(insight)) {
                insights.add(insight);
            }
        }
        return insights;
    }

    /** An insight we made earlier that is no longer on the dashboard: same name and our tag. */
    private JsonNode taggedElsewhere(String name) throws CliException {
        String search = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        for (JsonNode insight : api.list(base + "/insights/?saved=true&limit=100&search=" + search)) {
            if (name.equals(text(insight, "name")) && contains(array(insight, "tags"), TAG) && !deleted(insight)) {
                return insight;
            }
        }
        return null;
    }

    private static JsonNode byName(List<JsonNode> insights, String name) {
        for (JsonNode insight : insights) {
            if (name.equals(text(insight, "name"))) {
                return insight;
            }
        }
        return null;
    }

    private static ObjectNode object() {
        return PostHogApi.JSON.createObjectNode();
    }

    /** The array under {@code field}, or an empty one. */
    private static ArrayNode array(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isArray() ? (ArrayNode) value : PostHogApi.JSON.createArrayNode();
    }

    private static boolean contains(ArrayNode values, String text) {
        for (JsonNode value : values) {
            if (value.isTextual() && value.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static boolean deleted(JsonNode node) {
        return node.path("deleted").booleanValue(); // true only for a JSON true
    }

    private static long id(JsonNode node, String what) throws CliException {
        JsonNode id = node.path("id");
        if (!id.isNumber()) {
            throw new CliException(CliException.API_ERROR, "PostHog's answer has no " + what + " id");
        }
        return id.asLong();
    }

    private static String pad(String name) {
        return String.format("%-28s", name);
    }
}
