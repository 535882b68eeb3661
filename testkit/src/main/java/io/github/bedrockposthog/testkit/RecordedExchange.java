package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One recorded Bedrock Runtime call loaded from a fixture file
 * ({@code {"source", "request": {"method","path","model_id","operation","body"},
 * "response": {"status","headers",("body" | "body_base64")}}}). Immutable.
 */
public final class RecordedExchange {

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
     * Loads one fixture file.
     *
     * @param file a {@code *.json} fixture
     * @return the exchange
     * @throws UncheckedIOException when the file cannot be read or parsed
     * @throws IllegalArgumentException when the file lacks {@code request} or {@code response}
     */
    public static RecordedExchange load(Path file) {
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
            String fileName = file.getFileName().toString();
            String name = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
            return new RecordedExchange(name, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load fixture " + file, e);
        }
    }

    /**
     * Loads every {@code *.json} file of a directory, sorted by file name.
     *
     * @param dir a fixtures directory
     * @return the exchanges
     */
    public static List<RecordedExchange> loadAll(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<RecordedExchange> all = new ArrayList<>();
            files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .forEach(f -> all.add(load(f)));
            return Collections.unmodifiableList(all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list fixtures in " + dir, e);
        }
    }

    /**
     * Loads all fixtures from {@link #fixturesDir()}.
     *
     * @return the exchanges, sorted by name
     */
    public static List<RecordedExchange> loadAll() {
        return loadAll(fixturesDir());
    }

    /**
     * Loads one fixture from {@link #fixturesDir()} by name.
     *
     * @param name the file name with or without {@code .json}
     * @return the exchange
     */
    public static RecordedExchange named(String name) {
        String fileName = name.endsWith(".json") ? name : name + ".json";
        return load(fixturesDir().resolve(fileName));
    }

    /**
     * Finds the recorded fixtures: the system property {@code bedrockposthog.fixtures}, else the environment
     * variable {@code BEDROCKPOSTHOG_FIXTURES}, else the first {@code shared/fixtures/recorded-bedrock} found in
     * the working directory or any directory above it (which covers a module directory of a clone whose
     * {@code shared/} lies beside the clone).
     *
     * @return the directory
     * @throws IllegalStateException when none is found; the message lists where it looked
     */
    public static Path fixturesDir() {
        return FixturesDirectory.locate();
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
