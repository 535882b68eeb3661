package io.github.bedrockposthog.internal.model;

/** Where a call's token counts came from; the first of these that a call has wins. */
public enum UsageSource {
    /** InvokeModel's {@code X-Amzn-Bedrock-*-Token-Count} response headers. */
    HEADERS,
    /** A stream's {@code amazon-bedrock-invocationMetrics} or ConverseStream's {@code metadata.usage}. */
    INVOCATION_METRICS,
    /** The model's own body (or Converse's typed {@code usage}). */
    BODY
}
