package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.junit.LoopbackServers;

import java.util.function.Consumer;

/**
 * The testkit's {@link LoopbackServers} plus what only the interceptor's tests can build: {@code BedrockPostHog}
 * configurations that deliver to the loopback capture server with the extension's fast retry timing.
 * {@code @RegisterExtension static final LoopbackPostHog SERVERS = new LoopbackPostHog();}
 */
final class LoopbackPostHog extends LoopbackServers {

    /** With the testkit's defaults (canned answers, fast retries). */
    LoopbackPostHog() {
        this(LoopbackServers.builder());
    }

    /** With the servers' options, e.g. {@code LoopbackServers.builder().responder(...)}. */
    LoopbackPostHog(LoopbackServers.Builder servers) {
        super(servers);
    }

    /** An explicit configuration delivering to this capture server, retrying fast. */
    BedrockPostHog.Builder posthog(String apiKey) {
        return BedrockPostHog.builder().apiKey(apiKey).host(posthogHost()).retryBackoff(retryBackoff(), retryBackoffMax());
    }

    /** Builds {@link #posthog(String)} with more settings; it is closed after the test. */
    BedrockPostHog open(String apiKey, Consumer<BedrockPostHog.Builder> more) {
        BedrockPostHog.Builder builder = posthog(apiKey);
        more.accept(builder);
        return closeAfterEach(builder.build());
    }
}
