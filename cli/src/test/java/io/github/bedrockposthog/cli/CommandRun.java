package io.github.bedrockposthog.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One in-process run of the command: its exit code and what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static final String KEY = "phx_test_personal_key_0123456789";

    static CommandRun of(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A run with the test key in {@code POSTHOG_PERSONAL_API_KEY}. */
    static CommandRun withKey(String... args) {
        return of(Map.of("POSTHOG_PERSONAL_API_KEY", KEY), args);
    }

    /** Asserts the run printed nothing that contains the key. */
    CommandRun keySecret() {
        if (out.contains(KEY) || err.contains(KEY)) {
            throw new AssertionError("the key was printed: " + this);
        }
        return this;
    }
}
