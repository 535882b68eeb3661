package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Messages;

import java.util.Map;

import static io.github.bedrockposthog.internal.bedrock.DialectSupport.path;

/**
 * Amazon Titan Text: request {@code {inputText, textGenerationConfig{maxTokenCount, temperature, topP,
 * stopSequences}}}; response {@code {inputTextTokenCount, results[{tokenCount, outputText, completionReason}]}}
 * (one result per request; only the first is read); chunks {@code {outputText, completionReason,
 * inputTextTokenCount, totalOutputTextTokenCount}}.
 */
final class TitanDialect implements Dialect {

    static final TitanDialect INSTANCE = new TitanDialect();

    private TitanDialect() {
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = Json.string(body, "inputText");
        Messages m = new Messages().text("user", b.prompt);
        b.inputMessages = m.isEmpty() ? null : m.list();
        new DialectSupport.Parameters(body)
                .take("max_tokens", path("textGenerationConfig", "maxTokenCount"))
                .take("temperature", path("textGenerationConfig", "temperature"))
                .take("top_p", path("textGenerationConfig", "topP"))
                .take("stop_sequences", path("textGenerationConfig", "stopSequences"))
                .into(b);
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        Object result = Json.at(body, "results", 0);
        b.generation = Json.string(result, "outputText");
        DialectSupport.bodyUsage(b, BodyText.count(body, "inputTextTokenCount"), BodyText.count(result, "tokenCount"),
                null, null);
        b.stopReason = Json.string(result, "completionReason");
    }

    @Override
    public boolean readChunk(Map<String, Object> chunk, ChunkSink into) {
        Object text = chunk.get("outputText");
        if (!(text instanceof String) && !chunk.containsKey("totalOutputTextTokenCount")) {
            return false;
        }
        into.text(text instanceof String ? (String) text : null);
        into.stopReason(Json.string(chunk, "completionReason"));
        into.usage(Json.number(chunk, "inputTextTokenCount"), Json.number(chunk, "totalOutputTextTokenCount"),
                null, null, false);
        return true;
    }

    /**
     * Titan's last chunk names the completion reason and the total output tokens. A guardrail that blocks the
     * input answers with that one chunk and no invocation metrics (a recorded exchange shows it), so either mark
     * ends the stream, as the metrics do.
     */
    @Override
    public boolean isFinal(Map<String, Object> chunk) {
        return Dialect.super.isFinal(chunk) || Json.string(chunk, "completionReason") != null
                || Json.number(chunk, "totalOutputTextTokenCount") != null;
    }
}
