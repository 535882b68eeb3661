package io.github.bedrockposthog.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * The command: {@code java -jar bedrock-posthog-cli-<version>.jar dashboard|report --project-id <id>
 * [--host <url>] [--schema bedrock|ai]}, with the personal API key in {@code POSTHOG_PERSONAL_API_KEY}. Run it
 * with {@code --help} for every option.
 *
 * <p>The jar is self-contained (jackson is bundled); it needs Java 17 and nothing of the interceptor.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs a subcommand and exits with its status.
     *
     * @param args {@code dashboard|report} and their options; {@code --help} lists them
     */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /**
     * Runs one command.
     *
     * @return the exit code: 0, or one of {@link CliException}'s codes
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            CliArguments a = CliArguments.parse(args, env);
            if (a.help()) {
                out.println(CliArguments.USAGE);
                return 0;
            }
            if (a.note() != null) {
                err.println(a.note());
            }
            PostHogApi api = new PostHogApi(a.host(), a.apiKey());
            if (a.command().equals("dashboard")) {
                new DashboardProvisioner(api, a.host(), a.projectId(), out).run(a.schema());
            } else {
                ReportQueries.run(api, a.projectId(), a.schema(), a.from(), a.to(), out);
            }
            return 0;
        } catch (CliException e) {
            err.println(scrub("error: " + e.getMessage(), env));
            return e.exitCode();
        } catch (RuntimeException e) { // a bug: still one line
            err.println(scrub("error: unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), env));
            return CliException.API_ERROR;
        } finally {
            out.flush();
        }
    }

    /** The personal API key never reaches the terminal, whatever a message quotes. */
    private static String scrub(String line, Map<String, String> env) {
        String key = env.get(CliArguments.KEY_VARIABLE);
        return key == null || key.isBlank() ? line : line.replace(key.trim(), "***");
    }
}
