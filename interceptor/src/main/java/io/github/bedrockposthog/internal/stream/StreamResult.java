package io.github.bedrockposthog.internal.stream;

import io.github.bedrockposthog.internal.bedrock.ModelOutput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an {@link EventStreamTap} has heard so far, frozen at the moment {@link EventStreamTap#result()} was
 * called. Immutable; every reference field may be {@code null} when the stream did not say.
 */
public final class StreamResult {

    private final ModelOutput output;
    private final boolean textTruncated;
    private final String exceptionType;
    private final String exceptionMessage;
    private final boolean sawText;
    private final int frameCount;
    private final boolean corrupt;
    private final List<Map<String, Object>> toolCalls;
    private final String guardrailAction;
    private final Long invocationLatencyMs;
    private final Long firstByteLatencyMs;
    private final boolean usageReportedByService;
    private final String incompleteReason;

    // Built only by StreamAccumulator, which hands over an unmodifiable list it no longer touches.
    StreamResult(ModelOutput output, boolean textTruncated, String exceptionType, String exceptionMessage,
                 boolean sawText, int frameCount, boolean corrupt, List<Map<String, Object>> toolCalls,
                 String guardrailAction, Long invocationLatencyMs, Long firstByteLatencyMs,
                 boolean usageReportedByService, String incompleteReason) {
        this.output = output;
        this.textTruncated = textTruncated;
        this.exceptionType = exceptionType;
        this.exceptionMessage = exceptionMessage;
        this.sawText = sawText;
        this.frameCount = frameCount;
        this.corrupt = corrupt;
        this.toolCalls = toolCalls;
        this.guardrailAction = guardrailAction;
        this.invocationLatencyMs = invocationLatencyMs;
        this.firstByteLatencyMs = firstByteLatencyMs;
        this.usageReportedByService = usageReportedByService;
        this.incompleteReason = incompleteReason;
    }

    /**
     * The generated text (all text deltas in order, capped; {@code null} when no text was seen), the token
     * counts (service-reported counts win over the model body's) and the last stop reason.
     *
     * @return the model output, never {@code null}
     */
    public ModelOutput output() {
        return output;
    }

    /**
     * Whether the text in {@link #output()} is incomplete: cut at the cap (it then ends with the truncation marker),
     * or a frame too large for the process-wide scratch budget went by unread.
     *
     * @return {@code true} when text is missing
     */
    public boolean textTruncated() {
        return textTruncated;
    }

    /**
     * The type of a mid-stream exception frame, e.g. {@code modelStreamErrorException} (the
     * {@code :exception-type} header, or {@code :error-code} for {@code error} frames).
     *
     * @return the exception type, or {@code null} when the stream carried none
     */
    public String exceptionType() {
        return exceptionType;
    }

    /**
     * The message of a mid-stream exception frame.
     *
     * @return the message, or {@code null} when absent
     */
    public String exceptionMessage() {
        return exceptionMessage;
    }

    /**
     * Whether any non-empty generated text was decoded.
     *
     * @return {@code true} after the first text fragment
     */
    public boolean sawText() {
        return sawText;
    }

    /**
     * The number of event-stream frames decoded, of any message type.
     *
     * @return the frame count
     */
    public int frameCount() {
        return frameCount;
    }

    /**
     * Whether the bytes stopped being a valid event stream; decoding stopped there, the bytes still flowed.
     *
     * @return {@code true} after a framing or checksum error
     */
    public boolean corrupt() {
        return corrupt;
    }

    /**
     * The tool calls the model made, in order, as {@code {type: function, id, function: {name, arguments}}}
     * (arguments: the streamed JSON fragments joined, within the text budget).
     *
     * @return an unmodifiable list, empty when no tool was called
     */
    public List<Map<String, Object>> toolCalls() {
        return toolCalls;
    }

    /**
     * The names of the tools the model called, in order of appearance.
     *
     * @return a new list, empty when no tool was called
     */
    public List<String> toolNames() {
        List<String> names = new ArrayList<>(toolCalls.size());
        for (Map<String, Object> call : toolCalls) {
            names.add((String) ((Map<?, ?>) call.get("function")).get("name"));
        }
        return names;
    }

    /**
     * Whether the token counts are Bedrock's own ({@code amazon-bedrock-invocationMetrics}, ConverseStream
     * {@code metadata}) rather than the model body's.
     *
     * @return {@code true} when the service reported them
     */
    public boolean usageReportedByService() {
        return usageReportedByService;
    }

    /**
     * The guardrail action: Bedrock's {@code amazon-bedrock-guardrailAction} (e.g. {@code INTERVENED},
     * {@code NONE}), or {@code INTERVENED} when a ConverseStream stopped with {@code guardrail_intervened}.
     *
     * @return the action, or {@code null} when no guardrail reported
     */
    public String guardrailAction() {
        return guardrailAction;
    }

    /**
     * The service-side latency: {@code invocationLatency} of the invocation metrics, or ConverseStream's
     * {@code metrics.latencyMs}.
     *
     * @return milliseconds, or {@code null} when not reported
     */
    public Long invocationLatencyMs() {
        return invocationLatencyMs;
    }

    /**
     * The service-side time to the first byte ({@code firstByteLatency} of the invocation metrics).
     *
     * @return milliseconds, or {@code null} when not reported
     */
    public Long firstByteLatencyMs() {
        return firstByteLatencyMs;
    }

    /**
     * Whether the stream is not whole: it ended before its family's final event (the chunk with
     * {@code amazon-bedrock-invocationMetrics}, Titan's completion chunk, ConverseStream's {@code metadata}), inside a
     * frame, or its bytes stopped being a valid event stream. A stream that ended with an exception frame is whole:
     * Bedrock said why it stopped.
     *
     * @return {@code true} for a cut-off stream
     */
    public boolean incomplete() {
        return incompleteReason != null;
    }

    /**
     * Why the stream is not whole, in words safe to report (no generated text).
     *
     * @return the reason, or {@code null} when the stream is whole
     */
    public String incompleteReason() {
        return incompleteReason;
    }

    // --- converse fidelity / conformance (#13); set once by StreamAccumulator before the result is handed out.
    private String reasoning;
    private String invokedModelId;
    private Long cacheWrite1hTokens;

    void converseFidelity(String reasoning, String invokedModelId, Long cacheWrite1hTokens) {
        this.reasoning = reasoning;
        this.invokedModelId = invokedModelId;
        this.cacheWrite1hTokens = cacheWrite1hTokens;
    }

    /**
     * The model's streamed reasoning (capped like the text), kept apart from the answer.
     *
     * @return the reasoning, or {@code null} when none was streamed
     */
    public String reasoning() {
        return reasoning;
    }

    /**
     * The model a prompt router chose ({@code metadata.trace.promptRouter.invokedModelId}).
     *
     * @return the model id, or {@code null} when the stream named none
     */
    public String invokedModelId() {
        return invokedModelId;
    }

    /**
     * Cache-write tokens the stream reports written with a 1-hour TTL (ConverseStream
     * {@code metadata.usage.cacheDetails}, Anthropic {@code usage.cache_creation.ephemeral_1h_input_tokens}).
     *
     * @return the count, or {@code null} when the stream does not split cache writes by TTL
     */
    public Long cacheWrite1hTokens() {
        return cacheWrite1hTokens;
    }

    /** Describes the result without any generated text, so it is safe to log. */
    @Override
    public String toString() {
        return "StreamResult{" + output + ", textTruncated=" + textTruncated + ", exceptionType=" + exceptionType
                + ", sawText=" + sawText + ", frames=" + frameCount + ", corrupt=" + corrupt
                + ", tools=" + toolCalls.size() + ", guardrailAction=" + guardrailAction
                + ", invocationLatencyMs=" + invocationLatencyMs + ", firstByteLatencyMs=" + firstByteLatencyMs + ", incomplete=" + incomplete() + '}';
    }
}
