package io.github.bedrockposthog.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's log: single lines on standard error. The agent cannot rely on the app's logging (it may have none, or
 * SLF4J may not be visible yet), and an operator who added a JVM flag reads the console.
 */
final class AgentLog {

    static final String PREFIX = "[bedrock-posthog-agent] ";

    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private AgentLog() {
    }

    static void line(String message) {
        System.err.println(PREFIX + message);
    }

    /** Logs {@code message} the first time this exact text comes up, so a repeated condition costs one line. */
    static void once(String message) {
        if (SAID.add(message)) {
            line(message);
        }
    }

    static String describe(Throwable t) {
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
