package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.Operation;
import io.github.bedrockposthog.internal.model.OperationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kind decision (#13): by the model id's family, else by the bodies' shape; text when nothing says otherwise. */
class OperationKindsTest {

    private static final String ARN = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc";

    private static OperationKind kind(String modelId, String request, String response) {
        Object req = request == null ? null : Json.parse(request);
        Object resp = response == null ? null : Json.parse(response);
        return OperationKinds.of(Operation.INVOKE_MODEL, Dialects.of(ModelId.parse(modelId), req, resp));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "amazon.titan-embed-text-v1, EMBEDDING",
            "amazon.titan-embed-text-v2:0, EMBEDDING",
            "amazon.titan-embed-image-v1, EMBEDDING",
            "cohere.embed-english-v3, EMBEDDING",
            "cohere.embed-multilingual-v3, EMBEDDING",
            "us.cohere.embed-v4:0, EMBEDDING",
            "amazon.nova-2-multimodal-embeddings-v1:0, EMBEDDING",
            "amazon.nova-canvas-v1:0, IMAGE",
            "amazon.titan-image-generator-v1, IMAGE",
            "amazon.titan-image-generator-v2:0, IMAGE",
            "stability.stable-image-core-v1:1, IMAGE",
            "us.stability.sd3-5-large-v1:0, IMAGE",
            "cohere.rerank-v3-5:0, RERANK",
            "amazon.rerank-v1:0, RERANK",
            "amazon.nova-lite-v1:0, TEXT",
            "amazon.titan-text-express-v1, TEXT",
            "cohere.command-r-v1:0, TEXT",
            "anthropic.claude-3-haiku-20240307-v1:0, TEXT",
    })
    void theModelIdDecidesWithoutAnyBody(String modelId, OperationKind expected) {
        assertEquals(expected, kind(modelId, null, null));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "{\"inputText\":\"hi\"}|{\"embedding\":[0.1],\"inputTextTokenCount\":1}|EMBEDDING",
            "{\"inputText\":\"hi\",\"dimensions\":256}||EMBEDDING",
            "{\"inputText\":\"hi\"}|{\"results\":[{\"outputText\":\"x\"}]}|TEXT",
            "{\"inputText\":\"hi\",\"textGenerationConfig\":{}}||TEXT",
            "{\"texts\":[\"a\"],\"input_type\":\"search_document\"}||EMBEDDING",
            "|{\"id\":\"x\",\"embeddings\":[[0.1]],\"response_type\":\"embeddings_floats\"}|EMBEDDING",
            "{\"taskType\":\"SINGLE_EMBEDDING\",\"singleEmbeddingParams\":{}}||EMBEDDING",
            "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{\"text\":\"a\"}}||IMAGE",
            "|{\"images\":[\"AAAA\"],\"error\":null}|IMAGE",
            "{\"text_prompts\":[{\"text\":\"a\"}]}||IMAGE",
            "{\"prompt\":\"a\"}|{\"seeds\":[1],\"finish_reasons\":[null],\"images\":[\"AAAA\"]}|IMAGE",
            "{\"query\":\"q\",\"documents\":[\"a\",\"b\"]}||RERANK",
            "|{\"results\":[{\"index\":0,\"relevance_score\":0.5}]}|RERANK",
            "{\"anthropic_version\":\"bedrock-2023-05-31\",\"messages\":[]}||TEXT",
            "{\"messages\":[],\"documents\":[\"a\"]}|{\"choices\":[]}|TEXT",
    })
    void anOpaqueIdIsDecidedByTheBodies(String request, String response, OperationKind expected) {
        assertEquals(expected, kind(ARN, request, response));
    }

    @Test
    void converseIsAlwaysText() {
        assertEquals(OperationKind.TEXT, OperationKinds.of(Operation.CONVERSE, TitanEmbedDialect.INSTANCE));
        assertEquals(OperationKind.TEXT, OperationKinds.of(Operation.INVOKE_MODEL, null));
    }
}
