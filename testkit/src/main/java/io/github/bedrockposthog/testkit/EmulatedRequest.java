package io.github.bedrockposthog.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request the {@link BedrockEmulator} received, as the client sent it. Immutable: the body is copied in and
 * out, the headers are an unmodifiable copy. Two requests are equal when every component is, the body by content.
 *
 * @param operation  the operation, from the path: {@code InvokeModel}, {@code Converse},
 *                   {@code InvokeModelWithResponseStream} or {@code ConverseStream}
 * @param modelId    the model id from the path, URL-decoded: a base id, a geo inference profile or an ARN
 * @param method     the HTTP method, e.g. {@code POST}
 * @param path       the raw (still encoded) request path, e.g.
 *                   {@code /model/meta.llama3-1-8b-instruct-v1%3A0/invoke}
 * @param body       the request body (a copy)
 * @param headers    all request headers; the map ignores case in its keys
 * @param receivedAt when the emulator finished reading the request
 */
public record EmulatedRequest(String operation, String modelId, String method, String path, byte[] body,
                              Map<String, List<String>> headers, Instant receivedAt) {

    /** Operation name of {@code POST /model/{modelId}/invoke}. */
    public static final String INVOKE_MODEL = "InvokeModel";
    /** Operation name of {@code POST /model/{modelId}/converse}. */
    public static final String CONVERSE = "Converse";
    /** Operation name of {@code POST /model/{modelId}/invoke-with-response-stream}. */
    public static final String INVOKE_MODEL_WITH_RESPONSE_STREAM = "InvokeModelWithResponseStream";
    /** Operation name of {@code POST /model/{modelId}/converse-stream}. */
    public static final String CONVERSE_STREAM = "ConverseStream";

    /**
     * Copies the body and the headers (case-insensitive, unmodifiable).
     *
     * @param operation  the operation name
     * @param modelId    the decoded model id
     * @param method     the HTTP method
     * @param path       the raw request path
     * @param body       the request body
     * @param headers    the request headers
     * @param receivedAt when the request was read
     */
    public EmulatedRequest {
        body = body.clone();
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        headers = Collections.unmodifiableMap(copy);
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
     * The request body.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] body() {
        return body.clone();
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
     * The request body as UTF-8 text.
     *
     * @return the text, empty when there was no body
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof EmulatedRequest other && operation.equals(other.operation) && modelId.equals(other.modelId)
                && method.equals(other.method) && path.equals(other.path) && Arrays.equals(body, other.body)
                && headers.equals(other.headers) && receivedAt.equals(other.receivedAt);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(operation, modelId, method, path, headers, receivedAt) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return operation + " " + modelId + " (" + body.length + " bytes)";
    }
}
