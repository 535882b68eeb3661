package io.github.bedrockposthog.benchmarks;

/** What observes the Bedrock client under test; see {@link Setup}. */
public enum Variant {
    /** No bedrock-posthog: the classpath-registered zero-code interceptor is removed from the client. */
    NONE,
    /** The baseline: our jar present, the zero-code interceptor inert (no API key in the JVM). */
    BARE,
    /** Our explicit interceptor, delivering to a loopback capture server. */
    POSTHOG,
    /** OpenTelemetry's AWS SDK 2.2 interceptor on a real OpenTelemetry SDK. */
    OTEL
}
