package io.github.bedrockposthog.internal.stream;

import io.github.bedrockposthog.internal.bedrock.ChunkSink;
import io.github.bedrockposthog.internal.bedrock.ModelOutput;
import io.github.bedrockposthog.internal.model.Messages;
import io.github.bedrockposthog.internal.text.CappedText;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The mutable record of what a stream has said so far. The dialects report each chunk into it;
 * {@link #snapshot()} freezes it into a {@link StreamResult}.
 *
 * <p>Not thread-safe: {@link EventStreamTap} guards every access with its lock.
 */
final class StreamAccumulator implements ChunkSink {

    /** Bounds the tool list: a runaway stream must not grow memory without limit. */
    static final int MAX_TOOL_CALLS = 64;

    private static final String GUARDRAIL_INTERVENED_STOP = "guardrail_intervened";
    private static final String GUARDRAIL_INTERVENED = "INTERVENED";
    private static final String GUARDRAIL_NONE = "NONE";

    private final CappedText text;
    private final Runnable onFirstText;
    private boolean sawText;

    // Two tiers of token counts: what the model body says, and what Bedrock itself reports
    // (amazon-bedrock-invocationMetrics, ConverseStream metadata.usage). The latter wins field by field.
    private Long bodyInput;
    private Long bodyOutput;
    private Long bodyCacheRead;
    private Long bodyCacheWrite;
    private Long reportedInput;
    private Long reportedOutput;
    private Long reportedCacheRead;
    private Long reportedCacheWrite;

    private String stopReason;
    private String exceptionType;
    private String exceptionMessage;
    private int frames;
    private boolean corrupt;
    /** The family's final event arrived (cut-off streams, #13). */
    private boolean sawFinalEvent;
    /** Frames too large for the scratch budget, passed on unread. */
    private int skippedFrames;
    /** Tool calls as {id, name, arguments so far}; the arguments share the text's character budget. */
    private List<String[]> toolCalls;
    private List<StringBuilder> toolArguments;
    private final int maxTextChars;
    private int toolArgumentChars;
    private String guardrailAction;
    private Long invocationLatencyMs;
    private Long firstByteLatencyMs;
    // converse fidelity / conformance (#13)
    private final CappedText reasoning;
    private boolean sawOutput;
    private String invokedModelId;
    private Long cacheWrite1h;

    StreamAccumulator(int maxTextChars, Runnable onFirstText) {
        this.text = new CappedText(maxTextChars);
        this.maxTextChars = maxTextChars;
        this.onFirstText = onFirstText;
        this.reasoning = new CappedText(maxTextChars);
    }

    /** A generated text fragment; the first non-empty one runs the first-text callback, once. */
    @Override
    public void text(String fragment) {
        if (fragment == null || fragment.isEmpty()) {
            return;
        }
        text.append(fragment);
        sawText = true;
        firstOutput();
    }

    /**
     * Runs the first-output callback once: at the first answer text, reasoning fragment or tool-use start or
     * delta, whichever comes first (the time to first token counts any output the model streams).
     */
    private void firstOutput() {
        if (!sawOutput) {
            sawOutput = true;
            if (onFirstText != null) {
                try {
                    onFirstText.run();
                } catch (Throwable ignored) {
                    // The callback belongs to the caller; its failure must not stop the accounting.
                }
            }
        }
    }

    // --- converse fidelity / conformance (#13)
    @Override
    public void reasoning(String fragment) {
        if (fragment == null || fragment.isEmpty()) {
            return;
        }
        reasoning.append(fragment);
        firstOutput();
    }

    @Override
    public void invokedModel(String modelId) {
        if (modelId != null && !modelId.isEmpty()) {
            invokedModelId = modelId;
        }
    }

    @Override
    public void cacheWrite1h(Long tokens) {
        cacheWrite1h = latest(cacheWrite1h, tokens);
    }

    /** Token counts; {@code null} arguments leave the earlier value. Later values replace earlier ones. */
    @Override
    public void usage(Long input, Long output, Long cacheRead, Long cacheWrite, boolean reportedByService) {
        if (reportedByService) {
            reportedInput = latest(reportedInput, input);
            reportedOutput = latest(reportedOutput, output);
            reportedCacheRead = latest(reportedCacheRead, cacheRead);
            reportedCacheWrite = latest(reportedCacheWrite, cacheWrite);
        } else {
            bodyInput = latest(bodyInput, input);
            bodyOutput = latest(bodyOutput, output);
            bodyCacheRead = latest(bodyCacheRead, cacheRead);
            bodyCacheWrite = latest(bodyCacheWrite, cacheWrite);
        }
    }

    /** The stop reason; the last one reported wins, {@code null} is ignored. */
    @Override
    public void stopReason(String reason) {
        if (reason != null) {
            stopReason = reason;
        }
    }

    @Override
    public void toolCall(String id, String name) {
        if (toolCalls == null) {
            toolCalls = new ArrayList<>(2);
            toolArguments = new ArrayList<>(2);
        }
        if (toolCalls.size() < MAX_TOOL_CALLS) {
            toolCalls.add(new String[] {id, name});
            toolArguments.add(null);
        }
        firstOutput();
    }

    @Override
    public void toolArguments(String fragment) {
        if (fragment == null || fragment.isEmpty() || toolCalls == null || toolCalls.size() > MAX_TOOL_CALLS) {
            return;
        }
        int room = maxTextChars - toolArgumentChars;
        if (room <= 0) {
            return;
        }
        firstOutput();
        String kept = fragment.length() <= room ? fragment : fragment.substring(0, room);
        int last = toolArguments.size() - 1;
        StringBuilder arguments = toolArguments.get(last);
        if (arguments == null) {
            arguments = new StringBuilder(kept.length());
            toolArguments.set(last, arguments);
        }
        arguments.append(kept);
        toolArgumentChars += kept.length();
    }

    /** A guardrail action; an intervention is never overwritten by a later {@code NONE}. */
    @Override
    public void guardrailAction(String action) {
        if (action != null && (guardrailAction == null || GUARDRAIL_NONE.equals(guardrailAction))) {
            guardrailAction = action;
        }
    }

    /** Service-side latencies; {@code null} arguments leave the earlier value. */
    @Override
    public void latencies(Long invocationMs, Long firstByteMs) {
        invocationLatencyMs = latest(invocationLatencyMs, invocationMs);
        firstByteLatencyMs = latest(firstByteLatencyMs, firstByteMs);
    }

    /** A mid-stream exception frame. */
    @Override
    public void exception(String type, String message) {
        exceptionType = type;
        exceptionMessage = message;
    }

    /** The family's final event: the stream is whole. */
    @Override
    public void finalEvent() {
        sawFinalEvent = true;
    }

    /** Counts one decoded frame. */
    void frame() {
        frames++;
    }

    /** A frame the scratch budget could not hold went by unread: the text is incomplete. */
    void frameSkipped() {
        skippedFrames++;
    }

    /** Marks the byte stream as undecodable. */
    void corrupt() {
        corrupt = true;
    }

    boolean isCorrupt() {
        return corrupt;
    }

    /**
     * Freezes the current state.
     *
     * @param partialFrame whether the decoder holds the start of a frame that has not arrived whole
     */
    StreamResult snapshot(boolean partialFrame) {
        ModelOutput output = new ModelOutput(
                sawText ? text.toString() : null,
                first(reportedInput, bodyInput),
                first(reportedOutput, bodyOutput),
                first(reportedCacheRead, bodyCacheRead),
                first(reportedCacheWrite, bodyCacheWrite),
                stopReason);
        List<java.util.Map<String, Object>> tools = Collections.emptyList();
        if (toolCalls != null) {
            tools = new ArrayList<>(toolCalls.size());
            for (int i = 0; i < toolCalls.size(); i++) {
                StringBuilder arguments = toolArguments.get(i);
                tools.add(Messages.toolCall(toolCalls.get(i)[0], toolCalls.get(i)[1],
                        arguments == null ? null : arguments.toString()));
            }
            tools = Collections.unmodifiableList(tools);
        }
        String guardrail = guardrailAction;
        if (guardrail == null && GUARDRAIL_INTERVENED_STOP.equals(stopReason)) {
            // ConverseStream reports the intervention only through its stop reason.
            guardrail = GUARDRAIL_INTERVENED;
        }
        StreamResult result = new StreamResult(output, text.truncated() || skippedFrames > 0, exceptionType,
                exceptionMessage, sawText, frames, corrupt, tools, guardrail, invocationLatencyMs, firstByteLatencyMs,
                reportedInput != null || reportedOutput != null, incompleteReason(partialFrame));
        result.converseFidelity(reasoning.length() > 0 ? reasoning.toString() : null, invokedModelId, cacheWrite1h);
        return result;
    }

    /** Why the stream is not whole, or {@code null}: an exception frame is an end of its own. */
    private String incompleteReason(boolean partialFrame) {
        if (exceptionType != null) {
            return null;
        }
        if (corrupt) {
            return "The event stream could not be decoded (bad checksum or framing)";
        }
        if (partialFrame) {
            return "The stream ended inside an event-stream frame";
        }
        // A frame skipped for want of scratch memory may have been the final event: unknown is not incomplete.
        return sawFinalEvent || skippedFrames > 0 ? null : "The stream ended before its final event";
    }

    private static Long latest(Long current, Long update) {
        return update != null ? update : current;
    }

    private static Long first(Long preferred, Long fallback) {
        return preferred != null ? preferred : fallback;
    }
}
