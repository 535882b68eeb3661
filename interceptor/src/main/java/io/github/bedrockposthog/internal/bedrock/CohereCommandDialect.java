package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Messages;

import java.util.List;
import java.util.Map;

import static io.github.bedrockposthog.internal.bedrock.DialectSupport.path;

/**
 * Cohere Command (legacy generate): request {@code {prompt, max_tokens, temperature, p, k, stop_sequences}},
 * response {@code {generations[{text, finish_reason}]}} (alternatives beyond the first are not the answer), no
 * usage in the body; chunks {@code {text, is_finished, finish_reason}} or whole {@code {generations[...]}}.
 */
final class CohereCommandDialect implements Dialect {

    static final CohereCommandDialect INSTANCE = new CohereCommandDialect();

    private CohereCommandDialect() {
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = Json.string(body, "prompt");
        Messages m = new Messages().text("user", b.prompt);
        b.inputMessages = m.isEmpty() ? null : m.list();
        parameters(body, b);
    }

    /** Shared with Command R: the same parameter names. */
    static void parameters(Object body, LlmCall.Builder b) {
        new DialectSupport.Parameters(body)
                .take("max_tokens", path("max_tokens"))
                .take("temperature", path("temperature"))
                .take("top_p", path("p"))
                .take("top_k", path("k"))
                .take("stop_sequences", path("stop_sequences"))
                .into(b);
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        Object generation = Json.at(body, "generations", 0);
        b.generation = Json.string(generation, "text");
        b.stopReason = Json.string(generation, "finish_reason");
    }

    @Override
    public boolean readChunk(Map<String, Object> chunk, ChunkSink into) {
        Object text = chunk.get("text");
        if (text instanceof String || chunk.containsKey("is_finished")) {
            into.text(text instanceof String ? (String) text : null);
            into.stopReason(Json.string(chunk, "finish_reason"));
            return true;
        }
        Object generations = chunk.get("generations");
        if (!(generations instanceof List)) {
            return false;
        }
        Object first = Json.at(generations, 0);
        into.text(Json.string(first, "text"));
        into.stopReason(Json.string(first, "finish_reason"));
        return true;
    }
}
