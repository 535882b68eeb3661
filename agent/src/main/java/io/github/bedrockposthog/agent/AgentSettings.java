package io.github.bedrockposthog.agent;

/**
 * What the agent reads of the interceptor's configuration, the same way the interceptor reads it (system property
 * first, then environment): only whether there is a key at all. Everything else is the interceptor's business.
 */
final class AgentSettings {

    private AgentSettings() {
    }

    static boolean hasApiKey() {
        return present(System.getProperty("posthog.apiKey")) || present(System.getenv("POSTHOG_API_KEY"));
    }

    private static boolean present(String value) {
        return value != null && !value.trim().isEmpty();
    }
}
