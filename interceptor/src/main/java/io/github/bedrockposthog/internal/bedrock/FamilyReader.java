package io.github.bedrockposthog.internal.bedrock;

/**
 * Reads one model family's InvokeModel bodies. Arguments are trees from
 * {@link io.github.bedrockposthog.internal.json.Json#parse(byte[])}; implementations are stateless, thread-safe,
 * and never throw: a body of the wrong shape gives {@code null} / {@link ModelOutput#EMPTY} parts.
 */
public interface FamilyReader {

    /**
     * The text the application asked: the prompt of a text-completion body, or the text of the last user message
     * of a chat body (text blocks joined with {@code "\n"}, images and tool blocks left out).
     *
     * @param requestJson the parsed request body, may be {@code null}
     * @return the prompt text, or {@code null} when the body carries none
     */
    String prompt(Object requestJson);

    /**
     * What the model answered: generated text, token counts and cache token counts when the body reports them,
     * and the stop reason.
     *
     * @param responseJson the parsed response body, may be {@code null}
     * @return the output, never {@code null}; {@link ModelOutput#EMPTY} when nothing could be read
     */
    ModelOutput output(Object responseJson);
}
