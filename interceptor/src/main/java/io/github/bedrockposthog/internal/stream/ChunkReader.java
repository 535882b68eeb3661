package io.github.bedrockposthog.internal.stream;

import io.github.bedrockposthog.internal.json.Json;

import java.util.List;
import java.util.Map;

/**
 * Reads one InvokeModelWithResponseStream chunk (the model's own JSON, already base64-decoded) without
 * knowing the model family: the shape is recognised by the keys present. Every family streams a different
 * dialect; each {@code read*} method below knows one, and the first that recognises the chunk wins.
 *
 * <p>Whatever the family, Bedrock may add {@code amazon-bedrock-invocationMetrics} (authoritative token
 * counts and latencies) and {@code amazon-bedrock-guardrailAction} to a chunk; both are read too. The
 * {@code amazon-bedrock-trace} is not read: its guardrail section repeats the unmasked model output.
 */
final class ChunkReader {

    private static final String INVOCATION_METRICS = "amazon-bedrock-invocationMetrics";
    private static final String GUARDRAIL_ACTION = "amazon-bedrock-guardrailAction";

    // Nova wraps Converse-shaped events by name; these are the ones that carry something we record.
    private static final String[] NOVA_EVENTS = {
        ConverseEventReader.CONTENT_BLOCK_DELTA, ConverseEventReader.CONTENT_BLOCK_START,
        ConverseEventReader.MESSAGE_STOP, ConverseEventReader.METADATA,
    };

    private ChunkReader() {
    }

    /**
     * Reports what the chunk says into {@code into}.
     *
     * @param chunk the decoded model chunk
     * @param into  where to report
     */
    static void read(Map<String, Object> chunk, StreamAccumulator into) {
        readFamilyShape(chunk, into);
        // Last, so that Bedrock's own counts and latencies are the final word for this chunk.
        readBedrockAdditions(chunk, into);
    }

    private static void readFamilyShape(Map<String, Object> chunk, StreamAccumulator into) {
        if (readAnthropicMessages(chunk, into)
                || readNova(chunk, into)
                || readTitan(chunk, into)
                || readLlama(chunk, into)
                || readAnthropicCompletion(chunk, into)
                || readChoices(chunk, into)
                || readMistralOutputs(chunk, into)
                || readCohereChat(chunk, into)
                || readCohereGenerate(chunk, into)
                || readCohereGenerations(chunk, into)) {
            return;
        }
        readAi21Jurassic(chunk, into);
    }

    private static void readBedrockAdditions(Map<String, Object> chunk, StreamAccumulator into) {
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

    /** Anthropic Claude messages API: {@code {"type": "content_block_delta", ...}}. */
    private static boolean readAnthropicMessages(Map<String, Object> chunk, StreamAccumulator into) {
        Object type = chunk.get("type");
        if (!(type instanceof String)) {
            return false;
        }
        switch ((String) type) {
            case "content_block_delta": {
                Object delta = chunk.get("delta");
                String deltaType = Json.string(delta, "type");
                // thinking_delta and input_json_delta are not part of the answer.
                if (deltaType == null || "text_delta".equals(deltaType)) {
                    into.text(Json.string(delta, "text"));
                }
                return true;
            }
            case "content_block_start": {
                Object block = chunk.get("content_block");
                String blockType = Json.string(block, "type");
                if ("tool_use".equals(blockType)) {
                    into.toolName(Json.string(block, "name"));
                } else if ("text".equals(blockType)) {
                    into.text(Json.string(block, "text"));
                }
                return true;
            }
            case "message_start":
                readAnthropicUsage(Json.at(chunk, "message", "usage"), into);
                into.stopReason(Json.string(chunk, "message", "stop_reason"));
                return true;
            case "message_delta":
                readAnthropicUsage(chunk.get("usage"), into);
                into.stopReason(Json.string(chunk, "delta", "stop_reason"));
                return true;
            case "error":
                into.exception(Json.string(chunk, "error", "type"), Json.string(chunk, "error", "message"));
                return true;
            case "message_stop":
            case "content_block_stop":
            case "ping":
                return true;
            default:
                return false;
        }
    }

    private static void readAnthropicUsage(Object usage, StreamAccumulator into) {
        if (usage != null) {
            into.usage(Json.number(usage, "input_tokens"), Json.number(usage, "output_tokens"),
                    Json.number(usage, "cache_read_input_tokens"), Json.number(usage, "cache_creation_input_tokens"),
                    false);
        }
    }

    /** Amazon Nova: Converse-shaped events wrapped by name, e.g. {@code {"contentBlockDelta": {...}}}. */
    private static boolean readNova(Map<String, Object> chunk, StreamAccumulator into) {
        boolean recognised = false;
        for (String name : NOVA_EVENTS) {
            Object event = chunk.get(name);
            if (event instanceof Map) {
                ConverseEventReader.read(name, event, into, false);
                recognised = true;
            }
        }
        return recognised || chunk.get(ConverseEventReader.MESSAGE_START) instanceof Map
                || chunk.get(ConverseEventReader.CONTENT_BLOCK_STOP) instanceof Map;
    }

    /** Amazon Titan Text: {@code {"outputText", "completionReason", "inputTextTokenCount", ...}}. */
    private static boolean readTitan(Map<String, Object> chunk, StreamAccumulator into) {
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

    /** Meta Llama: {@code {"generation", "stop_reason", "prompt_token_count", "generation_token_count"}}. */
    private static boolean readLlama(Map<String, Object> chunk, StreamAccumulator into) {
        Object text = chunk.get("generation");
        if (!(text instanceof String) && !chunk.containsKey("generation_token_count")) {
            return false;
        }
        into.text(text instanceof String ? (String) text : null);
        into.stopReason(Json.string(chunk, "stop_reason"));
        // generation_token_count is cumulative, so the latest value is the total.
        into.usage(Json.number(chunk, "prompt_token_count"), Json.number(chunk, "generation_token_count"),
                null, null, false);
        return true;
    }

    /** Anthropic's legacy text-completion API (Claude 2): {@code {"completion", "stop_reason"}}. */
    private static boolean readAnthropicCompletion(Map<String, Object> chunk, StreamAccumulator into) {
        Object text = chunk.get("completion");
        if (!(text instanceof String)) {
            return false;
        }
        into.text((String) text);
        into.stopReason(Json.string(chunk, "stop_reason"));
        return true;
    }

    /**
     * OpenAI-style chunks (Mistral chat, AI21 Jamba, DeepSeek, gpt-oss):
     * {@code {"choices": [{"delta": {"content"}} | {"message": {"content"}} | {"text"}, "finish_reason"]}}.
     * Only the first choice counts, so several choices never interleave into one text.
     */
    private static boolean readChoices(Map<String, Object> chunk, StreamAccumulator into) {
        Object choices = chunk.get("choices");
        if (!(choices instanceof List)) {
            return false;
        }
        for (Object choice : (List<?>) choices) {
            Long index = Json.number(choice, "index");
            if (index != null && index != 0L) {
                continue;
            }
            String text = Json.string(choice, "delta", "content");
            if (text == null) {
                text = Json.string(choice, "message", "content");
            }
            if (text == null) {
                text = Json.string(choice, "text");
            }
            into.text(text);
            String stop = Json.string(choice, "finish_reason");
            into.stopReason(stop != null ? stop : Json.string(choice, "stop_reason"));
            readToolCalls(Json.at(choice, "delta", "tool_calls"), into);
            readToolCalls(Json.at(choice, "message", "tool_calls"), into);
        }
        Object usage = chunk.get("usage");
        if (usage != null) {
            into.usage(Json.number(usage, "prompt_tokens"), Json.number(usage, "completion_tokens"), null, null, false);
        }
        return true;
    }

    private static void readToolCalls(Object calls, StreamAccumulator into) {
        if (calls instanceof List) {
            for (Object call : (List<?>) calls) {
                into.toolName(Json.string(call, "function", "name"));
            }
        }
    }

    /** Mistral text completion: {@code {"outputs": [{"text", "stop_reason"}]}}. */
    private static boolean readMistralOutputs(Map<String, Object> chunk, StreamAccumulator into) {
        Object outputs = chunk.get("outputs");
        if (!(outputs instanceof List)) {
            return false;
        }
        Object first = Json.at(outputs, 0);
        into.text(Json.string(first, "text"));
        into.stopReason(Json.string(first, "stop_reason"));
        return true;
    }

    /**
     * Cohere Command R: {@code {"event_type": "text-generation", "text"}} ... {@code "stream-end"}. The
     * stream-end event repeats the whole answer in {@code response.text}; it is not read, or the text
     * would be counted twice.
     */
    private static boolean readCohereChat(Map<String, Object> chunk, StreamAccumulator into) {
        Object eventType = chunk.get("event_type");
        if (!(eventType instanceof String)) {
            return false;
        }
        switch ((String) eventType) {
            case "text-generation":
                into.text(Json.string(chunk, "text"));
                break;
            case "tool-calls-generation": {
                Object calls = chunk.get("tool_calls");
                if (calls instanceof List) {
                    for (Object call : (List<?>) calls) {
                        into.toolName(Json.string(call, "name"));
                    }
                }
                break;
            }
            case "stream-end": {
                into.stopReason(Json.string(chunk, "finish_reason"));
                Object billed = Json.at(chunk, "response", "meta", "billed_units");
                if (billed != null) {
                    into.usage(Json.number(billed, "input_tokens"), Json.number(billed, "output_tokens"),
                            null, null, false);
                }
                break;
            }
            default:
                break;
        }
        return true;
    }

    /** Cohere Command (legacy generate): {@code {"text", "is_finished", "finish_reason"}}. */
    private static boolean readCohereGenerate(Map<String, Object> chunk, StreamAccumulator into) {
        Object text = chunk.get("text");
        if (!(text instanceof String) && !chunk.containsKey("is_finished")) {
            return false;
        }
        into.text(text instanceof String ? (String) text : null);
        into.stopReason(Json.string(chunk, "finish_reason"));
        return true;
    }

    /** Cohere Command (legacy, whole generations): {@code {"generations": [{"text", "finish_reason"}]}}. */
    private static boolean readCohereGenerations(Map<String, Object> chunk, StreamAccumulator into) {
        Object generations = chunk.get("generations");
        if (!(generations instanceof List)) {
            return false;
        }
        Object first = Json.at(generations, 0);
        into.text(Json.string(first, "text"));
        into.stopReason(Json.string(first, "finish_reason"));
        return true;
    }

    /** AI21 Jurassic-2: {@code {"completions": [{"data": {"text"}, "finishReason": {"reason"}}]}}. */
    private static void readAi21Jurassic(Map<String, Object> chunk, StreamAccumulator into) {
        Object first = Json.at(chunk, "completions", 0);
        if (first != null) {
            into.text(Json.string(first, "data", "text"));
            into.stopReason(Json.string(first, "finishReason", "reason"));
        }
    }
}
