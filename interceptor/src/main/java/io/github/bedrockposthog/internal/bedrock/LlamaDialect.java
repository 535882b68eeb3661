package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Messages;

import java.util.Map;

import static io.github.bedrockposthog.internal.bedrock.DialectSupport.path;

/**
 * Meta Llama: request {@code {prompt, max_gen_len, temperature, top_p}}; response and chunks
 * {@code {generation, prompt_token_count, generation_token_count, stop_reason}} ({@code generation_token_count}
 * is cumulative in a stream, so the latest value is the total).
 */
final class LlamaDialect implements Dialect {

    static final LlamaDialect INSTANCE = new LlamaDialect();

    private LlamaDialect() {
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = Json.string(body, "prompt");
        Messages m = new Messages().text("user", b.prompt);
        b.inputMessages = m.isEmpty() ? null : m.list();
        new DialectSupport.Parameters(body)
                .take("max_tokens", path("max_gen_len"))
                .take("temperature", path("temperature"))
                .take("top_p", path("top_p"))
                .into(b);
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        b.generation = Json.string(body, "generation");
        DialectSupport.bodyUsage(b, BodyText.count(body, "prompt_token_count"),
                BodyText.count(body, "generation_token_count"), null, null);
        b.stopReason = Json.string(body, "stop_reason");
    }

    @Override
    public boolean readChunk(Map<String, Object> chunk, ChunkSink into) {
        Object text = chunk.get("generation");
        if (!(text instanceof String) && !chunk.containsKey("generation_token_count")) {
            return false;
        }
        into.text(text instanceof String ? (String) text : null);
        into.stopReason(Json.string(chunk, "stop_reason"));
        into.usage(Json.number(chunk, "prompt_token_count"), Json.number(chunk, "generation_token_count"),
                null, null, false);
        return true;
    }
}
