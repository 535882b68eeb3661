package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.OperationKind;

/**
 * Amazon Nova Multimodal Embeddings: request {@code {schemaVersion: "nova-multimodal-embed-v1", taskType:
 * SINGLE_EMBEDDING, singleEmbeddingParams{embeddingPurpose, embeddingDimension, text{truncationMode, value} |
 * image | audio | video}}}; response {@code {embeddings[{embeddingType, embedding}]}}. The prompt is the text value;
 * media and vectors are never read. Tokens come from Bedrock's usage header (the body states none).
 */
final class NovaEmbedDialect extends NonTextDialect {

    static final NovaEmbedDialect INSTANCE = new NovaEmbedDialect();

    private NovaEmbedDialect() {
        super(OperationKind.EMBEDDING);
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = Json.string(body, "singleEmbeddingParams", "text", "value");
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        // nothing but vectors
    }
}
