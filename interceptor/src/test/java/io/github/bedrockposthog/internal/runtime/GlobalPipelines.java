package io.github.bedrockposthog.internal.runtime;

/** Test-only access to {@link GlobalPipeline}'s reset, which is not production API. */
public final class GlobalPipelines {

    private GlobalPipelines() {
    }

    /** Flushes and closes the zero-code pipeline, so the next call reads the configuration again. */
    public static void reset() {
        GlobalPipeline.reset();
    }
}
