package io.github.bedrockposthog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bedrockposthog.cli.CliArguments.Schema;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The five numbers of the dashboard for one time range, computed by one HogQL query through PostHog's query API
 * ({@code POST /api/projects/:id/query/}) and printed as an aligned table. It reads the events the insights read
 * (see {@link InsightDefinitions}): text calls only, and with {@code --schema ai} only {@code $ai_provider}
 * {@code bedrock}.
 */
final class ReportQueries {

    private static final Pattern RELATIVE = Pattern.compile("-([0-9]{1,6})([hdwmy])");
    private static final Pattern DATE = Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ]([0-9]{2}:[0-9]{2}(?::[0-9]{2})?))?Z?");

    /** Column aliases of the query, in the table's order. */
    static final String[] COLUMNS = {"generations", "avg_cost_per_call", "avg_cost_per_user", "avg_response_time_ms",
            "error_rate"};
    private static final String[] LABELS = {InsightDefinitions.GENERATION_COUNT, InsightDefinitions.COST_PER_CALL,
            InsightDefinitions.COST_PER_USER, InsightDefinitions.RESPONSE_TIME, InsightDefinitions.ERROR_RATE};

    private ReportQueries() {
    }

    /**
     * A report date as a HogQL expression: {@code now}, {@code -<n><h|d|w|m|y>} or an ISO date (time optional, UTC).
     *
     * @throws CliException ({@link CliException#USAGE}) for anything else; nothing else reaches the query
     */
    static String dateExpression(String option, String value) throws CliException {
        String v = value.trim();
        if (v.equalsIgnoreCase("now")) {
            return "now()";
        }
        Matcher relative = RELATIVE.matcher(v);
        if (relative.matches()) {
            String unit = switch (relative.group(2)) {
                case "h" -> "HOUR";
                case "d" -> "DAY";
                case "w" -> "WEEK";
                case "m" -> "MONTH";
                default -> "YEAR";
            };
            return "now() - INTERVAL " + Integer.parseInt(relative.group(1)) + " " + unit;
        }
        Matcher date = DATE.matcher(v);
        if (date.matches()) {
            String time = date.group(2) == null ? "00:00:00" : date.group(2).length() == 5 ? date.group(2) + ":00" : date.group(2);
            return "toDateTime('" + date.group(1) + " " + time + "', 'UTC')";
        }
        throw new CliException(CliException.USAGE, option + " must be now, -<n>h|d|w|m|y (e.g. -7d) or a date "
                + "like 2025-01-31, not '" + value + "' (see --help)");
    }

    /** The HogQL query of the five numbers between two HogQL time expressions. */
    static String hogql(Schema schema, String fromExpression, String toExpression) {
        String range = "timestamp >= " + fromExpression + " AND timestamp < " + toExpression;
        if (schema == Schema.AI) {
            String error = "ifNull(toString(properties.$ai_is_error), 'false') = 'true'";
            String ok = "NOT " + error;
            return "SELECT"
                    + " countIf(" + ok + ") AS generations,"
                    + " avgIf(toFloat(properties.$ai_total_cost_usd), " + ok + ") AS avg_cost_per_call,"
                    + " sumIf(toFloat(properties.$ai_total_cost_usd), " + ok + ")"
                    + " / nullIf(uniqIf(person_id, " + ok + "), 0) AS avg_cost_per_user,"
                    + " avgIf(toFloat(properties.$ai_latency), " + ok + ") * 1000 AS avg_response_time_ms,"
                    + " countIf(" + error + ") / nullIf(count(), 0) AS error_rate"
                    + " FROM events WHERE event = '$ai_generation'"
                    + " AND properties.$ai_provider = '" + InsightDefinitions.PROVIDER + "' AND " + range;
        }
        String ok = "event = 'bedrock_completion'";
        // a missing operation_kind (events from before it existed) is a text call
        String textCall = "ifNull(toString(properties.operation_kind), 'text') NOT IN ('"
                + String.join("', '", InsightDefinitions.NOT_TEXT) + "')";
        return "SELECT"
                + " countIf(" + ok + ") AS generations,"
                + " avgIf(toFloat(properties.total_cost_in_dollars), " + ok + ") AS avg_cost_per_call,"
                + " sumIf(toFloat(properties.total_cost_in_dollars), " + ok + ")"
                + " / nullIf(uniqIf(person_id, " + ok + "), 0) AS avg_cost_per_user,"
                + " avgIf(toFloat(properties.response_time_in_ms), " + ok + ") AS avg_response_time_ms,"
                + " countIf(event = 'bedrock_error') / nullIf(count(), 0) AS error_rate"
                + " FROM events WHERE event IN ('bedrock_completion', 'bedrock_error') AND " + textCall + " AND " + range;
    }

    /** Runs the query and prints the table. */
    static void run(PostHogApi api, String projectId, Schema schema, String from, String to, PrintStream out)
            throws CliException {
        String query = hogql(schema, dateExpression("--from", from), dateExpression("--to", to));
        ObjectNode body = PostHogApi.JSON.createObjectNode();
        body.putObject("query").put("kind", "HogQLQuery").put("query", query);
        JsonNode answer = api.post("/api/projects/" + projectId + "/query/", body);
        if (!answer.path("results").isArray()) {
            throw new CliException(CliException.API_ERROR, "PostHog's query answer has no results");
        }
        JsonNode row = answer.path("results").path(0);
        List<String> columns = new ArrayList<>();
        answer.path("columns").forEach(c -> columns.add(c.asText()));
        List<JsonNode> values = new ArrayList<>();
        for (int i = 0; i < COLUMNS.length; i++) {
            int at = columns.indexOf(COLUMNS[i]);
            values.add(at >= 0 ? row.path(at) : columns.isEmpty() ? row.path(i) : null);
        }
        String events = schema == Schema.AI ? "$ai_generation" : "bedrock_completion / bedrock_error";
        out.println(DashboardProvisioner.DASHBOARD_NAME + ": project " + projectId + ", " + events + ", from " + from
                + " to " + to);
        out.println();
        out.print(table(values));
    }

    /** The aligned two-column table of the five values (count, dollars, dollars, milliseconds, ratio). */
    static String table(List<JsonNode> values) {
        List<String> cells = new ArrayList<>();
        cells.add(format(values.get(0), "%.0f", 1, ""));
        cells.add(format(values.get(1), "$%.6f", 1, ""));
        cells.add(format(values.get(2), "$%.6f", 1, ""));
        cells.add(format(values.get(3), "%.1f", 1, " ms"));
        cells.add(format(values.get(4), "%.2f", 100, "%"));
        int labelWidth = "Insight".length();
        int valueWidth = "Value".length();
        for (int i = 0; i < LABELS.length; i++) {
            labelWidth = Math.max(labelWidth, LABELS[i].length());
            valueWidth = Math.max(valueWidth, cells.get(i).length());
        }
        StringBuilder table = new StringBuilder();
        row(table, "Insight", labelWidth, "Value", valueWidth);
        row(table, repeat('-', labelWidth), labelWidth, repeat('-', valueWidth), valueWidth);
        for (int i = 0; i < LABELS.length; i++) {
            row(table, LABELS[i], labelWidth, cells.get(i), valueWidth);
        }
        return table.toString();
    }

    /** Numbers right-aligned; "n/a" when PostHog had none (no events, division by zero, NaN). */
    private static String format(JsonNode value, String pattern, double scale, String unit) {
        double d;
        if (value != null && value.isNumber()) {
            d = value.doubleValue();
        } else if (value != null && value.isTextual()) {
            try {
                d = Double.parseDouble(value.asText());
            } catch (NumberFormatException notANumber) {
                return "n/a";
            }
        } else {
            return "n/a";
        }
        d *= scale;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, pattern, d) + unit;
    }

    private static void row(StringBuilder table, String label, int labelWidth, String value, int valueWidth) {
        table.append(label).append(repeat(' ', labelWidth - label.length())).append("  ")
                .append(repeat(' ', valueWidth - value.length())).append(value).append('\n');
    }

    private static String repeat(char c, int n) {
        return n <= 0 ? "" : String.valueOf(c).repeat(n);
    }
}
