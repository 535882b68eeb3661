package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.OperationKind;

/**
 * Amazon Titan Embeddings (text G1, text v2, multimodal G1): request {@code {inputText, dimensions, normalize,
 * embeddingTypes}} (multimodal: also {@code inputImage}, {@code embeddingConfig}); response {@code {embedding,
 * inputTextTokenCount, embeddingsByType}}. The prompt is the input text; the image and the vector are never read.
 */
final class TitanEmbedDialect extends NonTextDialect {

    static final TitanEmbedDialect INSTANCE = new TitanEmbedDialect();

    private TitanEmbedDialect() {
        super(OperationKind.EMBEDDING);
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = Json.string(body, "inputText");
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        inputTokens(b, BodyText.count(body, "inputTextTokenCount"));
    }
}
