package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Messages;

import java.util.Map;

import static io.github.bedrockposthog.internal.bedrock.DialectSupport.path;

/**
 * AI21 Jurassic-2: request {@code {prompt, maxTokens, temperature, topP, stopSequences}}, response
 * {@code {prompt{tokens[]}, completions[{data{text, tokens[]}, finishReason{reason}}]}} (token counts are the
 * token lists' lengths); chunks the same. AI21's Jamba models speak the chat-completions shape
 * ({@link ChatCompletionsDialect}); a {@code messages} body is handed there.
 */
final class Ai21JurassicDialect implements Dialect {

    static final Ai21JurassicDialect INSTANCE = new Ai21JurassicDialect();

    private Ai21JurassicDialect() {
    }

    @Override
    public Dialect variantFor(Object requestBody) {
        return Json.at(requestBody, "messages") != null ? ChatCompletionsDialect.INSTANCE : this;
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = Json.string(body, "prompt");
        Messages m = new Messages().text("user", b.prompt);
        b.inputMessages = m.isEmpty() ? null : m.list();
        new DialectSupport.Parameters(body)
                .take("max_tokens", path("maxTokens"))
                .take("temperature", path("temperature"))
                .take("top_p", path("topP"))
                .take("stop_sequences", path("stopSequences"))
                .into(b);
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        Object completion = Json.at(body, "completions", 0);
        if (completion == null) {
            ChatCompletionsDialect.INSTANCE.readResponse(body, b);
            return;
        }
        b.generation = Json.string(completion, "data", "text");
        DialectSupport.bodyUsage(b, BodyText.length(body, "prompt", "tokens"),
                BodyText.length(completion, "data", "tokens"), null, null);
        b.stopReason = Json.string(completion, "finishReason", "reason");
    }

    @Override
    public boolean readChunk(Map<String, Object> chunk, ChunkSink into) {
        Object first = Json.at(chunk, "completions", 0);
        if (first == null) {
            return false;
        }
        into.text(Json.string(first, "data", "text"));
        into.stopReason(Json.string(first, "finishReason", "reason"));
        return true;
    }
}
