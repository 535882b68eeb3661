package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Messages;

import java.util.Map;

/**
 * Anthropic's legacy text-completion API (Claude 2, Instant): request {@code {prompt, max_tokens_to_sample}},
 * response {@code {completion, stop_reason}} with no usage (the headers carry it), chunks {@code {completion,
 * stop_reason}}.
 */
final class AnthropicTextDialect implements Dialect {

    static final AnthropicTextDialect INSTANCE = new AnthropicTextDialect();

    private AnthropicTextDialect() {
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = Json.string(body, "prompt");
        Messages m = new Messages().text("user", b.prompt);
        b.inputMessages = m.isEmpty() ? null : m.list();
        AnthropicMessagesDialect.parameters(body, b);
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        Object content = Json.at(body, "content");
        b.generation = content instanceof java.util.List ? BodyText.outputText(content) : Json.string(body, "completion");
        DialectSupport.bodyUsage(b, BodyText.count(body, "usage", "input_tokens"),
                BodyText.count(body, "usage", "output_tokens"), null, null);
        b.stopReason = Json.string(body, "stop_reason");
    }

    @Override
    public boolean readChunk(Map<String, Object> chunk, ChunkSink into) {
        Object text = chunk.get("completion");
        if (!(text instanceof String)) {
            return false;
        }
        into.text((String) text);
        into.stopReason(Json.string(chunk, "stop_reason"));
        return true;
    }
}
