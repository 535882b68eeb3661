package io.github.bedrockposthog.internal.call;

import io.github.bedrockposthog.internal.bedrock.ConverseDialect;
import io.github.bedrockposthog.internal.bedrock.Dialect;
import io.github.bedrockposthog.internal.bedrock.Dialects;
import io.github.bedrockposthog.internal.bedrock.GuardrailAction;
import io.github.bedrockposthog.internal.bedrock.ModelId;
import io.github.bedrockposthog.internal.bedrock.ModelOutput;
import io.github.bedrockposthog.internal.bedrock.OperationKinds;
import io.github.bedrockposthog.internal.bedrock.UsageHeaders;
import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.PendingCall;
import io.github.bedrockposthog.internal.pricing.SdkPricingInputs;
import io.github.bedrockposthog.internal.model.Operation;
import io.github.bedrockposthog.internal.model.UsageSource;
import io.github.bedrockposthog.internal.stream.EventStreamTap;
import io.github.bedrockposthog.internal.stream.StreamResult;
import io.github.bedrockposthog.internal.stream.TappedPublisher;
import org.reactivestreams.Publisher;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;

import java.nio.ByteBuffer;
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

    /** Bodies larger than this are read on the app's thread, so their bytes do not wait in the delivery queue. */
    static final long MAX_DEFERRED_BODY_BYTES = 256 * 1024;
    /** The call record, the SDK's request and response objects and headers beside the bodies. */
    private static final long PENDING_OVERHEAD_BYTES = 8192; // measured ≈ 6 KB beside a 2 KB body: kept conservative
    /** Heap of the SDK's Converse object trees per byte of JSON they came from. */
    private static final int CONVERSE_TREE_FACTOR = 4;
    private static final String CONTENT_LENGTH = "Content-Length";

    private final long startNanos;
    private final Operation operation;
    private final SdkRequest request;
    private final String modelId;
    private final ModelId parsedModelId;
    private final CallAttribution attribution;
    /** The InvokeModel request body, parsed at most once ({@link #requestBody()}); counted for the tests. */
    private Object requestBody;
    private boolean requestBodyParsed;
    private int bodyParses;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Object owner;
    private volatile boolean explicitOwner;
    private volatile SdkHttpResponse lastHttpResponse;
    /** The latest attempt's stream tap (a retried stream starts a new one). */
    private volatile EventStreamTap tap;
    private volatile TappedPublisher tappedPublisher;
    private volatile long firstTextNanos;
    /** The base URL built last, in any call (immutable, so a racy read is safe). */
    private static volatile BaseUrl lastBaseUrl;
    /** The latest attempt's request: its endpoint ({@code $ai_base_url}) and size. */
    private volatile SdkHttpRequest lastHttpRequest;
    /** The client's region, for pricing (set in beforeExecution). */
    private volatile String region;

    public CallRecord(Object owner, boolean explicitOwner, long startNanos, Operation operation, SdkRequest request,
                      CallAttribution attribution) {
        this.owner = owner;
        this.explicitOwner = explicitOwner;
        this.startNanos = startNanos;
        this.operation = operation;
        this.request = request;
        this.modelId = modelIdOf(request);
        this.parsedModelId = ModelId.parse(modelId);
        this.attribution = attribution;
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

    public Operation operation() {
        return operation;
    }

    public SdkRequest request() {
        return request;
    }

    /** Counts one HTTP attempt (retries included). */
    public void attemptStarted() {
        attempts.incrementAndGet();
    }

    /** Remembers the latest attempt's HTTP request: its endpoint and size are read when the record is built. */
    public void httpRequest(SdkHttpRequest request) {
        if (request != null) {
            lastHttpRequest = request;
        }
    }

    /** {@code scheme://host[:port]} of the latest attempt, no path or query; {@code null} before one. */
    private String baseUrl() {
        SdkHttpRequest request = lastHttpRequest;
        if (request == null) {
            return null;
        }
        String protocol = request.protocol();
        String host = request.host();
        int port = request.port();
        BaseUrl last = lastBaseUrl;
        if (last != null && last.port == port && last.host.equals(host) && last.protocol.equals(protocol)) {
            return last.url; // a client sends every call to one endpoint: built once, not per call
        }
        boolean defaultPort = port < 0 || ("https".equals(protocol) && port == 443)
                || ("http".equals(protocol) && port == 80);
        String url = protocol + "://" + host + (defaultPort ? "" : ":" + port);
        lastBaseUrl = new BaseUrl(protocol, host, port, url);
        return url;
    }

    /** The endpoint last built into a base URL. */
    private static final class BaseUrl {
        final String protocol;
        final String host;
        final int port;
        final String url;

        BaseUrl(String protocol, String host, int port, String url) {
            this.protocol = protocol;
            this.host = host;
            this.port = port;
            this.url = url;
        }
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
        Dialect dialect = operation == Operation.INVOKE_MODEL_STREAM
                ? Dialects.of(parsedModelId, requestBody(), null) : null;
        EventStreamTap newTap = new EventStreamTap(maxTextChars, dialect, new Runnable() {
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

    /**
     * Copies what the stream tap saw: text, tokens, stop reason, time to first token, cancellation, exception frames.
     * {@code failed}: the call failed, so a cancel of its body was the SDK's own (it cancels a broken connection's
     * body, before or after reporting the failure), not the app letting go.
     */
    private void applyStream(LlmCall.Builder b, boolean failed) {
        EventStreamTap currentTap = tap;
        if (currentTap == null) {
            return;
        }
        StreamResult result = currentTap.result();
        apply(b, result.output());
        if (b.inputTokens != null || b.outputTokens != null) {
            b.usageSource = result.usageReportedByService() ? UsageSource.INVOCATION_METRICS : UsageSource.BODY;
        }
        b.generationTruncated = result.textTruncated();
        b.toolCalls = result.toolCalls();
        b.guardrailAction = result.guardrailAction();
        // converse fidelity / conformance (#13, #14)
        b.reasoning = result.reasoning();
        b.invokedModelId = result.invokedModelId();
        b.cacheWrite1hTokens = result.cacheWrite1hTokens();
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
        // cut-off streams (#13): no final event and the app did not cancel (the SDK itself cancels a stream it
        // cannot decode or whose connection broke, so corrupt bytes and failed calls count whoever cancelled); what
        // arrived stays, tokens as seen.
        if (result.incomplete() && (!b.streamCancelled || result.corrupt() || failed)) {
            b.streamCancelled = false;
            b.streamIncomplete = true;
            b.errorName = LlmCall.INCOMPLETE_STREAM;
            b.errorType = LlmCall.INCOMPLETE_STREAM;
            b.errorMessage = result.incompleteReason();
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * A successful sync call whose record can be built later, on the delivery thread: the SDK's request and response
     * objects are immutable, and the call record changes no more once finished. {@code null} when it is better built
     * now: streams (their tap already holds only bounded text) and bodies over {@link #MAX_DEFERRED_BODY_BYTES}, whose
     * bytes should not wait in the queue.
     */
    public PendingCall pendingSuccess(final SdkResponse response, final SdkHttpResponse http, final long endNanos) {
        if (operation.streaming()) {
            return null;
        }
        long bytes = bodyBytes(response, http);
        if (bytes < 0 || bytes > MAX_DEFERRED_BODY_BYTES) {
            return null;
        }
        final long held = PENDING_OVERHEAD_BYTES + bytes;
        return new PendingCall() {
            @Override
            public long heldBytes() {
                return held;
            }

            @Override
            public LlmCall.Builder build() {
                return success(response, http, endNanos);
            }
        };
    }

    /**
     * The heap the call's request and response hold: the InvokeModel bodies' bytes; for Converse, whose bodies the SDK
     * has made into object trees, {@value #CONVERSE_TREE_FACTOR}x the bytes on the wire. -1 when unknown.
     */
    private long bodyBytes(SdkResponse response, SdkHttpResponse http) {
        if (response instanceof InvokeModelResponse && request instanceof InvokeModelRequest) {
            SdkBytes in = ((InvokeModelRequest) request).body();
            SdkBytes out = ((InvokeModelResponse) response).body();
            return (in == null ? 0 : in.asByteBuffer().remaining()) + (out == null ? 0 : out.asByteBuffer().remaining());
        }
        if (response instanceof ConverseResponse) {
            Long in = UsageHeaders.number(lastHttpRequest, CONTENT_LENGTH);
            Long out = UsageHeaders.number(http, CONTENT_LENGTH);
            return in == null || out == null || in < 0 || out < 0 ? -1 : CONVERSE_TREE_FACTOR * (in + out);
        }
        return -1;
    }

    /** The record of a successful call. {@code http} may be null. */
    public LlmCall.Builder success(SdkResponse response, SdkHttpResponse http, long endNanos) {
        SdkHttpResponse headers = http != null ? http : lastHttpResponse;
        LlmCall.Builder b = common(endNanos, headers);
        Long headerLatency = b.invocationLatencyMillis;
        Object responseTree = null;
        if (response instanceof InvokeModelResponse) {
            SdkBytes body = ((InvokeModelResponse) response).body();
            Object responseBody = body == null ? null : parse(body);
            responseTree = responseBody;
            Dialect dialect = Dialects.of(parsedModelId, requestBody(), responseBody);
            b.operationKind = OperationKinds.of(operation, dialect); // operation kind (#13)
            if (dialect != null) {
                dialect.readRequest(requestBody(), b);
                if (responseBody != null) {
                    dialect.readResponse(responseBody, b);
                }
            }
            b.guardrailAction = GuardrailAction.fromInvokeModelBody(responseBody);
            UsageHeaders.preferHeaders(b, headers);
        } else if (response instanceof ConverseResponse) {
            ConverseDialect.readRequest(request, b);
            ConverseDialect.readResponse((ConverseResponse) response, b);
            UsageHeaders.preferHeaders(b, headers);
        } else {
            readRequest(b);
        }
        if (headerLatency != null) {
            b.invocationLatencyMillis = headerLatency;
        }
        if (operation.streaming()) {
            applyStream(b, false);
        }
        if (b.guardrailAction == null) { // streams and InvokeModel bodies report it themselves
            b.guardrailAction = GuardrailAction.fromStopReason(b.stopReason);
        }
        pricingInputs(b, response, responseTree);
        routedModel(b);
        return b;
    }

    /** A prompt router's call is named after the model that answered ({@code model_id} stays the router's). */
    private static void routedModel(LlmCall.Builder b) {
        if (b.invokedModelId != null) {
            ModelId invoked = ModelId.parse(b.invokedModelId);
            b.model = invoked.base();
            b.modelOpaque = invoked.opaque();
        }
    }

    /**
     * What the price depends on beyond model and tokens: service tier, latency mode and, only when the call wrote
     * to the cache, the TTLs asked for and Bedrock's split of the writes by TTL. Reuses the parsed bodies.
     */
    private void pricingInputs(LlmCall.Builder b, SdkResponse response, Object responseTree) {
        b.serviceTier = SdkPricingInputs.serviceTier(response, request);
        b.latencyOptimized = SdkPricingInputs.latencyOptimized(response, request);
        if (b.cacheWriteInputTokens != null && b.cacheWriteInputTokens > 0) {
            b.cacheTtl = SdkPricingInputs.cacheTtlOfTree(request, requestBody());
            Long split = SdkPricingInputs.cacheWrite1hTokensOfTree(response, responseTree);
            if (split != null) { // else a stream's own split (#14), read by the tap
                b.cacheWrite1hTokens = split;
            }
        }
    }

    /** Reads the request alone (failures, streams): the dialect as far as the request shows it. */
    private void readRequest(LlmCall.Builder b) {
        if (operation.converse()) {
            ConverseDialect.readRequest(request, b);
            return;
        }
        Object body = requestBody();
        Dialect dialect = Dialects.of(parsedModelId, body, null);
        b.operationKind = OperationKinds.of(operation, dialect); // operation kind (#13)
        if (dialect != null && body != null) {
            dialect.readRequest(body, b);
        }
    }

    /** The InvokeModel request body as a tree, parsed on first use only; {@code null} for Converse. */
    private synchronized Object requestBody() {
        if (!requestBodyParsed) {
            requestBodyParsed = true;
            SdkBytes body = request instanceof InvokeModelRequest ? ((InvokeModelRequest) request).body()
                    : request instanceof InvokeModelWithResponseStreamRequest
                    ? ((InvokeModelWithResponseStreamRequest) request).body() : null;
            requestBody = body == null ? null : parse(body);
        }
        return requestBody;
    }

    private synchronized Object parse(SdkBytes body) {
        bodyParses++;
        return Json.parse(body.asByteArrayUnsafe());
    }

    /** How many bodies this call has parsed so far: at most one request and one response (a test hook). */
    public synchronized int bodyParses() {
        return bodyParses;
    }

    /** The record of a failed call. {@code http} may be null (no response arrived). */
    public LlmCall.Builder failure(Throwable exception, SdkHttpResponse http, long endNanos) {
        SdkHttpResponse headers = http != null ? http : lastHttpResponse;
        LlmCall.Builder b = common(endNanos, headers);
        readRequest(b);
        Throwable cause = unwrap(exception);
        if (operation.streaming()) {
            applyStream(b, true); // partial generation and tokens seen before the failure
            b.streamCancelled = false;
            if (b.streamIncomplete) {
                b.errorMessage = null; // the failure's own words say why the stream broke off
            }
        }
        pricingInputs(b, null, null);
        routedModel(b);
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

    /** Sets the facts every record has. */
    private LlmCall.Builder common(long endNanos, SdkHttpResponse headers) {
        LlmCall.Builder b = new LlmCall.Builder();
        b.operation = operation;
        b.modelId = modelId;
        b.model = parsedModelId.base();
        b.modelOpaque = parsedModelId.opaque();
        b.distinctId = attribution.distinctId();
        b.userProperties = attribution.properties();
        b.traceId = attribution.traceId();
        b.region = region;
        b.baseUrl = baseUrl();
        b.responseTimeMillis = (endNanos - startNanos) / 1_000_000.0;
        b.attempts = attempts.get();
        if (headers != null) {
            b.httpStatus = headers.statusCode();
            b.requestId = UsageHeaders.requestId(headers);
            b.invocationLatencyMillis = UsageHeaders.number(headers, UsageHeaders.INVOCATION_LATENCY);
        }
        return b;
    }

    /** Copies a stream's output into the record. */
    private static void apply(LlmCall.Builder b, ModelOutput output) {
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
