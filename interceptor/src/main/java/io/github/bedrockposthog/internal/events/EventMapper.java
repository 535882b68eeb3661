package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.OperationKind;
import io.github.bedrockposthog.internal.config.Settings;
import io.github.bedrockposthog.internal.pricing.PriceTable;
import io.github.bedrockposthog.internal.text.CappedText;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Turns an {@link LlmCall} into the tutorial's {@code bedrock_completion} / {@code bedrock_error}
 * events. Pure: no I/O. User properties go in first so the measured facts can never be overwritten.
 *
 * <p>Texts ({@code prompt}, {@code generation}, {@code error_message}) pass the user's redactor first (a throwing
 * redactor drops the text), then the character cap, then the event's byte budget ({@link EventBudget}); each cut
 * is reported with {@code <name>_truncated: true}.
 */
public final class EventMapper {


    public static final String COMPLETION = "bedrock_completion";
    public static final String ERROR = "bedrock_error";
    /** Upper bound of {@code error_stack}: a stack is useful long before it is big. */
    private static final int MAX_STACK_CHARS = 16_000;
    private static final int MAX_STACK_FRAMES = 60;

    private final Settings settings;
    private final PriceTable prices;
    private final TextRedaction redaction;

    public EventMapper(Settings settings, PriceTable prices) {
        this(settings, prices, null);
    }

    /**
     * @param redactor {@code (property, text) -> replacement} applied to every text before it is kept; {@code null}
     *                 return drops the text; {@code null} for none
     */
    public EventMapper(Settings settings, PriceTable prices, BiFunction<String, String, String> redactor) {
        this.settings = settings;
        this.prices = prices;
        this.redaction = new TextRedaction(redactor, settings.maxTextChars());
    }

    /** The event for one observed call. */
    public Event map(LlmCall o) {
        Map<String, Object> p = new LinkedHashMap<>(128); // room for every property: no rehashing
        p.putAll(o.userProperties);
        String distinctId = Attribution.distinctId(o, p);
        putText(p, "prompt", o.prompt);
        p.put("model_id", o.modelId);
        put(p, "model", o.model);
        p.put("operation", o.operation.wireName());
        p.put("stream", o.stream);
        p.put("response_time_in_ms", round3(o.responseTimeMillis));
        p.put("attempts", o.attempts);
        put(p, "request_id", o.requestId);
        put(p, "http_status", o.httpStatus);
        put(p, "trace_id", o.traceId);
        put(p, "bedrock_invocation_latency_ms", o.invocationLatencyMillis);
        p.put("$lib", Library.NAME);
        p.put("$lib_version", Library.VERSION); // converse fidelity / conformance (#13)
        // operation kind (#13): every event says what the call did; only text calls are completions
        p.put("operation_kind", o.operationKind.wireName());
        if (o.operationKind == OperationKind.RERANK) {
            rename(p, "prompt", "query");
        }
        if (!o.failed() && o.operationKind != OperationKind.TEXT) {
            return mapNonText(o, p, distinctId);
        }
        if (o.failed()) {
            mapError(o, p);
            EventBudget.fit(p, distinctId, EventBudget.MAX_EVENT_BYTES);
            return new Event(ERROR, distinctId, p);
        }
        putText(p, "generation", o.generation);
        if (o.generationTruncated && p.containsKey("generation")) {
            p.put("generation_truncated", Boolean.TRUE); // cut while the stream was collected
        }
        put(p, "prompt_token_count", o.inputTokens);
        put(p, "generation_token_count", o.outputTokens);
        put(p, "cache_read_input_token_count", o.cacheReadInputTokens);
        put(p, "cache_write_input_token_count", o.cacheWriteInputTokens);
        put(p, "stop_reason", o.stopReason);
        if (o.timeToFirstTokenMillis != null) {
            p.put("time_to_first_token_in_ms", round3(o.timeToFirstTokenMillis));
        }
        if (o.streamCancelled) {
            p.put("stream_cancelled", Boolean.TRUE);
        }
        putCost(p, o);
        putGuardrail(p, o);
        EventBudget.fit(p, distinctId, EventBudget.MAX_EVENT_BYTES);
        return new Event(COMPLETION, distinctId, p);
    }

    // operation kind (#13): bedrock_embedding / bedrock_image / bedrock_rerank. None holds a vector or an image:
    // the dialects never read them into the LlmCall.
    public static final String EMBEDDING = "bedrock_embedding";
    public static final String IMAGE = "bedrock_image";
    public static final String RERANK = "bedrock_rerank";

    private Event mapNonText(LlmCall o, Map<String, Object> p, String distinctId) {
        String name;
        put(p, "prompt_token_count", o.inputTokens);
        if (o.operationKind == OperationKind.EMBEDDING) {
            name = EMBEDDING;
            CallCost.put(p, prices, o, "model", "input_cost_in_dollars", null, "total_cost_in_dollars");
        } else if (o.operationKind == OperationKind.IMAGE) {
            name = IMAGE;
            put(p, "image_count", o.imageCount);
            put(p, "image_size", o.imageSize());
            CallCost.put(p, prices, o, "model", null, null, "total_cost_in_dollars"); // unknown unless priced per image
        } else {
            name = RERANK; // no rerank price in the table: cost left out
            put(p, "document_count", o.documentCount);
        }
        EventBudget.fit(p, distinctId, EventBudget.MAX_EVENT_BYTES);
        return new Event(name, distinctId, p);
    }

    /** Moves a text and its truncation flag to another name (a rerank's prompt is its query). */
    private static void rename(Map<String, Object> p, String from, String to) {
        Object text = p.remove(from);
        if (text != null) {
            p.put(to, text);
        }
        Object cut = p.remove(from + EventBudget.TRUNCATED_SUFFIX);
        if (cut != null) {
            p.put(to + EventBudget.TRUNCATED_SUFFIX, cut);
        }
    }

    private void putCost(Map<String, Object> p, LlmCall o) {
        CallCost.put(p, prices, o, "model", "input_cost_in_dollars", "output_cost_in_dollars", "total_cost_in_dollars");
    }

    // --- Guardrails (issue #7): what a Bedrock guardrail did, when Bedrock said so. ---
    private static void putGuardrail(Map<String, Object> p, LlmCall o) {
        if (o.guardrailAction == null) {
            return;
        }
        p.put("guardrail_action", o.guardrailAction);
        p.put("guardrail_intervened", o.guardrailIntervened());
    }

    private void mapError(LlmCall o, Map<String, Object> p) {
        Throwable error = o.error;
        String name = o.errorName != null ? o.errorName : error != null ? error.getClass().getSimpleName() : null;
        put(p, "error_name", name);
        if (!settings.privacyMode()) { // service messages can echo the request
            String message = o.errorMessage != null ? o.errorMessage : error != null ? error.getMessage() : null;
            putText(p, "error_message", message);
        }
        put(p, "error_code", o.httpStatus);
        put(p, "error_type", o.errorType);
        put(p, "error_requestId", o.requestId);
        if (settings.captureStack() && error != null) {
            // Messages can echo the request: none in privacy mode, and none when a redactor must vet every text.
            p.put("error_stack", stack(error, !settings.privacyMode() && !redaction.active()));
        }
        if (o.generation != null) { // a stream that failed midway: what arrived before the failure
            putText(p, "generation", o.generation);
        }
        put(p, "prompt_token_count", o.inputTokens);
        put(p, "generation_token_count", o.outputTokens);
        // cut-off streams (#13): flagged; priced only from the tokens that arrived (never estimated)
        if (o.streamIncomplete) {
            p.put("stream_incomplete", Boolean.TRUE);
            if (o.inputTokens != null || o.outputTokens != null) {
                putCost(p, o);
            }
        }
    }

    /** Redacts, caps and puts one text; {@code <key>_truncated} when the cap cut it. */
    private void putText(Map<String, Object> p, String key, String text) {
        if (text == null || settings.privacyMode()) {
            return;
        }
        String kept = redact(key, text);
        if (kept == null) {
            return;
        }
        if (CappedText.wouldTruncate(kept, settings.maxTextChars())) {
            kept = CappedText.cap(kept, settings.maxTextChars());
            p.put(key + EventBudget.TRUNCATED_SUFFIX, Boolean.TRUE);
        }
        p.put(key, kept);
    }

    /** The user's replacement of {@code text}; {@code null} (drop) when the redactor says so or fails. */
    private String redact(String key, String text) {
        return redaction.apply(key, text);
    }

    private static void put(Map<String, Object> p, String key, Object value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    private static double round3(double millis) {
        return Math.round(millis * 1000.0) / 1000.0;
    }

    /** The stack trace as text; without messages when they may carry user text. */
    static String stack(Throwable error, boolean withMessages) {
        StringBuilder out = new StringBuilder();
        Throwable current = error;
        int frames = 0;
        int depth = 0;
        while (current != null && depth < 5 && out.length() < MAX_STACK_CHARS) {
            if (depth > 0) {
                out.append("Caused by: ");
            }
            out.append(current.getClass().getName());
            if (withMessages && current.getMessage() != null) {
                out.append(": ").append(current.getMessage());
            }
            out.append('\n');
            for (StackTraceElement element : current.getStackTrace()) {
                if (frames++ >= MAX_STACK_FRAMES || out.length() >= MAX_STACK_CHARS) {
                    out.append("\t...\n");
                    break;
                }
                out.append("\tat ").append(element).append('\n');
            }
            current = current.getCause() == current ? null : current.getCause();
            depth++;
        }
        return out.length() > MAX_STACK_CHARS ? out.substring(0, MAX_STACK_CHARS) : out.toString();
    }
}
