package io.github.bedrockposthog.spring;

import io.github.bedrockposthog.BedrockPostHog;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the {@link BedrockPostHog} when the context closes: the pipeline waits for in-flight Bedrock calls and
 * flushes their events within {@code posthog.bedrock.flush-timeout}. It stops right after the web server's graceful
 * shutdown ({@link #PHASE}), so requests that were still running have made their Bedrock calls by then, and before
 * the web server and the beans the app's calls need are gone.
 */
public class BedrockPostHogLifecycle implements SmartLifecycle {

    /** One below the web server's graceful shutdown: lifecycle beans stop from the highest phase down. */
    public static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1;

    private final BedrockPostHog bedrockPostHog;
    private volatile boolean running;

    /**
     * Closes {@code bedrockPostHog} on stop.
     *
     * @param bedrockPostHog the configuration to flush and close
     */
    public BedrockPostHogLifecycle(BedrockPostHog bedrockPostHog) {
        this.bedrockPostHog = bedrockPostHog;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Flushes (within the flush timeout) and closes; calls after this are counted as dropped. */
    @Override
    public void stop() {
        running = false;
        bedrockPostHog.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
