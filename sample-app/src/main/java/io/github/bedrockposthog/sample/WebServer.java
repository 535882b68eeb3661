package io.github.bedrockposthog.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's HTTP server (the JDK's {@link HttpServer}) on the loopback interface: the pages, {@code
 * /api/generate-recipe}, {@code /api/insights} and {@code /api/status}. Handlers run on a small pool of daemon
 * threads; an unexpected exception becomes a JSON 500 instead of a dropped connection.
 */
final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final int THREADS = 16;

    private final HttpServer server;
    private final ExecutorService executor;

    private WebServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving.
     *
     * @param port        the port, 0 for a free one
     * @param recipes     generates recipes
     * @param store       the locally captured events, or null when events go to real PostHog
     * @param postHogHost the PostHog host named by the insights API when the store is null
     * @param status      what {@code /api/status} answers
     * @return the running server
     * @throws UncheckedIOException when the port cannot be bound
     */
    static WebServer start(int port, RecipeService recipes, EventStore store, String postHogHost, JsonNode status) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " (" + e.getMessage() + ")", e);
        }
        server.createContext("/", guarded(new StaticPages()));
        server.createContext("/api/generate-recipe", guarded(exact("/api/generate-recipe", new RecipeApi(recipes))));
        server.createContext("/api/insights", guarded(exact("/api/insights", new InsightsApi(store, postHogHost, Clock.systemUTC()))));
        server.createContext("/api/status", guarded(exact("/api/status", exchange -> {
            try (exchange) {
                Http.sendJson(exchange, 200, status);
            }
        })));
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "recipe-app-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new WebServer(server, executor);
    }

    /** @return the port served */
    int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening and ends the handler threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** A context matches its path and everything below; the API answers only its exact path. */
    private static HttpHandler exact(String path, HttpHandler handler) {
        return exchange -> {
            if (path.equals(exchange.getRequestURI().getPath())) {
                handler.handle(exchange);
            } else {
                try (exchange) {
                    Http.sendError(exchange, 404, "no API at " + exchange.getRequestURI().getPath());
                }
            }
        };
    }

    private static HttpHandler guarded(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                answerInternalError(exchange);
            }
        };
    }

    private static void answerInternalError(HttpExchange exchange) {
        try (exchange) {
            if (exchange.getResponseCode() == -1) {
                Http.sendError(exchange, 500, "internal error");
            }
        } catch (IOException | RuntimeException ignored) {
            // the client is gone or the answer was already under way
        }
    }
}
