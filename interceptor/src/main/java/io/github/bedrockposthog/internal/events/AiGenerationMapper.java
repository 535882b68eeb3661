package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Messages;
import io.github.bedrockposthog.internal.model.OperationKind;
import io.github.bedrockposthog.internal.config.Settings;
import io.github.bedrockposthog.internal.json.JsonNull;
import io.github.bedrockposthog.internal.json.JsonSize;
import io.github.bedrockposthog.internal.pricing.Cost;
import io.github.bedrockposthog.internal.pricing.PriceTable;
import io.github.bedrockposthog.internal.text.CappedText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Turns an {@link LlmCall} into PostHog LLM analytics' {@code $ai_generation} event (sent when
 * {@code POSTHOG_BEDROCK_EVENTS} is {@code ai} or {@code both}). Pure: no I/O. As in {@link EventMapper}, user
 * properties go in first so the measured facts can never be overwritten, and the distinct id is the user, else the
 * configured default, else the trace id without a person profile.
 *
 * <p>Units follow PostHog's schema, not the {@code bedrock_*} events': {@code $ai_latency} and
 * {@code $ai_time_to_first_token} are seconds.
 */
public final class AiGenerationMapper {

    public static final String EVENT = "$ai_generation";
    /** PostHog's provider name for Amazon Bedrock. */
    static final String PROVIDER = "bedrock";

    /**
     * A JSON {@code null} that survives the transport, which leaves plain {@code null} values out. Privacy mode sends
     * {@code $ai_input} / {@code $ai_output_choices} as this, as PostHog's own SDKs do.
     */
    static final Object JSON_NULL = JsonNull.VALUE;

    /** Room kept for the truncation markers and the {@code $ai_input_truncated} flag. */
    private static final long INPUT_SLACK_BYTES = 4096;

    private final Settings settings;
    private final PriceTable prices;
    private final TextRedaction redaction;

    public AiGenerationMapper(Settings settings, PriceTable prices) {
        this(settings, prices, null);
    }

    /**
     * @param redactor {@code (property, text) -> replacement}, applied to every text of {@code $ai_input},
     *                 {@code $ai_output_choices} and {@code $ai_error}; {@code null} for none
     */
    public AiGenerationMapper(Settings settings, PriceTable prices, BiFunction<String, String, String> redactor) {
        this.settings = settings;
        this.prices = prices;
        this.redaction = new TextRedaction(redactor, settings.maxTextChars());
    }

    /** The {@code $ai_generation} event of one observed call. */
    public Event map(LlmCall o) {
        // operation kind (#13): embeddings are $ai_embedding, images and rerank $ai_span (AiOperationMapper)
        if (o.operationKind != OperationKind.TEXT) {
            return AiOperationMapper.map(o, settings, prices, redaction);
        }
        Map<String, Object> p = new LinkedHashMap<>(128); // room for every property: no rehashing
        p.putAll(o.userProperties);
        String distinctId = Attribution.distinctId(o, p);
        p.put("operation_kind", o.operationKind.wireName()); // operation kind (#13)
        p.put("$ai_trace_id", o.traceId);
        p.put("$ai_span_id", UUID.randomUUID().toString());
        put(p, "$ai_model", o.model);
        p.put("$ai_provider", PROVIDER);

        if (settings.privacyMode()) {
            p.put("$ai_input", JSON_NULL);
            p.put("$ai_output_choices", JSON_NULL);
        } else {
            if (o.inputMessages != null) {
                List<Map<String, Object>> input = AiValues.copy(o.inputMessages); // the record stays as it was
                AiValues.capTexts(input, settings.maxTextChars());
                put(p, "$ai_input", redaction.applyDeep("$ai_input", input));
            }
            put(p, "$ai_output_choices", redaction.applyDeep("$ai_output_choices", outputChoices(o)));
        }

        put(p, "$ai_input_tokens", o.inputTokens);
        put(p, "$ai_output_tokens", o.outputTokens);
        put(p, "$ai_cache_read_input_tokens", o.cacheReadInputTokens);
        put(p, "$ai_cache_creation_input_tokens", o.cacheWriteInputTokens);
        p.put("$ai_latency", seconds(o.responseTimeMillis));
        if (o.timeToFirstTokenMillis != null) {
            p.put("$ai_time_to_first_token", seconds(o.timeToFirstTokenMillis));
        }
        put(p, "$ai_http_status", o.httpStatus);
        p.put("$ai_is_error", o.failed());
        if (o.failed()) {
            put(p, "$ai_error", error(o));
        }
        p.put("$ai_stream", o.stream);
        Map<String, Object> parameters = parameters(o);
        if (!parameters.isEmpty()) {
            p.put("$ai_model_parameters", parameters);
        }
        List<Map<String, Object>> tools = tools(o);
        if (!tools.isEmpty()) {
            p.put("$ai_tools", tools);
        }
        put(p, "$ai_stop_reason", o.stopReason);
        if (!o.failed()) {
            CallCost.put(p, prices, o, "$ai_model", "$ai_input_cost_usd", "$ai_output_cost_usd", "$ai_total_cost_usd");
        }
        // cut-off streams (#13): flagged; priced only from the tokens that arrived (never estimated)
        if (o.streamIncomplete) {
            p.put("$ai_stream_incomplete", Boolean.TRUE);
            if (o.inputTokens != null || o.outputTokens != null) {
                CallCost.put(p, prices, o, "$ai_model", "$ai_input_cost_usd", "$ai_output_cost_usd", "$ai_total_cost_usd");
            }
        }
        if (o.guardrailAction != null) {
            p.put("$ai_guardrail_intervened", o.guardrailIntervened());
            p.put("$ai_guardrail_action", o.guardrailAction);
        }
        if (o.streamCancelled) {
            p.put("$ai_stream_cancelled", Boolean.TRUE);
        }
        // Bedrock's own facts, named as on bedrock_* events, for joining the two schemas.
        p.put("operation", o.operation.wireName());
        put(p, "request_id", o.requestId);
        p.put("$lib", Library.NAME);
        // converse fidelity / conformance (#13)
        if (o.cacheReadInputTokens != null || o.cacheWriteInputTokens != null) {
            // Bedrock counts input tokens without the cache reads and writes: PostHog must not subtract them again.
            p.put("$ai_cache_reporting_exclusive", Boolean.TRUE);
        }
        put(p, "$ai_base_url", o.baseUrl);
        Library.putAi(p);
        fitInput(p, distinctId);
        EventBudget.fit(p, distinctId, EventBudget.MAX_EVENT_BYTES); // the last resort: drops the largest property
        return new Event(EVENT, distinctId, p);
    }

    /**
     * {@code [{role: "assistant", content: <generated text>, tool_calls: [...]}]}; with reasoning, the content is
     * {@code [{type: "thinking", thinking}, {type: "text", text}]}, as PostHog renders it; {@code null} when the
     * call produced neither text, reasoning nor tool calls.
     */
    private List<Map<String, Object>> outputChoices(LlmCall o) {
        if (o.generation == null && o.toolCalls.isEmpty() && o.reasoning == null) {
            return null;
        }
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("role", "assistant");
        String text = o.generation == null ? "" : CappedText.cap(o.generation, settings.maxTextChars());
        if (o.reasoning != null) { // converse fidelity (#13)
            List<Map<String, Object>> parts = new ArrayList<>(2);
            parts.add(Messages.thinkingPart(CappedText.cap(o.reasoning, settings.maxTextChars())));
            if (o.generation != null) {
                parts.add(Messages.textPart(text));
            }
            choice.put("content", parts);
        } else {
            choice.put("content", text);
        }
        if (!o.toolCalls.isEmpty()) {
            choice.put("tool_calls", AiValues.copy(o.toolCalls));
        }
        List<Map<String, Object>> choices = new ArrayList<>(1);
        choices.add(choice);
        return choices;
    }

    /** The parameters; in privacy mode without stop sequences, which can quote the conversation. */
    private Map<String, Object> parameters(LlmCall o) {
        Map<String, Object> parameters = new LinkedHashMap<>(o.parameters);
        if (settings.privacyMode()) {
            parameters.remove("stop_sequences");
        }
        return parameters;
    }

    /** The tools; in privacy mode their names only (descriptions and schemas can describe the user's data). */
    private List<Map<String, Object>> tools(LlmCall o) {
        if (!settings.privacyMode()) {
            return o.tools;
        }
        List<Map<String, Object>> names = new ArrayList<>(o.tools.size());
        for (Map<String, Object> tool : o.tools) {
            Map<String, Object> name = new LinkedHashMap<>();
            name.put("name", tool.get("name"));
            names.add(name);
        }
        return names;
    }

    /**
     * When the event is over its byte budget, cuts {@code $ai_input}'s texts first, oldest turns first (the newest
     * say most about the call), before {@link EventBudget} drops whole properties.
     */
    private static void fitInput(Map<String, Object> p, String distinctId) {
        Object value = p.get("$ai_input");
        if (!(value instanceof List) || EventBudget.surelyFits(p, distinctId, EventBudget.MAX_EVENT_BYTES)) {
            return;
        }
        long size = EventBudget.size(p, distinctId);
        if (!(value instanceof List) || size <= EventBudget.MAX_EVENT_BYTES) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> input = (List<Map<String, Object>>) value;
        // Characters are not bytes: keep the share of the input's characters that the byte room allows.
        long inputBytes = Math.max(1, JsonSize.of(input));
        long room = EventBudget.MAX_EVENT_BYTES - (size - inputBytes) - INPUT_SLACK_BYTES;
        long chars = AiValues.textChars(input);
        int budget = (int) Math.max(0, Math.min(Integer.MAX_VALUE, (double) chars * room / inputBytes));
        while (true) {
            AiValues.capTexts(input, budget);
            if (budget == 0 || EventBudget.size(p, distinctId) <= EventBudget.MAX_EVENT_BYTES) {
                break;
            }
            budget /= 2;
        }
        p.put("$ai_input" + EventBudget.TRUNCATED_SUFFIX, Boolean.TRUE);
    }

    /** {@code ErrorName: message}; the name alone in privacy mode (service messages can echo the request). */
    private String error(LlmCall o) {
        String name = o.errorName != null ? o.errorName : o.error != null ? o.error.getClass().getSimpleName() : "Error";
        String message = o.errorMessage != null ? o.errorMessage : o.error != null ? o.error.getMessage() : null;
        if (settings.privacyMode() || message == null || message.isEmpty()) {
            return name;
        }
        String kept = redaction.apply("$ai_error", message);
        return kept == null ? name : name + ": " + CappedText.cap(kept, settings.maxTextChars());
    }

    /** Milliseconds as seconds, to the microsecond. */
    private static double seconds(double millis) {
        return Math.round(millis * 1000.0) / 1_000_000.0;
    }

    private static void put(Map<String, Object> p, String key, Object value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
