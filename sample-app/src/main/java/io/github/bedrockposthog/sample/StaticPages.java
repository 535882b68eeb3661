package io.github.bedrockposthog.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The web page, the insights page and their CSS, scripts and icon, served from the jar's resources
 * ({@code io/github/bedrockposthog/sample/web/}). Self-contained: nothing is loaded from another site, and the
 * Content-Security-Policy says so.
 */
final class StaticPages implements HttpHandler {

    private static final String ROOT = "/io/github/bedrockposthog/sample/web/";
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";
    private static final Map<String, String> ROUTES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/insights", "insights.html",
            "/static/app.css", "app.css",
            "/static/recipe.js", "recipe.js",
            "/static/insights.js", "insights.js",
            "/static/favicon.svg", "favicon.svg",
            "/favicon.ico", "favicon.svg");

    private final Map<String, byte[]> files = new HashMap<>();

    /** Loads every page once. */
    StaticPages() {
        for (String file : ROUTES.values()) {
            files.computeIfAbsent(file, StaticPages::load);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                Http.requireMethod(exchange, "GET", "HEAD");
            } catch (Http.Rejected e) {
                Http.sendError(exchange, e.status(), e.getMessage());
                return;
            }
            String file = ROUTES.get(exchange.getRequestURI().getPath());
            if (file == null) {
                Http.sendText(exchange, 404, "Not found: " + exchange.getRequestURI().getPath());
                return;
            }
            exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            Http.send(exchange, 200, contentType(file), files.get(file));
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (file.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "application/octet-stream";
    }

    private static byte[] load(String file) {
        try (InputStream in = StaticPages.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ROOT + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
