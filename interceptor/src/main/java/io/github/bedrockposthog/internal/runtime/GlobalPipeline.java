package io.github.bedrockposthog.internal.runtime;

import io.github.bedrockposthog.internal.config.Settings;

/**
 * The one pipeline of the zero-code interceptor. The SDK creates an interceptor per client built, so the
 * PostHog client, its queue and its thread live here, once per JVM, created on first use.
 */
public final class GlobalPipeline {

    private static volatile Pipeline instance;

    private GlobalPipeline() {
    }

    /** The JVM-wide pipeline, configured from system properties and environment on first call. */
    public static Pipeline get() {
        Pipeline p = instance;
        if (p == null) {
            synchronized (GlobalPipeline.class) {
                p = instance;
                if (p == null) {
                    p = Pipeline.create(Settings.fromEnvironment(), null, "zero-code");
                    instance = p;
                }
            }
        }
        return p;
    }

    /**
     * Test support: closes the current pipeline so the next call reads the configuration again. Not for
     * applications.
     */
    public static void reset() {
        synchronized (GlobalPipeline.class) {
            Pipeline p = instance;
            instance = null;
            if (p != null) {
                p.close();
            }
        }
    }
}
