package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

import java.util.Map;

/**
 * Chooses the dialect of a call: by the model id's family, else, for ids that name no family (application inference
 * profile ARNs, imported and provisioned models), by the body's shape. Sync calls and streams use the same rules.
 */
public final class Dialects {

    /** Streams of an unknown family: every dialect is asked in this order; the first that knows the chunk wins. */
    private static final Dialect[] CHUNK_ORDER = {
        AnthropicMessagesDialect.INSTANCE, NovaDialect.INSTANCE, TitanDialect.INSTANCE, LlamaDialect.INSTANCE,
        AnthropicTextDialect.INSTANCE, ChatCompletionsDialect.INSTANCE, MistralDialect.INSTANCE,
        CohereCommandRDialect.INSTANCE, CohereCommandDialect.INSTANCE, Ai21JurassicDialect.INSTANCE,
    };

    private static final String INVOCATION_METRICS = "amazon-bedrock-invocationMetrics";
    private static final String GUARDRAIL_ACTION = "amazon-bedrock-guardrailAction";

    private Dialects() {
    }

    /**
     * The dialect of a call.
     *
     * @param id           the parsed model id
     * @param requestBody  the parsed request body, may be {@code null}
     * @param responseBody the parsed response body, may be {@code null} (streams, failures)
     * @return the dialect, or {@code null} when neither the id nor the bodies say
     */
    public static Dialect of(ModelId id, Object requestBody, Object responseBody) {
        Dialect byId = id.family().dialect();
        if (byId != null) {
            return byId.variantFor(requestBody);
        }
        return sniff(requestBody, responseBody);
    }

    /**
     * The dialect a body's shape gives away, for ids that name no family. The marks are the ones a family's
     * request or response always carries and others never do.
     *
     * @return the dialect, or {@code null} when the shape is not recognised
     */
    public static Dialect sniff(Object request, Object response) {
        Dialect nonText = OperationKinds.sniff(request, response); // embeddings, images, rerank (#13)
        if (nonText != null) {
            return nonText;
        }
        if (Json.at(request, "anthropic_version") != null || "message".equals(Json.string(response, "type"))) {
            return AnthropicMessagesDialect.INSTANCE.variantFor(request);
        }
        if ("messages-v1".equals(Json.string(request, "schemaVersion")) || Json.at(response, "output", "message") != null) {
            return NovaDialect.INSTANCE;
        }
        if (Json.at(request, "textGenerationConfig") != null || Json.at(response, "results", 0, "outputText") != null) {
            return TitanDialect.INSTANCE;
        }
        if (Json.at(request, "max_gen_len") != null || Json.at(response, "generation") instanceof String) {
            return LlamaDialect.INSTANCE;
        }
        if (Json.at(response, "choices") != null) {
            return ChatCompletionsDialect.INSTANCE;
        }
        if (Json.at(response, "outputs") != null) {
            return MistralDialect.INSTANCE;
        }
        if (Json.at(response, "completion") instanceof String) {
            return AnthropicTextDialect.INSTANCE;
        }
        return null;
    }

    /**
     * Reads one stream chunk: the call's dialect first, every dialect in turn when it has none or the chunk is not
     * in its shape, then Bedrock's own additions ({@code amazon-bedrock-invocationMetrics}, the authoritative
     * token counts and latencies, and {@code amazon-bedrock-guardrailAction}), which any family's chunk may carry.
     * {@code amazon-bedrock-trace} is not read: its guardrail section repeats the unmasked model output.
     *
     * @param dialect the call's dialect, may be {@code null}
     */
    public static void readChunk(Dialect dialect, Map<String, Object> chunk, ChunkSink into) {
        if (dialect == null || !dialect.readChunk(chunk, into)) {
            for (Dialect candidate : CHUNK_ORDER) {
                if (candidate != dialect && candidate.readChunk(chunk, into)) {
                    break;
                }
            }
        }
        Object metrics = chunk.get(INVOCATION_METRICS);
        if (metrics != null) {
            into.usage(Json.number(metrics, "inputTokenCount"), Json.number(metrics, "outputTokenCount"),
                    Json.number(metrics, "cacheReadInputTokenCount"), Json.number(metrics, "cacheWriteInputTokenCount"),
                    true);
            into.latencies(Json.number(metrics, "invocationLatency"), Json.number(metrics, "firstByteLatency"));
        }
        Object action = chunk.get(GUARDRAIL_ACTION);
        if (action instanceof String) {
            into.guardrailAction((String) action);
        }
    }
}
