package io.github.bedrockposthog.internal.call;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The immutable result of one observed Bedrock call, handed from the hooks to the event mapper. Absent
 * facts are {@code null}. Built with {@link Builder}.
 */
public final class Observation {

    public final String operation;
    public final String modelId;
    /** The client's region ({@code AwsExecutionAttribute.AWS_REGION}), for pricing; {@code null} when unknown. */
    public final String region;
    public final boolean stream;
    public final String distinctId;
    public final Map<String, Object> userProperties;
    public final String traceId;
    public final String prompt;
    public final String generation;
    public final boolean generationTruncated;
    public final Long inputTokens;
    public final Long outputTokens;
    public final Long cacheReadInputTokens;
    public final Long cacheWriteInputTokens;
    public final String stopReason;
    public final double responseTimeMillis;
    public final Double timeToFirstTokenMillis;
    public final int attempts;
    public final String requestId;
    public final Integer httpStatus;
    public final Long invocationLatencyMillis;
    public final boolean streamCancelled;
    /** The failure, or {@code null} for a completion. */
    public final Throwable error;
    /** For a failure: the AWS error code (e.g. {@code ThrottlingException}) when known. */
    public final String errorType;
    /** For a failure: a short error name overriding the exception's class name (mid-stream exception frames). */
    public final String errorName;
    /** For a failure: a message overriding the exception's own. */
    public final String errorMessage;
    /** The SDK request object (InvokeModelRequest, ConverseRequest, …), for schemas that need more of it. */
    public final Object request;
    /** The SDK response object, or {@code null} for a failure. Stream responses carry no content. */
    public final Object response;
    /** Tool names a stream announced (ConverseStream {@code toolUse}); empty otherwise. */
    public final java.util.List<String> streamToolNames;
    /** Guardrail action ({@code INTERVENED}/{@code NONE}) from a stream, an InvokeModel body or a Converse stop reason; or {@code null}. */
    public final String guardrailAction;

    private Observation(Builder b) {
        this.operation = b.operation;
        this.modelId = b.modelId;
        this.region = b.region;
        this.stream = b.stream;
        this.distinctId = b.distinctId;
        this.userProperties = b.userProperties == null ? Collections.<String, Object>emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.userProperties));
        this.traceId = b.traceId;
        this.prompt = b.prompt;
        this.generation = b.generation;
        this.generationTruncated = b.generationTruncated;
        this.inputTokens = b.inputTokens;
        this.outputTokens = b.outputTokens;
        this.cacheReadInputTokens = b.cacheReadInputTokens;
        this.cacheWriteInputTokens = b.cacheWriteInputTokens;
        this.stopReason = b.stopReason;
        this.responseTimeMillis = b.responseTimeMillis;
        this.timeToFirstTokenMillis = b.timeToFirstTokenMillis;
        this.attempts = b.attempts;
        this.requestId = b.requestId;
        this.httpStatus = b.httpStatus;
        this.invocationLatencyMillis = b.invocationLatencyMillis;
        this.streamCancelled = b.streamCancelled;
        this.error = b.error;
        this.errorType = b.errorType;
        this.errorName = b.errorName;
        this.errorMessage = b.errorMessage;
        this.request = b.request;
        this.response = b.response;
        this.streamToolNames = b.streamToolNames == null ? Collections.<String>emptyList()
                : Collections.unmodifiableList(new java.util.ArrayList<>(b.streamToolNames));
        this.guardrailAction = b.guardrailAction;
    }

    /** True for a failed call ({@code bedrock_error}). */
    public boolean failed() {
        return error != null || errorName != null;
    }

    /** Mutable collector of an observation's facts. */
    public static final class Builder {
        public String operation;
        public String modelId;
        public String region;
        public boolean stream;
        public String distinctId;
        public Map<String, Object> userProperties;
        public String traceId;
        public String prompt;
        public String generation;
        public boolean generationTruncated;
        public Long inputTokens;
        public Long outputTokens;
        public Long cacheReadInputTokens;
        public Long cacheWriteInputTokens;
        public String stopReason;
        public double responseTimeMillis;
        public Double timeToFirstTokenMillis;
        public int attempts;
        public String requestId;
        public Integer httpStatus;
        public Long invocationLatencyMillis;
        public boolean streamCancelled;
        public Throwable error;
        public String errorType;
        public String errorName;
        public String errorMessage;
        public Object request;
        public Object response;
        public java.util.List<String> streamToolNames;
        public String guardrailAction;

        public Observation build() {
            return new Observation(this);
        }
    }
}
