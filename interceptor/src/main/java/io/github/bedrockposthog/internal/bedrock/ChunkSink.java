package io.github.bedrockposthog.internal.bedrock;

/**
 * Where a dialect reports what one stream chunk says. The stream tap's accumulator implements it; {@code null}
 * arguments mean "not said" and leave earlier values.
 */
public interface ChunkSink {

    /** A generated text fragment of the answer. */
    void text(String fragment);

    /** The start of a tool call the model makes; later {@link #toolArguments} fragments belong to it. */
    void toolCall(String id, String name);

    /** A fragment of the current tool call's JSON arguments. */
    void toolArguments(String fragment);

    /**
     * Token counts; later values replace earlier ones.
     *
     * @param reportedByService whether Bedrock itself reported them (invocation metrics, ConverseStream metadata)
     *                          rather than the model body; the service's counts win
     */
    void usage(Long input, Long output, Long cacheRead, Long cacheWrite, boolean reportedByService);

    /** The stop reason; the last one reported wins. */
    void stopReason(String reason);

    /** A guardrail action; an intervention is never overwritten by a later {@code NONE}. */
    void guardrailAction(String action);

    /** Service-side latencies. */
    void latencies(Long invocationMs, Long firstByteMs);

    /** A mid-stream error the model reported in its own chunk. */
    void exception(String type, String message);

    /** The family's final event arrived ({@link Dialect#isFinal}, ConverseStream's {@code metadata}): the stream is whole. */
    void finalEvent();

    // --- converse fidelity / conformance (#13): defaults ignore them, for sinks that record less.

    /** A fragment of the model's reasoning: not answer text, but output all the same (time to first token). */
    default void reasoning(String fragment) {
    }

    /** The model a prompt router chose ({@code metadata.trace.promptRouter.invokedModelId}). */
    default void invokedModel(String modelId) {
    }

    /** Cache-write tokens written with a 1-hour TTL, as the stream splits them; later values replace earlier ones. */
    default void cacheWrite1h(Long tokens) {
    }
}
