package io.github.bedrockposthog.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small client of PostHog's private REST API ({@code /api/projects/:id/...}) authenticated with a personal API
 * key as a bearer token. JSON in and out; every failure becomes a {@link CliException} whose one-line message
 * names the request and what to check, and never contains the key.
 *
 * <p>One {@link HttpClient} for every method (PostHog updates with PATCH). It never follows a redirect, so the
 * key cannot be carried to another host.
 */
final class PostHogApi {

    /** The one codec of the command; a body must be exactly one JSON value. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    /** A runaway {@code next} chain must end. */
    private static final int MAX_PAGES = 100;

    private final String host;
    private final String apiKey;
    private final HttpClient client;

    /**
     * @param host   the app host, e.g. {@code https://us.posthog.com}, without a trailing slash
     * @param apiKey a personal API key
     */
    PostHogApi(String host, String apiKey) {
        this.host = host;
        this.apiKey = apiKey;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    JsonNode get(String path) throws CliException {
        return send("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) throws CliException {
        return send("POST", path, body);
    }

    JsonNode patch(String path, JsonNode body) throws CliException {
        return send("PATCH", path, body);
    }

    /**
     * Every item of a paginated list ({@code {"results": [...], "next": url}}), following {@code next}. The next
     * page is always fetched from the configured host (only its path and query are taken), so the key never goes
     * elsewhere.
     */
    List<JsonNode> list(String path) throws CliException {
        List<JsonNode> all = new ArrayList<>();
        String next = path;
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            JsonNode body = get(next);
            body.path("results").forEach(all::add);
            String url = body.path("next").isTextual() ? body.path("next").asText() : "";
            next = url.isEmpty() ? null : pathOf(url);
        }
        return all;
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The answer's JSON; a missing node for an empty 2xx body. */
    private JsonNode send(String method, String path, JsonNode body) throws CliException {
        String what = method + " " + host + path;
        HttpResponse<String> response;
        try {
            response = client.send(request(method, path, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(CliException.UNREACHABLE, "cannot reach PostHog at " + host + " (" + what + "): "
                    + scrub(describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.UNREACHABLE, "interrupted while waiting for PostHog (" + what + ")");
        }
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            if (text.isBlank()) {
                return JSON.missingNode();
            }
            try {
                return JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new CliException(CliException.API_ERROR, "PostHog answered " + what + " with HTTP "
                        + status + " but not with JSON: is " + host + " a PostHog app host?");
            }
        }
        throw failure(status, text, what);
    }

    private HttpRequest request(String method, String path, JsonNode body) throws CliException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(host + path));
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, "not a valid address: " + host + path);
        }
        request.timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .header("User-Agent", "bedrock-posthog-cli");
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) { // a tree of our own nodes always serialises
            throw new IllegalStateException(e);
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
    }

    private CliException failure(int status, String body, String what) {
        String detail = detail(body);
        String suffix = detail == null ? "" : " PostHog says: " + detail;
        switch (status) {
            case 401:
                return new CliException(CliException.NOT_ALLOWED, "PostHog rejected the personal API key (HTTP 401 for "
                        + what + "): check " + CliArguments.KEY_VARIABLE + "." + suffix);
            case 403:
                return new CliException(CliException.NOT_ALLOWED, "the personal API key is not allowed to do this (HTTP 403 for "
                        + what + "): it needs the scopes dashboard:write, insight:write and query:read and access to the project."
                        + suffix);
            case 404:
                return new CliException(CliException.NOT_FOUND, "not found (HTTP 404 for " + what
                        + "): check --project-id and that --host is PostHog's app host (e.g. https://us.posthog.com)." + suffix);
            default:
                return new CliException(CliException.API_ERROR, "PostHog answered HTTP " + status + " for " + what
                        + "." + suffix);
        }
    }

    /** PostHog's {@code detail} (DRF errors), shortened to one line and scrubbed of the key. */
    private String detail(String body) {
        JsonNode detail;
        try {
            detail = JSON.readTree(body).path("detail");
        } catch (JsonProcessingException notJson) {
            return null;
        }
        if (!detail.isTextual()) {
            return null;
        }
        String oneLine = detail.asText().replaceAll("\\s+", " ").trim();
        return scrub(oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine);
    }

    private String scrub(String text) {
        return apiKey.isEmpty() ? text : text.replace(apiKey, "***");
    }

    /**
     * The exception's type and the first message along its causes. HttpClient reports a failed TCP connect as a
     * {@link ConnectException} without any message (the socket's reason is lost), so that one gets a fixed text.
     */
    private static String describe(IOException e) {
        String message = null;
        for (Throwable t = e; t != null && message == null; t = t.getCause()) {
            message = t.getMessage();
        }
        if (message == null && e instanceof ConnectException) {
            message = "connection refused or host unreachable";
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
