package io.github.bedrockposthog.internal.bedrock;

/**
 * What a model answered, as read from a response body or a stream: the generated text, the token counts
 * the body reports, and the stop reason. Every field may be {@code null} when the body does not say.
 */
public final class ModelOutput {

    /** An output that says nothing. */
    public static final ModelOutput EMPTY = new ModelOutput(null, null, null, null, null, null);

    private final String text;
    private final Long inputTokens;
    private final Long outputTokens;
    private final Long cacheReadInputTokens;
    private final Long cacheWriteInputTokens;
    private final String stopReason;

    public ModelOutput(String text, Long inputTokens, Long outputTokens, Long cacheReadInputTokens,
                       Long cacheWriteInputTokens, String stopReason) {
        this.text = text;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.cacheReadInputTokens = cacheReadInputTokens;
        this.cacheWriteInputTokens = cacheWriteInputTokens;
        this.stopReason = stopReason;
    }

    public String text() {
        return text;
    }

    public Long inputTokens() {
        return inputTokens;
    }

    public Long outputTokens() {
        return outputTokens;
    }

    public Long cacheReadInputTokens() {
        return cacheReadInputTokens;
    }

    public Long cacheWriteInputTokens() {
        return cacheWriteInputTokens;
    }

    public String stopReason() {
        return stopReason;
    }

    @Override
    public String toString() {
        return "ModelOutput{textChars=" + (text == null ? "null" : String.valueOf(text.length()))
                + ", inputTokens=" + inputTokens + ", outputTokens=" + outputTokens
                + ", cacheRead=" + cacheReadInputTokens + ", cacheWrite=" + cacheWriteInputTokens
                + ", stopReason=" + stopReason + '}';
    }
}
