package io.github.bedrockposthog.internal.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Bedrock call, normalised: what was asked, what came back, what it cost in tokens, how long it took, whether it
 * failed and who made it. Built once per call (each body parsed at most once, or chunk by chunk by the stream tap)
 * by {@code internal.call.CallRecord} with the model family's dialect; both event schemas render it. Holds no SDK
 * type: messages, parameters and tools are plain maps and lists in {@link Messages}' shape. Absent facts are
 * {@code null} (lists: empty). Immutable; built with {@link Builder}.
 */
public final class LlmCall {

    // --- what and who
    public final Operation operation;
    /** The model id exactly as the app passed it. */
    public final String modelId;
    /** The foundation-model id (geo prefix and ARN stripped), or an opaque ARN's tail; for {@code model}. */
    public final String model;
    public final boolean stream;
    public final String distinctId;
    public final Map<String, Object> userProperties;
    public final String traceId;

    // --- pricing inputs (read from the SDK objects by the call layer; priced by the renderers)
    /** The client's region, e.g. {@code us-east-1}; {@code null} when unknown. */
    public final String region;
    /** The service tier that served the call (else the one asked for), lower case; {@code null} when not set. */
    public final String serviceTier;
    /** Latency-optimized inference ({@code performanceConfig.latency = optimized}). */
    public final boolean latencyOptimized;
    /** The TTL the request's cache points asked for ({@code 5m}, {@code 1h}, {@code mixed}); {@code null} unless written. */
    public final String cacheTtl;
    /** Cache-write tokens Bedrock reports written with a 1-hour TTL; {@code null} when not split by TTL. */
    public final Long cacheWrite1hTokens;
    /** Whether the model id names no model (an application profile, provisioned or imported model ARN). */
    public final boolean modelOpaque;

    // --- input
    /** The last user turn's text ({@code prompt} of {@code bedrock_*}). */
    public final String prompt;
    /** System prompt, history, tool calls and tool results as {@link Messages}; {@code null} when unreadable. */
    public final List<Map<String, Object>> inputMessages;
    /** Generation parameters under one spelling: max_tokens, temperature, top_p, top_k, stop_sequences. */
    public final Map<String, Object> parameters;
    /** Declared tools as {@code {name, description, input_schema}}. */
    public final List<Map<String, Object>> tools;

    // --- output
    public final String generation;
    public final boolean generationTruncated;
    /** Tool calls the model made, {@code {type: function, id, function: {name, arguments}}}. */
    public final List<Map<String, Object>> toolCalls;
    public final Long inputTokens;
    public final Long outputTokens;
    public final Long cacheReadInputTokens;
    public final Long cacheWriteInputTokens;
    public final UsageSource usageSource;
    public final String stopReason;
    /** Guardrail action ({@code INTERVENED}/{@code NONE}), or {@code null}. */
    public final String guardrailAction;

    // --- timing and transport
    public final double responseTimeMillis;
    public final Double timeToFirstTokenMillis;
    public final Long invocationLatencyMillis;
    public final int attempts;
    public final String requestId;
    public final Integer httpStatus;
    public final boolean streamCancelled;

    // --- failure
    /** The failure, or {@code null} for a completion. */
    public final Throwable error;
    /** The AWS error code (e.g. {@code ThrottlingException}) when known. */
    public final String errorType;
    /** A short error name overriding the exception's class name (mid-stream exception frames). */
    public final String errorName;
    /** A message overriding the exception's own. */
    public final String errorMessage;

    // --- converse fidelity / conformance (#13)
    /** The model a prompt router chose ({@code trace.promptRouter.invokedModelId}); {@code null} when not routed. */
    public final String invokedModelId;
    /** The model's reasoning (Converse {@code reasoningContent}, Anthropic {@code thinking}), kept out of the answer. */
    public final String reasoning;
    /** The endpoint the client sent the call to, {@code scheme://host[:port]}; {@code null} when unknown. */
    public final String baseUrl;
    // operation kind (#13): what the call does, and the facts of the non-text kinds (never a vector or an image)
    /** Text, embedding, image or rerank; never {@code null} ({@link OperationKind#TEXT} unless known otherwise). */
    public final OperationKind operationKind;
    /** Images generated (else asked for); {@code null} unless an image call. */
    public final Integer imageCount;
    /** Requested image width and height in pixels; {@code null} when the request does not say. */
    public final Integer imageWidth;
    public final Integer imageHeight;
    /** Documents a rerank call ranked; {@code null} unless a rerank call. */
    public final Integer documentCount;
    // cut-off streams (#13)
    /** The error name of a stream that ended without its family's final event (and the app did not cancel it). */
    public static final String INCOMPLETE_STREAM = "IncompleteStream";
    /**
     * A stream that ended without its family's final event, inside a frame or undecodable, and not because the app
     * cancelled it: {@code generation} and tokens are what arrived before the cut.
     */
    public final boolean streamIncomplete;

    private LlmCall(Builder b) {
        this.operation = b.operation;
        this.modelId = b.modelId;
        this.model = b.model;
        this.stream = b.operation != null && b.operation.streaming();
        this.distinctId = b.distinctId;
        this.userProperties = b.userProperties == null ? Collections.<String, Object>emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.userProperties));
        this.traceId = b.traceId;
        this.region = b.region;
        this.serviceTier = b.serviceTier;
        this.latencyOptimized = b.latencyOptimized;
        this.cacheTtl = b.cacheTtl;
        this.cacheWrite1hTokens = b.cacheWrite1hTokens;
        this.modelOpaque = b.modelOpaque;
        this.prompt = b.prompt;
        this.inputMessages = b.inputMessages;
        this.parameters = b.parameters == null ? Collections.<String, Object>emptyMap() : b.parameters;
        this.tools = listOrEmpty(b.tools);
        this.generation = b.generation;
        this.generationTruncated = b.generationTruncated;
        this.toolCalls = listOrEmpty(b.toolCalls);
        this.inputTokens = b.inputTokens;
        this.outputTokens = b.outputTokens;
        this.cacheReadInputTokens = b.cacheReadInputTokens;
        this.cacheWriteInputTokens = b.cacheWriteInputTokens;
        this.usageSource = b.usageSource;
        this.stopReason = b.stopReason;
        this.guardrailAction = b.guardrailAction;
        this.responseTimeMillis = b.responseTimeMillis;
        this.timeToFirstTokenMillis = b.timeToFirstTokenMillis;
        this.invocationLatencyMillis = b.invocationLatencyMillis;
        this.attempts = b.attempts;
        this.requestId = b.requestId;
        this.httpStatus = b.httpStatus;
        this.streamCancelled = b.streamCancelled;
        this.error = b.error;
        this.errorType = b.errorType;
        this.errorName = b.errorName;
        this.errorMessage = b.errorMessage;
        // converse fidelity / conformance (#13)
        this.invokedModelId = b.invokedModelId;
        this.reasoning = b.reasoning;
        this.baseUrl = b.baseUrl;
        // operation kind (#13)
        this.operationKind = b.operationKind == null ? OperationKind.TEXT : b.operationKind;
        this.imageCount = b.imageCount;
        this.imageWidth = b.imageWidth;
        this.imageHeight = b.imageHeight;
        this.documentCount = b.documentCount;
        this.streamIncomplete = b.streamIncomplete; // cut-off streams (#13)
    }

    private static List<Map<String, Object>> listOrEmpty(List<Map<String, Object>> list) {
        return list == null || list.isEmpty() ? Collections.<Map<String, Object>>emptyList()
                : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** True when a guardrail intervened ({@link #guardrailAction} {@code INTERVENED}, any case). */
    public boolean guardrailIntervened() {
        return "INTERVENED".equalsIgnoreCase(guardrailAction);
    }

    /** The requested image size as {@code <width>x<height>}, e.g. {@code 1280x768}; {@code null} unless both are known. */
    public String imageSize() {
        return imageWidth != null && imageHeight != null ? imageWidth + "x" + imageHeight : null;
    }

    /** True for a failed call ({@code bedrock_error}). */
    public boolean failed() {
        return error != null || errorName != null;
    }

    /** Mutable collector of a call's facts; the hooks, the dialects and the stream tap fill it in. */
    public static final class Builder {
        public Operation operation;
        public String modelId;
        public String model;
        public String distinctId;
        public Map<String, Object> userProperties;
        public String traceId;
        public String region;
        public String serviceTier;
        public boolean latencyOptimized;
        public String cacheTtl;
        public Long cacheWrite1hTokens;
        public boolean modelOpaque;
        public String prompt;
        public List<Map<String, Object>> inputMessages;
        public Map<String, Object> parameters;
        public List<Map<String, Object>> tools;
        public String generation;
        public boolean generationTruncated;
        public List<Map<String, Object>> toolCalls;
        public Long inputTokens;
        public Long outputTokens;
        public Long cacheReadInputTokens;
        public Long cacheWriteInputTokens;
        public UsageSource usageSource;
        public String stopReason;
        public String guardrailAction;
        public double responseTimeMillis;
        public Double timeToFirstTokenMillis;
        public Long invocationLatencyMillis;
        public int attempts;
        public String requestId;
        public Integer httpStatus;
        public boolean streamCancelled;
        public Throwable error;
        public String errorType;
        public String errorName;
        public String errorMessage;
        // converse fidelity / conformance (#13)
        public String invokedModelId;
        public String reasoning;
        public String baseUrl;
        // operation kind (#13)
        public OperationKind operationKind;
        public Integer imageCount;
        public Integer imageWidth;
        public Integer imageHeight;
        public Integer documentCount;
        /** Cut-off streams (#13): see {@link LlmCall#streamIncomplete}. */
        public boolean streamIncomplete;

        /** Adds one tool call the model made. */
        public Builder toolCall(String id, String name, String argumentsJson) {
            if (toolCalls == null) {
                toolCalls = new ArrayList<>(2);
            }
            toolCalls.add(Messages.toolCall(id, name, argumentsJson));
            return this;
        }

        /**
         * Cuts every text longer than {@code maxChars} (prompt, generation, reasoning, error message, and the
         * message and tool-call texts) to its first {@code maxChars} characters. The renderers keep at most one
         * character less and show the redactor at most these, so the events do not change; but a record waiting
         * for the delivery thread holds a bounded amount of text, not a 15 MB body's.
         */
        public Builder boundTexts(int maxChars) {
            prompt = TextBound.of(prompt, maxChars);
            generation = TextBound.of(generation, maxChars);
            reasoning = TextBound.of(reasoning, maxChars);
            errorMessage = TextBound.of(errorMessage, maxChars);
            TextBound.inTree(inputMessages, maxChars);
            TextBound.inTree(toolCalls, maxChars);
            return this;
        }

        /** The call's facts, frozen. */
        public LlmCall build() {
            return new LlmCall(this);
        }
    }
}
