package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.OperationKind;

import java.util.Map;

/**
 * Everything about one model family's InvokeModel wire format, sync and streamed: request → prompt, messages,
 * parameters and tools; response → text, tool calls, usage and stop reason; stream chunk → accumulation. Bodies
 * are trees from {@link io.github.bedrockposthog.internal.json.Json}, parsed once per call by the caller.
 * Implementations are stateless singletons, thread-safe, and never throw: a body of the wrong shape leaves facts
 * unset. Adding a family is one implementation plus one {@link ModelFamily} line.
 */
public interface Dialect {

    /**
     * Reads a request body into the call record: {@code prompt} (the last user turn's text),
     * {@code inputMessages}, {@code parameters} and {@code tools}.
     *
     * @param body the parsed request body (a map), never {@code null}
     */
    void readRequest(Object body, LlmCall.Builder into);

    /**
     * Reads a response body into the call record: {@code generation}, tool calls, the body's token counts and
     * the stop reason.
     *
     * @param body the parsed response body (a map), never {@code null}
     */
    void readResponse(Object body, LlmCall.Builder into);

    /**
     * Reads one decoded stream chunk (the model's own JSON) into the accumulation.
     *
     * @return {@code false} when the chunk is not in this dialect's shape (the caller then tries the others)
     */
    boolean readChunk(Map<String, Object> chunk, ChunkSink into);

    /**
     * The dialect that reads this request, for families with two APIs under one model id prefix (Anthropic
     * messages / text completions, Mistral chat / text, AI21 Jamba / Jurassic-2).
     *
     * @param requestBody the parsed request body, may be {@code null}
     * @return this dialect, or its sibling
     */
    default Dialect variantFor(Object requestBody) {
        return this;
    }

    /** What calls read by this dialect do: text for every generation family (see {@link OperationKinds}). */
    default OperationKind kind() {
        return OperationKind.TEXT;
    }
}
