package io.github.bedrockposthog.cli;

import java.util.Locale;
import java.util.Map;

/**
 * The parsed command line: {@code <command> [--host URL] [--project-id ID] [--schema S] [--from D] [--to D]}.
 *
 * @param note a remark about an adjusted option (printed on stderr), or {@code null}
 */
record CliArguments(String command, boolean help, String host, String projectId, Schema schema, String from,
                    String to, String apiKey, String note) {

    static final String DEFAULT_HOST = "https://us.posthog.com";
    static final String KEY_VARIABLE = "POSTHOG_PERSONAL_API_KEY";
    static final String PROJECT_VARIABLE = "POSTHOG_PROJECT_ID";

    static final String USAGE = String.join("\n",
            "Usage: java -jar bedrock-posthog-cli.jar <command> [options]",
            "",
            "Commands:",
            "  dashboard   create or update the \"" + DashboardProvisioner.DASHBOARD_NAME + "\" dashboard with the",
            "              five insights of PostHog's Bedrock tutorial (run it again to update, never duplicate)",
            "  report      print the same five numbers for a time range",
            "",
            "Options:",
            "  --host URL        PostHog app host (default " + DEFAULT_HOST + "; EU: https://eu.posthog.com)",
            "  --project-id ID   PostHog project id (or " + PROJECT_VARIABLE + ")",
            "  --schema S        bedrock: bedrock_completion / bedrock_error events (default)",
            "                    ai:      $ai_generation events with $ai_provider bedrock (POSTHOG_BEDROCK_EVENTS=ai)",
            "  --from DATE       report start: -7d (default), -24h, -2w, -3m, -1y, 2025-01-31 or 2025-01-31T08:00:00",
            "  --to DATE         report end: now (default), or a date as for --from",
            "  -h, --help        this help",
            "",
            "The personal API key comes from " + KEY_VARIABLE + " (scopes dashboard:write, insight:write,",
            "query:read); it is never printed.",
            "Exit codes: 0 ok, 1 PostHog error, 2 usage, 3 key rejected or not allowed (401/403),",
            "4 not found (404), 5 host unreachable.");

    /** Which events the insights and the report read. */
    enum Schema {
        BEDROCK, AI;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Parses and checks the command line.
     *
     * @param env the environment (the personal API key and project id may come from it)
     * @throws CliException ({@link CliException#USAGE}) naming the first problem
     */
    static CliArguments parse(String[] args, Map<String, String> env) throws CliException {
        String command = null;
        boolean help = false;
        String host = null;
        String projectId = null;
        String schema = null;
        String from = null;
        String to = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("help")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                if (command != null) {
                    throw usage("unexpected argument '" + arg + "'");
                }
                command = arg;
                continue;
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                if (i + 1 >= args.length) {
                    throw usage(arg + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--host":
                    host = value;
                    break;
                case "--project-id":
                    projectId = value;
                    break;
                case "--schema":
                    schema = value;
                    break;
                case "--from":
                    from = value;
                    break;
                case "--to":
                    to = value;
                    break;
                default:
                    throw usage("unknown option " + name);
            }
        }
        if (help) {
            return new CliArguments(command, true, null, null, null, null, null, null, null);
        }
        if (command == null) {
            throw usage("no command given");
        }
        if (!command.equals("dashboard") && !command.equals("report")) {
            throw usage("unknown command '" + command + "'");
        }
        if (!command.equals("report") && (from != null || to != null)) {
            throw usage("--from and --to belong to the report command");
        }
        String note = null;
        String h = host == null ? DEFAULT_HOST : host.trim();
        while (h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        if (!h.matches("(?i)https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
            throw usage("--host must be an http(s) URL such as " + DEFAULT_HOST + ", not '" + host + "'");
        }
        String appHost = h.replaceFirst("(?i)^https://(us|eu)\\.i\\.posthog\\.com$", "https://$1.posthog.com");
        if (!appHost.equals(h)) {
            note = "note: " + h + " only ingests events; using the API host " + appHost;
            h = appHost;
        }
        if (projectId == null) {
            projectId = env.get(PROJECT_VARIABLE);
        }
        if (projectId == null || projectId.trim().isEmpty()) {
            throw usage("--project-id is required (the number in your PostHog URL: /project/<id>/)");
        }
        projectId = projectId.trim();
        if (!projectId.matches("[0-9]{1,19}")) {
            throw usage("--project-id must be a number, not '" + projectId + "'");
        }
        Schema s;
        if (schema == null || schema.equalsIgnoreCase("bedrock")) {
            s = Schema.BEDROCK;
        } else if (schema.equalsIgnoreCase("ai")) {
            s = Schema.AI;
        } else {
            throw usage("--schema must be bedrock or ai, not '" + schema + "'");
        }
        String key = env.get(KEY_VARIABLE);
        if (key == null || key.trim().isEmpty()) {
            throw usage(KEY_VARIABLE + " is not set: create a personal API key in PostHog (Settings > Personal API keys)");
        }
        return new CliArguments(command, false, h, projectId, s, from == null ? "-7d" : from.trim(),
                to == null ? "now" : to.trim(), key.trim(), note);
    }

    private static CliException usage(String problem) {
        return new CliException(CliException.USAGE, problem + " (see --help)");
    }
}
