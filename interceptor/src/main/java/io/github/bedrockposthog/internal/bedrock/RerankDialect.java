package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.OperationKind;

/**
 * Cohere Rerank and Amazon Rerank on InvokeModel: request {@code {query, documents[], top_n, api_version}};
 * response {@code {results[{index, relevance_score}], id, meta}}. Kept: the query (as the prompt) and the number of
 * documents; the documents themselves are not.
 */
final class RerankDialect extends NonTextDialect {

    static final RerankDialect INSTANCE = new RerankDialect();

    private RerankDialect() {
        super(OperationKind.RERANK);
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = Json.string(body, "query");
        b.documentCount = size(body, "documents");
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        // relevance scores only
    }
}
