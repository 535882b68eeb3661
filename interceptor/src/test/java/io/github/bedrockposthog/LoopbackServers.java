package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.Responder;
import io.github.bedrockposthog.testkit.Responders;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A loopback Bedrock emulator and PostHog capture server per test class, back to normal service before each test:
 * {@code @RegisterExtension static final LoopbackServers servers = new LoopbackServers();}. Configurations built
 * with {@link #open} are closed after each test. Their retries are fast (20..200 ms instead of 250 ms..30 s), set
 * through the builder, so a delivery test need not wait for the production backoff.
 */
final class LoopbackServers implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    static final Duration FAST_RETRY = Duration.ofMillis(20);
    static final Duration FAST_RETRY_MAX = Duration.ofMillis(200);

    private final Responder responder;
    private final List<BedrockPostHog> opened = new ArrayList<>();
    private BedrockEmulator emulator;
    private CaptureServer capture;

    /** With the emulator's canned answers. */
    LoopbackServers() {
        this(Responders.canned());
    }

    /** With an emulator answering unscripted requests through {@code responder}. */
    LoopbackServers(Responder responder) {
        this.responder = responder;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = BedrockEmulator.builder().responder(responder).start();
        capture = CaptureServer.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator.reset();
        capture.recover();
        capture.restart();
        capture.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        synchronized (opened) {
            for (BedrockPostHog p : opened) {
                p.close();
            }
            opened.clear();
        }
        capture.stop(); // drops requests still stalled; restarted before the next test
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
        capture.close();
    }

    BedrockEmulator emulator() {
        return emulator;
    }

    CaptureServer capture() {
        return capture;
    }

    /** An explicit configuration delivering to this capture server, retrying fast. */
    BedrockPostHog.Builder posthog(String apiKey) {
        return BedrockPostHog.builder().apiKey(apiKey).host(capture.endpoint().toString())
                .retryBackoff(FAST_RETRY, FAST_RETRY_MAX);
    }

    /** Builds {@link #posthog(String)} with more settings; it is closed after the test. */
    BedrockPostHog open(String apiKey, Consumer<BedrockPostHog.Builder> more) {
        BedrockPostHog.Builder builder = posthog(apiKey);
        more.accept(builder);
        BedrockPostHog p = builder.build();
        synchronized (opened) {
            opened.add(p);
        }
        return p;
    }
}
