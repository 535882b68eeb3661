package io.github.bedrockposthog.cli;

import io.github.bedrockposthog.cli.CliArguments.Schema;
import io.github.bedrockposthog.cli.InsightDefinitions.Insight;

import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.github.bedrockposthog.cli.JsonText.object;

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
        Map<String, Object> dashboard = findDashboard();
        if (dashboard == null) {
            Object created = api.post(base + "/dashboards/", object(
                    "name", DASHBOARD_NAME,
                    "description", DASHBOARD_DESCRIPTION,
                    "tags", Collections.singletonList(TAG)));
            dashboardId = id(created, "dashboard");
            out.println("Dashboard \"" + DASHBOARD_NAME + "\" created (id " + dashboardId + ")");
        } else {
            dashboardId = id(dashboard, "dashboard");
            out.println("Dashboard \"" + DASHBOARD_NAME + "\" found (id " + dashboardId + ")");
        }
        List<Object> onDashboard = insightsOn(dashboardId);
        for (Insight insight : InsightDefinitions.of(schema)) {
            Object existing = byName(onDashboard, insight.name);
            boolean linked = existing != null;
            if (existing == null) {
                existing = taggedElsewhere(insight.name);
            }
            if (existing == null) {
                Object created = api.post(base + "/insights/", object(
                        "name", insight.name,
                        "description", insight.description,
                        "query", insight.query,
                        "dashboards", Collections.singletonList(dashboardId),
                        "tags", Collections.singletonList(TAG),
                        "saved", Boolean.TRUE));
                out.println("  " + pad(insight.name) + " created (id " + id(created, "insight") + ")");
                continue;
            }
            long insightId = id(existing, "insight");
            Map<String, Object> patch = object(
                    "name", insight.name,
                    "description", insight.description,
                    "query", insight.query,
                    "tags", withTag(JsonText.list(existing, "tags")));
            if (!linked) {
                List<Object> dashboards = new ArrayList<>(JsonText.list(existing, "dashboards"));
                dashboards.add(dashboardId);
                patch.put("dashboards", dashboards);
            }
            api.patch(base + "/insights/" + insightId + "/", patch);
            out.println("  " + pad(insight.name) + " updated (id " + insightId + ")");
        }
        out.println(host + "/project/" + projectId + "/dashboard/" + dashboardId);
    }

    /** The live dashboard with our name; with several, the one carrying our tag, else the oldest. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> findDashboard() throws CliException {
        Map<String, Object> best = null;
        for (Object d : api.list(base + "/dashboards/?limit=100")) {
            if (!DASHBOARD_NAME.equals(JsonText.string(d, "name")) || Boolean.TRUE.equals(JsonText.at(d, "deleted"))) {
                continue;
            }
            boolean tagged = JsonText.list(d, "tags").contains(TAG);
            if (best == null || (tagged && !JsonText.list(best, "tags").contains(TAG))) {
                best = (Map<String, Object>) d;
            }
        }
        return best;
    }

    /** The live insights of the dashboard's tiles. */
    private List<Object> insightsOn(long dashboardId) throws CliException {
        Object dashboard = api.get(base + "/dashboards/" + dashboardId + "/");
        List<Object> insights = new ArrayList<>();
        for (Object tile : JsonText.list(dashboard, "tiles")) {
            Object insight = JsonText.at(tile, "insight");
            if (insight != null && !Boolean.TRUE.equals(JsonText.at(tile, "deleted"))
                    && !Boolean.TRUE.equals(JsonText.at(insight, "deleted"))) {
                insights.add(insight);
            }
        }
        return insights;
    }

    /** An insight we made earlier that is no longer on the dashboard: same name and our tag. */
    private Object taggedElsewhere(String name) throws CliException {
        List<Object> found = api.list(base + "/insights/?saved=true&limit=100&search=" + encode(name));
        for (Object insight : found) {
            if (name.equals(JsonText.string(insight, "name")) && JsonText.list(insight, "tags").contains(TAG)
                    && !Boolean.TRUE.equals(JsonText.at(insight, "deleted"))) {
                return insight;
            }
        }
        return null;
    }

    private static Object byName(List<Object> insights, String name) {
        for (Object insight : insights) {
            if (name.equals(JsonText.string(insight, "name"))) {
                return insight;
            }
        }
        return null;
    }

    private static List<Object> withTag(List<Object> tags) {
        List<Object> merged = new ArrayList<>(tags);
        if (!merged.contains(TAG)) {
            merged.add(TAG);
        }
        return merged;
    }

    private static long id(Object node, String what) throws CliException {
        Long id = JsonText.number(node, "id");
        if (id == null) {
            throw new CliException(CliException.API_ERROR, "PostHog's answer has no " + what + " id");
        }
        return id;
    }

    private static String pad(String name) {
        StringBuilder s = new StringBuilder(name);
        while (s.length() < 28) {
            s.append(' ');
        }
        return s.toString();
    }

    private static String encode(String s) {
        try {
            return URLEncoder.encode(s, "UTF-8").replace("+", "%20");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
