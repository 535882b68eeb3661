package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recorded Bedrock Runtime call, and the one way to load the recorded calls bundled with the testkit: real
 * exchanges with Amazon Bedrock converted from OpenLLMetry's Apache-2.0 test cassettes (credit in
 * {@code recorded-bedrock/README.md} beside them), read from the classpath. Each is a JSON file
 * ({@code {"source", "request": {"method","path","model_id","operation","body"},
 * "response": {"status","headers",("body" | "body_base64")}}}). Immutable.
 */
public final class RecordedExchange {

    /** The fixtures' classpath folder, relative to this class's package. */
    static final String DIRECTORY = "recorded-bedrock/";
    /** The file in {@link #DIRECTORY} naming every fixture, one file name a line (jars cannot be listed). */
    static final String INDEX = "index.txt";
    private static final String RESOURCE_ROOT = "/io/github/bedrockposthog/testkit/";

    private final String name;
    private final String source;
    private final String method;
    private final String path;
    private final String operation;
    private final String modelId;
    private final String requestBody;
    private final int status;
    private final Map<String, String> responseHeaders;
    private final byte[] responseBody;
    private final boolean base64Body;

    private RecordedExchange(String name, JsonNode root) {
        JsonNode request = required(root, "request", name);
        JsonNode response = required(root, "response", name);
        this.name = name;
        this.source = text(root, "source");
        this.method = text(request, "method");
        this.path = text(request, "path");
        this.operation = text(request, "operation");
        this.modelId = text(request, "model_id");
        this.requestBody = text(request, "body");
        this.status = required(response, "status", name).asInt();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : response.path("headers").properties()) {
            headers.put(field.getKey(), field.getValue().asText());
        }
        this.responseHeaders = Collections.unmodifiableMap(headers);
        if (response.hasNonNull("body_base64")) {
            this.responseBody = Base64.getDecoder().decode(response.get("body_base64").asText());
            this.base64Body = true;
        } else {
            JsonNode body = response.path("body");
            String text = body.isMissingNode() || body.isNull() ? "" : body.isTextual() ? body.asText() : Json.write(body);
            this.responseBody = text.getBytes(StandardCharsets.UTF_8);
            this.base64Body = false;
        }
    }

    /**
     * The names of every recorded exchange on the classpath, as listed by the index.
     *
     * @return the names (file names without {@code .json}), sorted
     * @throws IllegalStateException when the index is missing from the classpath
     */
    public static List<String> names() {
        String index = new String(resource(INDEX), StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            String fileName = line.trim();
            if (!fileName.isEmpty()) {
                names.add(withoutSuffix(fileName));
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("the fixture index " + DIRECTORY + INDEX + " names no exchange");
        }
        Collections.sort(names);
        return Collections.unmodifiableList(names);
    }

    /**
     * Loads every recorded exchange from the classpath.
     *
     * @return the exchanges, sorted by name
     * @throws IllegalStateException when the index or a file it names is missing from the classpath
     */
    public static List<RecordedExchange> loadAll() {
        List<RecordedExchange> all = new ArrayList<>();
        for (String name : names()) {
            all.add(named(name));
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * Loads one recorded exchange from the classpath by name.
     *
     * @param name the file name with or without {@code .json}
     * @return the exchange
     * @throws IllegalStateException when there is no such exchange on the classpath
     */
    public static RecordedExchange named(String name) {
        String bare = withoutSuffix(name);
        return parse(bare, resource(bare + ".json"));
    }

    /** Reads one fixture's JSON; package-private so that tests can feed broken documents. */
    static RecordedExchange parse(String name, byte[] json) {
        try {
            return new RecordedExchange(name, Json.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse fixture " + name, e);
        }
    }

    private static byte[] resource(String fileName) {
        try (InputStream in = RecordedExchange.class.getResourceAsStream(DIRECTORY + fileName)) {
            if (in == null) {
                throw new IllegalStateException("recorded Bedrock fixture " + fileName + " is not on the classpath"
                        + " (expected as resource " + RESOURCE_ROOT + DIRECTORY + fileName + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + fileName, e);
        }
    }

    private static String withoutSuffix(String fileName) {
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    /**
     * The fixture's name: the file name without {@code .json}.
     *
     * @return e.g. {@code test_meta__test_meta_llama3_completion}
     */
    public String name() {
        return name;
    }

    /**
     * Where the recording came from.
     *
     * @return the source note, or null
     */
    public String source() {
        return source;
    }

    /**
     * The request's HTTP method.
     *
     * @return e.g. {@code POST}
     */
    public String method() {
        return method;
    }

    /**
     * The request path as sent (model id URL-encoded).
     *
     * @return e.g. {@code /model/meta.llama3-70b-instruct-v1%3A0/invoke}
     */
    public String path() {
        return path;
    }

    /**
     * The operation.
     *
     * @return {@code InvokeModel}, {@code Converse}, {@code InvokeModelWithResponseStream} or {@code ConverseStream}
     */
    public String operation() {
        return operation;
    }

    /**
     * The decoded model id.
     *
     * @return e.g. {@code meta.llama3-70b-instruct-v1:0} or an ARN
     */
    public String modelId() {
        return modelId;
    }

    /**
     * The request body.
     *
     * @return the JSON text, or null when none was recorded
     */
    public String requestBody() {
        return requestBody;
    }

    /**
     * The response status.
     *
     * @return e.g. 200
     */
    public int status() {
        return status;
    }

    /**
     * The recorded response headers, names with their recorded case.
     *
     * @return an unmodifiable map in recorded order
     */
    public Map<String, String> responseHeaders() {
        return responseHeaders;
    }

    /**
     * One recorded response header, ignoring case.
     *
     * @param name header name
     * @return the value, or null
     */
    public String responseHeader(String name) {
        for (Map.Entry<String, String> e : responseHeaders.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The response body bytes (base64-decoded for streams).
     *
     * @return a copy of the bytes
     */
    public byte[] responseBody() {
        return responseBody.clone();
    }

    /**
     * The response body as UTF-8 text; meaningful for non-stream responses.
     *
     * @return the text
     */
    public String responseBodyText() {
        return new String(responseBody, StandardCharsets.UTF_8);
    }

    /**
     * Whether the response is an event stream (recorded as {@code body_base64} or typed
     * {@code application/vnd.amazon.eventstream}).
     *
     * @return true for streams
     */
    public boolean isStream() {
        String type = responseHeader("Content-Type");
        return base64Body || (type != null && type.startsWith(EmulatorReply.EVENT_STREAM));
    }

    @Override
    public String toString() {
        return name;
    }

    private static JsonNode required(JsonNode node, String field, String name) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("fixture " + name + " has no '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.asText() : Json.write(value);
    }
}
