package io.github.bedrockposthog.internal.call;

import io.github.bedrockposthog.internal.bedrock.ConverseReader;
import io.github.bedrockposthog.internal.bedrock.GuardrailAction;
import io.github.bedrockposthog.internal.bedrock.InvokeModelReader;
import io.github.bedrockposthog.internal.bedrock.ModelId;
import io.github.bedrockposthog.internal.bedrock.ModelOutput;
import io.github.bedrockposthog.internal.bedrock.UsageHeaders;
import io.github.bedrockposthog.internal.stream.EventStreamTap;
import io.github.bedrockposthog.internal.stream.StreamResult;
import io.github.bedrockposthog.internal.stream.TappedPublisher;
import org.reactivestreams.Publisher;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-call state, created in {@code beforeExecution} and finished exactly once in {@code afterExecution} or
 * {@code onExecutionFailure}. Hooks of one call may run on different threads (caller, Netty event loop,
 * SDK response threads): fields written by one hook and read by a later one are volatile or atomic.
 */
public final class CallRecord {

    /** The four Bedrock Runtime operations we observe. */
    public static final String INVOKE_MODEL = "InvokeModel";
    public static final String CONVERSE = "Converse";
    public static final String INVOKE_MODEL_STREAM = "InvokeModelWithResponseStream";
    public static final String CONVERSE_STREAM = "ConverseStream";

    private final long startNanos;
    private final String operation;
    private final SdkRequest request;
    private final String modelId;
    private final String distinctId;
    private final Map<String, Object> userProperties;
    private final String traceId;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Object owner;
    private volatile boolean explicitOwner;
    private volatile SdkHttpResponse lastHttpResponse;
    /** The latest attempt's stream tap (a retried stream starts a new one). */
    private volatile EventStreamTap tap;
    private volatile TappedPublisher tappedPublisher;
    private volatile long firstTextNanos;
    /** The client's region, for pricing (set in beforeExecution). */
    private volatile String region;

    public CallRecord(Object owner, boolean explicitOwner, long startNanos, String operation, SdkRequest request,
                      String distinctId, Map<String, Object> userProperties, String traceId) {
        this.owner = owner;
        this.explicitOwner = explicitOwner;
        this.startNanos = startNanos;
        this.operation = operation;
        this.request = request;
        this.modelId = modelIdOf(request);
        this.distinctId = distinctId;
        this.userProperties = userProperties;
        this.traceId = traceId;
    }

    /** True for the operations this library observes. */
    public static boolean observed(String operation) {
        return INVOKE_MODEL.equals(operation) || CONVERSE.equals(operation)
                || INVOKE_MODEL_STREAM.equals(operation) || CONVERSE_STREAM.equals(operation);
    }

    private static String modelIdOf(SdkRequest request) {
        if (request instanceof InvokeModelRequest) {
            return ((InvokeModelRequest) request).modelId();
        }
        if (request instanceof ConverseRequest) {
            return ((ConverseRequest) request).modelId();
        }
        if (request instanceof InvokeModelWithResponseStreamRequest) {
            return ((InvokeModelWithResponseStreamRequest) request).modelId();
        }
        if (request instanceof ConverseStreamRequest) {
            return ((ConverseStreamRequest) request).modelId();
        }
        return null;
    }

    /** Records the client's region ({@code AwsExecutionAttribute.AWS_REGION}), which prices depend on. */
    public void region(String region) {
        this.region = region;
    }

    /** The interceptor instance that reports this call: with two on one client, the explicit one. */
    public Object owner() {
        return owner;
    }

    public boolean explicitOwner() {
        return explicitOwner;
    }

    /** An explicitly registered interceptor takes the call over from the zero-code one. */
    public void takeOver(Object explicitInterceptor) {
        this.owner = explicitInterceptor;
        this.explicitOwner = true;
    }

    public String operation() {
        return operation;
    }

    public SdkRequest request() {
        return request;
    }

    /** Counts one HTTP attempt (retries included). */
    public void attemptStarted() {
        attempts.incrementAndGet();
    }

    /** Remembers the latest attempt's status and headers. */
    public void httpResponse(SdkHttpResponse response) {
        if (response != null) {
            lastHttpResponse = response;
        }
    }

    /** Claims the right to report this call; true exactly once. */
    public boolean finish() {
        return finished.compareAndSet(false, true);
    }

    /**
     * Wraps an event-stream response body so its frames are decoded as they pass; the bytes reach the SDK
     * unchanged. One tap per attempt: a retried stream replaces the previous attempt's.
     */
    public Publisher<ByteBuffer> tapStream(Publisher<ByteBuffer> body, int maxTextChars) {
        EventStreamTap newTap = new EventStreamTap(maxTextChars, new Runnable() {
            @Override
            public void run() {
                firstTextNanos = System.nanoTime();
            }
        });
        TappedPublisher publisher = new TappedPublisher(body, newTap);
        firstTextNanos = 0L;
        tap = newTap;
        tappedPublisher = publisher;
        return publisher;
    }

    /** Copies what the stream tap saw: text, tokens, stop reason, time to first token, cancellation, exception frames. */
    private void applyStream(Observation.Builder b) {
        EventStreamTap currentTap = tap;
        if (currentTap == null) {
            return;
        }
        StreamResult result = currentTap.result();
        apply(b, result.output());
        b.generationTruncated = result.textTruncated();
        b.streamToolNames = result.toolNames();
        b.guardrailAction = result.guardrailAction();
        long first = firstTextNanos;
        if (first != 0L) {
            b.timeToFirstTokenMillis = (first - startNanos) / 1_000_000.0;
        }
        if (b.invocationLatencyMillis == null) {
            b.invocationLatencyMillis = result.invocationLatencyMs();
        }
        TappedPublisher publisher = tappedPublisher;
        if (publisher != null && publisher.cancelled() && result.exceptionType() == null) {
            b.streamCancelled = true;
        }
        if (result.exceptionType() != null) {
            b.errorName = capitalize(result.exceptionType());
            b.errorType = b.errorName;
            b.errorMessage = result.exceptionMessage();
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The observation of a successful call. {@code http} may be null. */
    public Observation.Builder success(SdkResponse response, SdkHttpResponse http, long endNanos) {
        SdkHttpResponse headers = http != null ? http : lastHttpResponse;
        Observation.Builder b = common(endNanos, headers);
        b.response = response;
        ModelOutput output = ModelOutput.EMPTY;
        if (response instanceof InvokeModelResponse) {
            SdkBytes body = ((InvokeModelResponse) response).body();
            output = InvokeModelReader.output(ModelId.parse(modelId), body == null ? null : body.asByteArrayUnsafe(), headers);
        } else if (response instanceof ConverseResponse) {
            output = UsageHeaders.preferHeaders(ConverseReader.output((ConverseResponse) response), headers);
            if (b.invocationLatencyMillis == null) {
                b.invocationLatencyMillis = ConverseReader.latencyMillis((ConverseResponse) response);
            }
        }
        apply(b, output);
        if (b.stream) {
            applyStream(b);
        }
        if (b.guardrailAction == null) { // streams report it themselves
            b.guardrailAction = guardrailAction(response, b.stopReason);
        }
        return b;
    }

    /** The guardrail action of a sync answer: InvokeModel bodies name it, Converse stops with guardrail_intervened. */
    private static String guardrailAction(SdkResponse response, String stopReason) {
        if (response instanceof InvokeModelResponse) {
            SdkBytes body = ((InvokeModelResponse) response).body();
            String action = GuardrailAction.fromInvokeModelBody(body == null ? null : body.asByteArrayUnsafe());
            if (action != null) {
                return action;
            }
        }
        return GuardrailAction.fromStopReason(stopReason);
    }

    /** The observation of a failed call. {@code http} may be null (no response arrived). */
    public Observation.Builder failure(Throwable exception, SdkHttpResponse http, long endNanos) {
        SdkHttpResponse headers = http != null ? http : lastHttpResponse;
        Observation.Builder b = common(endNanos, headers);
        Throwable cause = unwrap(exception);
        if (b.stream) {
            applyStream(b); // partial generation and tokens seen before the failure
            b.streamCancelled = false;
        }
        b.error = cause;
        if (cause instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) cause;
            if (service.statusCode() > 0) {
                b.httpStatus = service.statusCode();
            }
            if (service.awsErrorDetails() != null) {
                if (service.awsErrorDetails().errorCode() != null) {
                    b.errorType = service.awsErrorDetails().errorCode();
                }
                if (service.awsErrorDetails().errorMessage() != null) {
                    b.errorMessage = service.awsErrorDetails().errorMessage();
                }
            }
            b.errorName = null; // the exception's own class name is the most precise
            if (service.requestId() != null) {
                b.requestId = service.requestId();
            }
        }
        return b;
    }

    /** Sets the facts every observation has. */
    private Observation.Builder common(long endNanos, SdkHttpResponse headers) {
        Observation.Builder b = new Observation.Builder();
        b.operation = operation;
        b.modelId = modelId;
        b.region = region;
        b.stream = INVOKE_MODEL_STREAM.equals(operation) || CONVERSE_STREAM.equals(operation);
        b.distinctId = distinctId;
        b.userProperties = userProperties;
        b.traceId = traceId;
        b.responseTimeMillis = (endNanos - startNanos) / 1_000_000.0;
        b.attempts = attempts.get();
        if (headers != null) {
            b.httpStatus = headers.statusCode();
            b.requestId = UsageHeaders.requestId(headers);
            b.invocationLatencyMillis = UsageHeaders.number(headers, UsageHeaders.INVOCATION_LATENCY);
        }
        b.prompt = prompt();
        b.request = request;
        return b;
    }

    private String prompt() {
        if (request instanceof InvokeModelRequest) {
            SdkBytes body = ((InvokeModelRequest) request).body();
            return InvokeModelReader.prompt(ModelId.parse(modelId), body == null ? null : body.asByteArrayUnsafe());
        }
        if (request instanceof InvokeModelWithResponseStreamRequest) {
            SdkBytes body = ((InvokeModelWithResponseStreamRequest) request).body();
            return InvokeModelReader.prompt(ModelId.parse(modelId), body == null ? null : body.asByteArrayUnsafe());
        }
        return ConverseReader.prompt(request);
    }

    /** Copies a model output into an observation. */
    public static void apply(Observation.Builder b, ModelOutput output) {
        b.generation = output.text();
        b.inputTokens = output.inputTokens();
        b.outputTokens = output.outputTokens();
        b.cacheReadInputTokens = output.cacheReadInputTokens();
        b.cacheWriteInputTokens = output.cacheWriteInputTokens();
        b.stopReason = output.stopReason();
    }

    public long startNanos() {
        return startNanos;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
