package io.github.bedrockposthog.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for the JDK HTTP server: JSON answers, bounded body reading, method checks. */
final class Http {

    /** The JSON mapper of the web layer. */
    static final ObjectMapper JSON = new ObjectMapper();
    /** Largest request body accepted, in bytes. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private Http() {
    }

    /** A request the app refuses, with the status and the message for the JSON error. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Rejected(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * Reads the request body, refusing one over {@link #MAX_BODY_BYTES}.
     *
     * @param exchange the exchange
     * @return the body bytes
     * @throws Rejected 400 when the body is too large
     * @throws IOException when reading fails
     */
    static byte[] readBody(HttpExchange exchange) throws Rejected, IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new Rejected(400, "invalid Content-Length");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        }
    }

    private static Rejected tooLarge() {
        return new Rejected(400, "request body is larger than " + MAX_BODY_BYTES / 1024 + " KB");
    }

    /**
     * Refuses other methods with 405 and an {@code Allow} header.
     *
     * @param exchange the exchange
     * @param allowed  the allowed methods, e.g. {@code POST}
     * @throws Rejected 405 when the method is not allowed
     */
    static void requireMethod(HttpExchange exchange, String... allowed) throws Rejected {
        String method = exchange.getRequestMethod();
        for (String m : allowed) {
            if (m.equalsIgnoreCase(method)) {
                return;
            }
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
        throw new Rejected(405, "method " + method + " not allowed: use " + String.join(" or ", allowed));
    }

    /**
     * Sends {@code {"error": message}}.
     *
     * @param exchange the exchange
     * @param status   HTTP status
     * @param message  the message
     * @throws IOException when writing fails
     */
    static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        sendJson(exchange, status, body);
    }

    /**
     * Sends a JSON value.
     *
     * @param exchange the exchange
     * @param status   HTTP status
     * @param body     a value Jackson can write
     * @throws IOException when writing fails
     */
    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", "no-store");
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /**
     * Sends bytes (no body for HEAD).
     *
     * @param exchange    the exchange
     * @param status      HTTP status
     * @param contentType the content type
     * @param body        the bytes
     * @throws IOException when writing fails
     */
    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("X-Content-Type-Options", "nosniff");
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Sends plain text.
     *
     * @param exchange the exchange
     * @param status   HTTP status
     * @param text     the text
     * @throws IOException when writing fails
     */
    static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
