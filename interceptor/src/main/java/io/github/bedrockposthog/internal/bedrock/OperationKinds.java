package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.Operation;
import io.github.bedrockposthog.internal.model.OperationKind;

import java.util.List;

/**
 * The one place that decides a call's {@link OperationKind} (#13). A model id that names a family decides by its
 * {@link ModelFamily} line (whose dialect knows its kind): so {@code amazon.nova-canvas} and
 * {@code amazon.nova-2-multimodal-embeddings} are never the Nova text family. An opaque id (application profile,
 * provisioned or imported model ARN) decides by the bodies' shape ({@link #sniff}), before any text shape is tried.
 * Converse and ConverseStream are always text; a call nothing recognises is text.
 */
public final class OperationKinds {

    private OperationKinds() {
    }

    /**
     * The kind of a call.
     *
     * @param operation the Bedrock operation
     * @param dialect   the call's dialect ({@link Dialects#of}), may be {@code null}
     */
    public static OperationKind of(Operation operation, Dialect dialect) {
        if (operation == null || operation.converse() || dialect == null) {
            return OperationKind.TEXT;
        }
        return dialect.kind();
    }

    /**
     * The embedding, image or rerank dialect the bodies' shape gives away; {@code null} for anything else. Each
     * mark is one the kind's bodies always carry and no text family's does.
     *
     * @param request  the parsed request body, may be {@code null}
     * @param response the parsed response body, may be {@code null} (failures)
     */
    static Dialect sniff(Object request, Object response) {
        // rerank: a query and the documents to rank; answered by relevance scores
        if (Json.at(request, "query") instanceof String && Json.at(request, "documents") instanceof List
                || Json.at(response, "results", 0, "relevance_score") != null) {
            return RerankDialect.INSTANCE;
        }
        // Nova embeddings: its schema version or task; answered by embeddings[{embeddingType, embedding}]
        String taskType = Json.string(request, "taskType");
        if ("nova-multimodal-embed-v1".equals(Json.string(request, "schemaVersion"))
                || taskType != null && taskType.endsWith("_EMBEDDING")
                || Json.at(response, "embeddings", 0, "embeddingType") != null) {
            return NovaEmbedDialect.INSTANCE;
        }
        // Titan Image Generator / Nova Canvas: a taskType with its image configuration; answered by images[]
        if (taskType != null || Json.at(request, "imageGenerationConfig") != null
                || Json.at(response, "images") instanceof List && Json.at(response, "seeds") == null) {
            return AmazonImageDialect.INSTANCE;
        }
        // Stability: SDXL's text_prompts, or the newer models' seeds/finish_reasons/artifacts
        if (Json.at(request, "text_prompts") != null || Json.at(response, "artifacts") != null
                || Json.at(response, "finish_reasons") != null) {
            return StabilityImageDialect.INSTANCE;
        }
        // Cohere embed: texts (or v4 inputs with input_type) in, embeddings out
        if (Json.at(request, "texts") instanceof List
                || Json.at(request, "input_type") != null && Json.at(request, "inputs") instanceof List
                || Json.at(response, "embeddings") != null && Json.at(response, "response_type") != null) {
            return CohereEmbedDialect.INSTANCE;
        }
        // Titan embeddings: inputText without textGenerationConfig, answered by an embedding
        if (Json.at(request, "textGenerationConfig") == null && (Json.at(response, "embedding") instanceof List
                || Json.at(request, "inputText") instanceof String && (Json.at(request, "dimensions") != null
                || Json.at(request, "normalize") != null || Json.at(request, "embeddingTypes") != null
                || Json.at(request, "embeddingConfig") != null || Json.at(request, "inputImage") != null))) {
            return TitanEmbedDialect.INSTANCE;
        }
        return null;
    }
}
