package io.github.bedrockposthog.sample;

import io.github.bedrockposthog.BedrockPostHog;
import io.github.bedrockposthog.testkit.CaptureServer;
import java.net.URI;
import java.util.Objects;

/**
 * PostHog, emulated in-process: testkit's {@link CaptureServer} receives what the zero-code interceptor sends, and
 * every {@code bedrock_*} event goes to the {@link EventStore} behind the local insights page.
 *
 * <p>The zero-code interceptor is pointed here by an explicit configuration installed as the JVM-wide one
 * ({@link BedrockPostHog#installAsDefault()}): every Bedrock client of the app reports to this capture server, and a
 * second app in the same JVM (the tests start several) installs its own. Closing flushes it and uninstalls it.
 */
final class LocalPostHog implements AutoCloseable {

    /** The API key the interceptor sends; the capture server accepts any. */
    static final String DEMO_API_KEY = "phc_offline_demo";
    /** The capture server keeps every request; past this many it is cleared (the store has the events). */
    private static final int CLEAR_AFTER_REQUESTS = 1_000;

    private final CaptureServer server;
    private final BedrockPostHog posthog;

    private LocalPostHog(CaptureServer server, BedrockPostHog posthog) {
        this.server = server;
        this.posthog = posthog;
    }

    /**
     * Starts the capture server and points the zero-code interceptor at it.
     *
     * @param store where captured Bedrock events go
     * @return the running local PostHog
     */
    static LocalPostHog start(EventStore store) {
        Objects.requireNonNull(store, "store");
        CaptureServer server = CaptureServer.start();
        server.onEvent(event -> {
            InsightEvent.of(event).ifPresent(store::add);
            if (server.requestCount() >= CLEAR_AFTER_REQUESTS) {
                server.clear();
            }
        });
        BedrockPostHog posthog = BedrockPostHog.builder().apiKey(DEMO_API_KEY).host(server.endpoint().toString())
                .build().installAsDefault();
        return new LocalPostHog(server, posthog);
    }

    /** @return the capture server's base URI */
    URI endpoint() {
        return server.endpoint();
    }

    /** @return the capture server (tests read the raw events) */
    CaptureServer server() {
        return server;
    }

    /** Delivers what the interceptor still holds, uninstalls the configuration and stops the server. */
    @Override
    public void close() {
        posthog.close();
        server.close();
    }
}
