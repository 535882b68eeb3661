package io.github.bedrockposthog.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One request the {@link BedrockEmulator} received, as the client sent it. Immutable. */
public final class EmulatedRequest {

    /** Operation name of {@code POST /model/{modelId}/invoke}. */
    public static final String INVOKE_MODEL = "InvokeModel";
    /** Operation name of {@code POST /model/{modelId}/converse}. */
    public static final String CONVERSE = "Converse";
    /** Operation name of {@code POST /model/{modelId}/invoke-with-response-stream}. */
    public static final String INVOKE_MODEL_WITH_RESPONSE_STREAM = "InvokeModelWithResponseStream";
    /** Operation name of {@code POST /model/{modelId}/converse-stream}. */
    public static final String CONVERSE_STREAM = "ConverseStream";

    private final String operation;
    private final String modelId;
    private final String method;
    private final String path;
    private final byte[] body;
    private final Map<String, List<String>> headers;
    private final Instant receivedAt;

    EmulatedRequest(String operation, String modelId, String method, String path, byte[] body,
                    Map<String, List<String>> headers, Instant receivedAt) {
        this.operation = operation;
        this.modelId = modelId;
        this.method = method;
        this.path = path;
        this.body = body.clone();
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        this.headers = Collections.unmodifiableMap(copy);
        this.receivedAt = receivedAt;
    }

    /**
     * A request as the emulator would record it, for calling a {@link Responder} directly (for example to take the
     * canned answer and alter it: {@code Responders.canned().respond(EmulatedRequest.of(...)).toBuilder()}).
     *
     * @param operation e.g. {@link #INVOKE_MODEL_WITH_RESPONSE_STREAM}
     * @param modelId   the decoded model id
     * @param body      the JSON request body
     * @return the request, with no headers
     */
    public static EmulatedRequest of(String operation, String modelId, String body) {
        return new EmulatedRequest(operation, modelId, "POST", ModelRoute.pathOf(operation, modelId),
                body.getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now());
    }

    /**
     * The operation, from the path.
     *
     * @return {@code InvokeModel}, {@code Converse}, {@code InvokeModelWithResponseStream} or {@code ConverseStream}
     */
    public String operation() {
        return operation;
    }

    /**
     * Whether the operation answers with an event stream.
     *
     * @return true for the two streaming operations
     */
    public boolean isStream() {
        return INVOKE_MODEL_WITH_RESPONSE_STREAM.equals(operation) || CONVERSE_STREAM.equals(operation);
    }

    /**
     * The model id from the path, URL-decoded: a base id, a geo inference profile or an ARN.
     *
     * @return the decoded model id
     */
    public String modelId() {
        return modelId;
    }

    /**
     * The HTTP method.
     *
     * @return e.g. {@code POST}
     */
    public String method() {
        return method;
    }

    /**
     * The raw (still encoded) request path.
     *
     * @return e.g. {@code /model/meta.llama3-1-8b-instruct-v1%3A0/invoke}
     */
    public String path() {
        return path;
    }

    /**
     * The request body.
     *
     * @return a copy of the bytes
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The request body as UTF-8 text.
     *
     * @return the text, empty when there was no body
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * All request headers; the map ignores case in its keys.
     *
     * @return an unmodifiable map
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The first value of one header, ignoring case.
     *
     * @param name header name
     * @return the value, or null
     */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * When the emulator finished reading the request.
     *
     * @return the instant
     */
    public Instant receivedAt() {
        return receivedAt;
    }

    @Override
    public String toString() {
        return operation + " " + modelId + " (" + body.length + " bytes)";
    }
}
