package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;

import java.util.List;
import java.util.Map;

/**
 * Mistral, text shape: request {@code {prompt, max_tokens, temperature, top_p, top_k, stop}}, response and chunks
 * {@code {outputs[{text, stop_reason}]}}. Mistral's chat models (Large 2407+, Pixtral) speak the
 * chat-completions shape, read by {@link ChatCompletionsDialect}; a body in that shape is handed there.
 */
final class MistralDialect implements Dialect {

    static final MistralDialect INSTANCE = new MistralDialect();

    private MistralDialect() {
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        ChatCompletionsDialect.INSTANCE.readRequest(body, b); // {prompt} is the text variant of the same shape
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        Object first = Json.at(body, "outputs", 0);
        if (first == null) {
            ChatCompletionsDialect.INSTANCE.readResponse(body, b);
            return;
        }
        b.generation = Json.string(first, "text");
        b.stopReason = Json.string(first, "stop_reason");
    }

    @Override
    public boolean readChunk(Map<String, Object> chunk, ChunkSink into) {
        Object outputs = chunk.get("outputs");
        if (!(outputs instanceof List)) {
            return ChatCompletionsDialect.INSTANCE.readChunk(chunk, into);
        }
        Object first = Json.at(outputs, 0);
        into.text(Json.string(first, "text"));
        into.stopReason(Json.string(first, "stop_reason"));
        return true;
    }
}
