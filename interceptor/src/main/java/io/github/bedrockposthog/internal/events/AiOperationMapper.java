package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.config.Settings;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.OperationKind;
import io.github.bedrockposthog.internal.pricing.PriceTable;
import io.github.bedrockposthog.internal.text.CappedText;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * PostHog's schema for the calls that are no text generation (#13), beside {@link AiGenerationMapper}: an
 * embedding is PostHog's {@code $ai_embedding} ({@code $ai_model}, {@code $ai_provider}, {@code $ai_input} as text,
 * {@code $ai_input_tokens}, {@code $ai_input_cost_usd} / {@code $ai_total_cost_usd}, {@code $ai_latency},
 * {@code $ai_trace_id}, {@code $ai_http_status}, {@code $ai_is_error}); an image or rerank call, for which PostHog
 * has no event of its own, is an {@code $ai_span} named {@code bedrock_image} / {@code bedrock_rerank} with its
 * prompt or query as {@code $ai_input_state}. A failure is the same event with {@code $ai_is_error}, as PostHog's
 * SDKs send it. Privacy mode leaves every text out. No property holds a vector or an image.
 */
final class AiOperationMapper {

    static final String EMBEDDING = "$ai_embedding";
    static final String SPAN = "$ai_span";

    private AiOperationMapper() {
    }

    static Event map(LlmCall o, Settings settings, PriceTable prices, TextRedaction redaction) {
        Map<String, Object> p = new LinkedHashMap<>(128); // room for every property: no rehashing
        p.putAll(o.userProperties);
        String distinctId = Attribution.distinctId(o, p);
        p.put("$ai_trace_id", o.traceId);
        p.put("$ai_span_id", UUID.randomUUID().toString());
        boolean embedding = o.operationKind == OperationKind.EMBEDDING;
        if (!embedding) {
            p.put("$ai_span_name", o.operationKind == OperationKind.IMAGE ? EventMapper.IMAGE : EventMapper.RERANK);
        }
        if (o.model != null) {
            p.put("$ai_model", o.model);
        }
        p.put("$ai_provider", AiGenerationMapper.PROVIDER);
        String text = settings.privacyMode() || o.prompt == null ? null : redaction.apply("$ai_input", o.prompt);
        if (text != null) {
            p.put(embedding ? "$ai_input" : "$ai_input_state", CappedText.cap(text, settings.maxTextChars()));
        }
        if (o.inputTokens != null) {
            p.put("$ai_input_tokens", o.inputTokens);
        }
        p.put("$ai_latency", Math.round(o.responseTimeMillis * 1000.0) / 1_000_000.0);
        if (o.httpStatus != null) {
            p.put("$ai_http_status", o.httpStatus);
        }
        p.put("$ai_is_error", o.failed());
        if (o.failed()) {
            p.put("$ai_error", errorName(o));
        } else if (embedding) {
            CallCost.put(p, prices, o, "$ai_model", "$ai_input_cost_usd", null, "$ai_total_cost_usd");
        } else if (o.operationKind == OperationKind.IMAGE) {
            CallCost.put(p, prices, o, "$ai_model", null, null, "$ai_total_cost_usd");
        }
        if (o.imageCount != null) {
            p.put("image_count", o.imageCount);
        }
        if (o.imageSize() != null) {
            p.put("image_size", o.imageSize());
        }
        if (o.documentCount != null) {
            p.put("document_count", o.documentCount);
        }
        // Bedrock's own facts, named as on bedrock_* events, for joining the two schemas.
        p.put("operation", o.operation.wireName());
        p.put("operation_kind", o.operationKind.wireName());
        if (o.requestId != null) {
            p.put("request_id", o.requestId);
        }
        p.put("$lib", Library.NAME);
        // converse fidelity / conformance (#13): the endpoint and the library, as on $ai_generation
        if (o.baseUrl != null) {
            p.put("$ai_base_url", o.baseUrl);
        }
        Library.putAi(p);
        EventBudget.fit(p, distinctId, EventBudget.MAX_EVENT_BYTES);
        return new Event(embedding ? EMBEDDING : SPAN, distinctId, p);
    }

    /** The error's name only: messages can echo the request, and the bedrock_error event carries the details. */
    private static String errorName(LlmCall o) {
        return o.errorName != null ? o.errorName : o.error != null ? o.error.getClass().getSimpleName() : "Error";
    }
}
