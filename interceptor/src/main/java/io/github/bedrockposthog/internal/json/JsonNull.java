package io.github.bedrockposthog.internal.json;

/**
 * A property value that must be sent as JSON {@code null}. A plain Java {@code null} in an event's properties means
 * "leave the property out" (posthog-java's org.json drops it), so the renderers put this marker where PostHog's
 * schema wants an explicit {@code null} (privacy mode's {@code $ai_input}), and the transport writes it as
 * {@code null}. Keeps posthog-java's types out of the event layer.
 */
public enum JsonNull {
    /** The one marker. */
    VALUE;

    @Override
    public String toString() {
        return "null";
    }
}
