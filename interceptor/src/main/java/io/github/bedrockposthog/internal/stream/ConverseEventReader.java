package io.github.bedrockposthog.internal.stream;

import io.github.bedrockposthog.internal.json.Json;

/**
 * Reads one Converse-shaped stream event: the payload of a ConverseStream frame, named by its
 * {@code :event-type} header, or the same event wrapped by name inside an Amazon Nova
 * InvokeModelWithResponseStream chunk ({@code {"contentBlockDelta": {...}}}).
 *
 * <p>Only {@code delta.text} counts as generated text: tool-use input fragments and reasoning content
 * are not part of the answer.
 */
final class ConverseEventReader {

    static final String MESSAGE_START = "messageStart";
    static final String CONTENT_BLOCK_START = "contentBlockStart";
    static final String CONTENT_BLOCK_DELTA = "contentBlockDelta";
    static final String CONTENT_BLOCK_STOP = "contentBlockStop";
    static final String MESSAGE_STOP = "messageStop";
    static final String METADATA = "metadata";

    private ConverseEventReader() {
    }

    /**
     * Whether events of this type carry nothing we record, so their payload need not be parsed.
     */
    static boolean isIgnorable(String eventType) {
        return MESSAGE_START.equals(eventType) || CONTENT_BLOCK_STOP.equals(eventType);
    }

    /**
     * Reports what the event says into {@code into}.
     *
     * @param eventType         the event name ({@code contentBlockDelta}, {@code metadata}, ...)
     * @param event             the event object
     * @param into              where to report
     * @param usageIsFromService whether {@code metadata.usage} is Bedrock's own count (ConverseStream) rather
     *                          than the model body's (Nova chunks, which also carry invocation metrics)
     */
    static void read(String eventType, Object event, StreamAccumulator into, boolean usageIsFromService) {
        if (CONTENT_BLOCK_DELTA.equals(eventType)) {
            into.text(Json.string(event, "delta", "text"));
        } else if (CONTENT_BLOCK_START.equals(eventType)) {
            into.toolName(Json.string(event, "start", "toolUse", "name"));
        } else if (MESSAGE_STOP.equals(eventType)) {
            into.stopReason(Json.string(event, "stopReason"));
        } else if (METADATA.equals(eventType)) {
            Object usage = Json.at(event, "usage");
            if (usage != null) {
                // ConverseStream spells the cache counts ...InputTokens, Nova chunks ...InputTokenCount.
                into.usage(Json.number(usage, "inputTokens"), Json.number(usage, "outputTokens"),
                        either(Json.number(usage, "cacheReadInputTokens"), Json.number(usage, "cacheReadInputTokenCount")),
                        either(Json.number(usage, "cacheWriteInputTokens"), Json.number(usage, "cacheWriteInputTokenCount")),
                        usageIsFromService);
            }
            into.latencies(Json.number(event, "metrics", "latencyMs"), null);
        }
    }

    private static Long either(Long a, Long b) {
        return a != null ? a : b;
    }
}
