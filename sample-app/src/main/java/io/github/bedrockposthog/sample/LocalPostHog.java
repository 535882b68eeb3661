package io.github.bedrockposthog.sample;

import io.github.bedrockposthog.internal.runtime.GlobalPipeline;
import io.github.bedrockposthog.testkit.CaptureServer;
import java.net.URI;
import java.util.Objects;

/**
 * PostHog, emulated in-process: testkit's {@link CaptureServer} receives what the zero-code interceptor sends, and
 * every {@code bedrock_*} event goes to the {@link EventStore} behind the local insights page.
 *
 * <p>The interceptor is pointed here the way any user configures it: the system properties {@code posthog.apiKey}
 * and {@code posthog.host}, set before the first Bedrock call. Because the interceptor's pipeline is configured
 * once per JVM on first use, starting also resets it ({@link GlobalPipeline#reset()}), so that a second app in the
 * same JVM (the tests start several) reports to its own capture server; closing restores the previous properties
 * and resets again.
 */
final class LocalPostHog implements AutoCloseable {

    /** The API key the interceptor sends; the capture server accepts any. */
    static final String DEMO_API_KEY = "phc_offline_demo";
    /** The capture server keeps every request; past this many it is cleared (the store has the events). */
    private static final int CLEAR_AFTER_REQUESTS = 1_000;
    private static final String KEY_PROPERTY = "posthog.apiKey";
    private static final String HOST_PROPERTY = "posthog.host";

    private final CaptureServer server;
    private final String previousKey;
    private final String previousHost;

    private LocalPostHog(CaptureServer server, String previousKey, String previousHost) {
        this.server = server;
        this.previousKey = previousKey;
        this.previousHost = previousHost;
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
        LocalPostHog local = new LocalPostHog(server, System.getProperty(KEY_PROPERTY), System.getProperty(HOST_PROPERTY));
        System.setProperty(KEY_PROPERTY, DEMO_API_KEY);
        System.setProperty(HOST_PROPERTY, server.endpoint().toString());
        GlobalPipeline.reset();
        return local;
    }

    /** @return the capture server's base URI */
    URI endpoint() {
        return server.endpoint();
    }

    /** @return the capture server (tests read the raw events) */
    CaptureServer server() {
        return server;
    }

    /** Delivers what the interceptor still holds, restores the PostHog system properties and stops the server. */
    @Override
    public void close() {
        GlobalPipeline.reset();
        restore(KEY_PROPERTY, previousKey);
        restore(HOST_PROPERTY, previousHost);
        server.close();
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
