package io.github.bedrockposthog;

/**
 * Which events each Bedrock call produces; {@link BedrockPostHog.Builder#events(EventSchema)} or
 * {@code POSTHOG_BEDROCK_EVENTS} ({@code bedrock}, {@code ai} or {@code both}).
 */
public enum EventSchema {
    /** The tutorial's {@code bedrock_completion} / {@code bedrock_error} (the default). */
    BEDROCK,
    /** PostHog LLM analytics' {@code $ai_generation}. */
    AI,
    /** Both, two events per call. */
    BOTH;

    /**
     * Whether {@code bedrock_*} events are sent.
     *
     * @return true for {@link #BEDROCK} and {@link #BOTH}
     */
    public boolean bedrock() {
        return this != AI;
    }

    /**
     * Whether {@code $ai_generation} events are sent.
     *
     * @return true for {@link #AI} and {@link #BOTH}
     */
    public boolean ai() {
        return this != BEDROCK;
    }
}
