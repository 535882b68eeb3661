package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A loopback Bedrock emulator and PostHog capture server per test class, emptied before each test:
 * {@code @RegisterExtension static final LoopbackServers servers = new LoopbackServers();}.
 */
final class LoopbackServers implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private BedrockEmulator emulator;
    private CaptureServer capture;

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = BedrockEmulator.start();
        capture = CaptureServer.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator.reset();
        capture.clear();
        capture.recover();
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

    /** An explicit configuration delivering to this capture server. */
    BedrockPostHog.Builder posthog(String apiKey) {
        return BedrockPostHog.builder().apiKey(apiKey).host(capture.endpoint().toString());
    }
}
