package io.github.bedrockposthog.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small client of PostHog's private REST API ({@code /api/projects/:id/...}) authenticated with a personal API
 * key as a bearer token. JSON in and out; every failure becomes a {@link CliException} whose one-line message
 * names the request and what to check, and never contains the key.
 *
 * <p>GET and POST use {@link HttpURLConnection}. It refuses the PATCH method, which PostHog requires for updates,
 * so PATCH goes through the JDK's {@code java.net.http.HttpClient} (Java 11+), reached reflectively because the
 * library itself is compiled for Java 8.
 */
final class PostHogApi {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 120_000;
    /** A runaway {@code next} chain must end. */
    private static final int MAX_PAGES = 100;

    private final String host;
    private final String apiKey;
    /** The {@code java.net.http.HttpClient} for PATCH, made on first use. */
    private Object httpClient;

    /**
     * @param host   the app host, e.g. {@code https://us.posthog.com}, without a trailing slash
     * @param apiKey a personal API key
     */
    PostHogApi(String host, String apiKey) {
        this.host = host;
        this.apiKey = apiKey;
    }

    Object get(String path) throws CliException {
        return send("GET", path, null);
    }

    Object post(String path, Object body) throws CliException {
        return send("POST", path, body);
    }

    Object patch(String path, Object body) throws CliException {
        return send("PATCH", path, body);
    }

    /**
     * Every item of a paginated list ({@code {"results": [...], "next": url}}), following {@code next}. The next
     * page is always fetched from the configured host (only its path and query are taken), so the key never goes
     * elsewhere.
     */
    List<Object> list(String path) throws CliException {
        List<Object> all = new ArrayList<>();
        String next = path;
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            Object body = get(next);
            all.addAll(JsonText.list(body, "results"));
            String url = JsonText.string(body, "next");
            next = url == null || url.isEmpty() ? null : pathOf(url);
        }
        return all;
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private Object send(String method, String path, Object body) throws CliException {
        byte[] payload = body == null ? null : JsonText.write(body).getBytes(StandardCharsets.UTF_8);
        String what = method + " " + host + path;
        Response response;
        try {
            response = "PATCH".equals(method) ? sendWithHttpClient(method, path, payload) : sendWithUrlConnection(method, path, payload);
        } catch (IOException e) {
            throw new CliException(CliException.UNREACHABLE, "cannot reach PostHog at " + host + " (" + what + "): "
                    + scrub(describe(e)));
        } catch (UnsupportedOperationException e) {
            throw new CliException(CliException.API_ERROR, "updating needs Java 11 or later: " + e.getMessage()
                    + " is not available on this JVM (" + what + ")");
        }
        if (response.status >= 200 && response.status < 300) {
            if (response.body.trim().isEmpty()) {
                return null;
            }
            try {
                return JsonText.parse(response.body);
            } catch (IllegalArgumentException e) {
                throw new CliException(CliException.API_ERROR, "PostHog answered " + what + " with HTTP "
                        + response.status + " but not with JSON: is " + host + " a PostHog app host?");
            }
        }
        throw failure(response, what);
    }

    private CliException failure(Response response, String what) {
        String detail = detail(response.body);
        String suffix = detail == null ? "" : " PostHog says: " + detail;
        switch (response.status) {
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
                return new CliException(CliException.API_ERROR, "PostHog answered HTTP " + response.status + " for " + what
                        + "." + suffix);
        }
    }

    /** PostHog's {@code detail} (DRF errors), shortened to one line and scrubbed of the key. */
    private String detail(String body) {
        String detail;
        try {
            detail = JsonText.string(JsonText.parse(body), "detail");
        } catch (IllegalArgumentException notJson) {
            return null;
        }
        if (detail == null) {
            return null;
        }
        String oneLine = detail.replaceAll("\\s+", " ").trim();
        return scrub(oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine);
    }

    private String scrub(String text) {
        return apiKey.isEmpty() ? text : text.replace(apiKey, "***");
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private Response sendWithUrlConnection(String method, String path, byte[] payload) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(host + path).openConnection();
        try {
            c.setRequestMethod(method);
            c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            c.setReadTimeout(READ_TIMEOUT_MILLIS);
            c.setUseCaches(false);
            c.setInstanceFollowRedirects(false); // a redirect must not carry the key to another host
            c.setRequestProperty("Authorization", "Bearer " + apiKey);
            c.setRequestProperty("Accept", "application/json");
            c.setRequestProperty("User-Agent", "bedrock-posthog-cli");
            if (payload != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                // Not streaming mode: in it a 401 answer's body (PostHog's reason) is thrown away.
                try (OutputStream out = c.getOutputStream()) {
                    out.write(payload);
                }
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            return new Response(status, read(in));
        } finally {
            c.disconnect();
        }
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (InputStream body = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = body.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        }
    }

    /** The request through {@code java.net.http.HttpClient}, by reflection (public, exported API: no access tricks). */
    private Response sendWithHttpClient(String method, String path, byte[] payload) throws IOException {
        try {
            Class<?> clientClass = Class.forName("java.net.http.HttpClient");
            Class<?> clientBuilderClass = Class.forName("java.net.http.HttpClient$Builder");
            Class<?> versionClass = Class.forName("java.net.http.HttpClient$Version");
            Class<?> requestClass = Class.forName("java.net.http.HttpRequest");
            Class<?> requestBuilderClass = Class.forName("java.net.http.HttpRequest$Builder");
            Class<?> publisherClass = Class.forName("java.net.http.HttpRequest$BodyPublisher");
            Class<?> publishersClass = Class.forName("java.net.http.HttpRequest$BodyPublishers");
            Class<?> handlerClass = Class.forName("java.net.http.HttpResponse$BodyHandler");
            Class<?> handlersClass = Class.forName("java.net.http.HttpResponse$BodyHandlers");
            Class<?> responseClass = Class.forName("java.net.http.HttpResponse");

            Object client = httpClient;
            if (client == null) { // one per command run: each client starts its own selector thread
                Object clientBuilder = clientClass.getMethod("newBuilder").invoke(null);
                clientBuilderClass.getMethod("connectTimeout", Duration.class)
                        .invoke(clientBuilder, Duration.ofMillis(CONNECT_TIMEOUT_MILLIS));
                clientBuilderClass.getMethod("version", versionClass)
                        .invoke(clientBuilder, versionClass.getField("HTTP_1_1").get(null));
                client = clientBuilderClass.getMethod("build").invoke(clientBuilder);
                httpClient = client;
            }

            Object publisher = payload == null
                    ? publishersClass.getMethod("noBody").invoke(null)
                    : publishersClass.getMethod("ofByteArray", byte[].class).invoke(null, (Object) payload);
            Object builder = requestClass.getMethod("newBuilder", URI.class).invoke(null, URI.create(host + path));
            Method header = requestBuilderClass.getMethod("header", String.class, String.class);
            header.invoke(builder, "Authorization", "Bearer " + apiKey);
            header.invoke(builder, "Accept", "application/json");
            header.invoke(builder, "User-Agent", "bedrock-posthog-cli");
            if (payload != null) {
                header.invoke(builder, "Content-Type", "application/json");
            }
            requestBuilderClass.getMethod("timeout", Duration.class).invoke(builder, Duration.ofMillis(READ_TIMEOUT_MILLIS));
            requestBuilderClass.getMethod("method", String.class, publisherClass).invoke(builder, method, publisher);
            Object request = requestBuilderClass.getMethod("build").invoke(builder);

            Object handler = handlersClass.getMethod("ofByteArray").invoke(null);
            Object response = clientClass.getMethod("send", requestClass, handlerClass).invoke(client, request, handler);
            int status = (Integer) responseClass.getMethod("statusCode").invoke(response);
            byte[] body = (byte[]) responseClass.getMethod("body").invoke(response);
            return new Response(status, new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            throw new IOException(cause == null ? e.toString() : cause.toString());
        } catch (ClassNotFoundException | NoSuchMethodException | NoSuchFieldException | IllegalAccessException e) {
            throw new UnsupportedOperationException("HTTP " + method + " needs Java 11 or later");
        }
    }

    private static final class Response {
        final int status;
        final String body;

        Response(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }
}
