package io.github.bedrockposthog.internal.runtime;

import io.github.bedrockposthog.internal.config.Settings;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one pipeline of the zero-code interceptor. The SDK creates an interceptor per client built, so the
 * PostHog client, its queue and its thread live here, once per JVM.
 *
 * <p>By default it is configured from system properties and environment on first use. An explicit configuration
 * can be installed instead ({@code BedrockPostHog.installAsDefault()}, e.g. by the Spring Boot starter): the most
 * recently installed one that is still open serves every zero-code interceptor; when it is uninstalled (closed),
 * the one installed before it serves again, and without any, the environment's.
 */
public final class GlobalPipeline {

    /** What {@link #get()} returns; recomputed under the lock whenever the installed ones change. */
    private static volatile Pipeline current;
    /** Created from the environment on first use while nothing is installed; owned (and closed) here. */
    private static Pipeline fromEnvironment;
    /** Installed explicit pipelines, the newest first; owned by their {@code BedrockPostHog}. */
    private static final Deque<Pipeline> INSTALLED = new ArrayDeque<>();

    private GlobalPipeline() {
    }

    /** The JVM-wide pipeline: the newest installed one, else the environment's, created on first call. */
    public static Pipeline get() {
        Pipeline p = current;
        if (p == null) {
            synchronized (GlobalPipeline.class) {
                p = current;
                if (p == null) {
                    fromEnvironment = Pipeline.create(Settings.fromEnvironment(), null, "zero-code");
                    p = fromEnvironment;
                    current = p;
                }
            }
        }
        return p;
    }

    /**
     * Makes {@code pipeline} the zero-code pipeline of this JVM until {@link #uninstall}. A pipeline created from
     * the environment so far is flushed and closed: from now on the explicit configuration applies.
     */
    public static void install(Pipeline pipeline) {
        Pipeline retired;
        synchronized (GlobalPipeline.class) {
            INSTALLED.remove(pipeline);
            INSTALLED.push(pipeline);
            current = pipeline;
            retired = fromEnvironment;
            fromEnvironment = null;
        }
        if (retired != null) {
            retired.close(); // outside the lock: a flush may wait
        }
    }

    /** Stops {@code pipeline} serving the zero-code interceptor; the previous one serves again. No-op if absent. */
    public static void uninstall(Pipeline pipeline) {
        synchronized (GlobalPipeline.class) {
            if (INSTALLED.remove(pipeline)) {
                current = INSTALLED.isEmpty() ? fromEnvironment : INSTALLED.peek();
            }
        }
    }

    /**
     * Test support only (tests reach it through a helper in this package): closes the pipeline created from the
     * environment and forgets installed ones, so the next call reads the configuration again.
     */
    static void reset() {
        Pipeline retired;
        synchronized (GlobalPipeline.class) {
            retired = fromEnvironment;
            fromEnvironment = null;
            INSTALLED.clear();
            current = null;
        }
        if (retired != null) {
            retired.close();
        }
    }
}
