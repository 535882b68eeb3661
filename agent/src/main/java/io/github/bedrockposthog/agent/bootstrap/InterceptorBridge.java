package io.github.bedrockposthog.agent.bootstrap;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The one class the agent puts on the bootstrap class path: the advice woven into the AWS SDK calls it, and only the
 * bootstrap loader is visible from every class loader that can hold the SDK. It uses JDK types only, so it links
 * everywhere and can never clash with an app's classes. Not an API.
 */
public final class InterceptorBridge {

    /** The SDK resource that lists a Bedrock Runtime client's classpath interceptors. */
    private static final String BEDROCK_RUNTIME_INTERCEPTORS =
            "software/amazon/awssdk/services/bedrockruntime/execution.interceptors";

    private static volatile BiConsumer<Class<?>, List<Object>> delegate;

    private InterceptorBridge() {
    }

    /** Installs the agent's code; until then, and after any failure, the bridge does nothing. */
    public static void delegateTo(BiConsumer<Class<?>, List<Object>> agent) {
        delegate = agent;
    }

    /**
     * Called on exit of {@code ClasspathInterceptorChainFactory.getInterceptors(path)} with the fresh list it returns.
     * Never throws: the advice also suppresses, this is the second fence.
     */
    @SuppressWarnings("unchecked")
    public static void interceptorsResolved(Class<?> factory, String path, List<?> interceptors) {
        BiConsumer<Class<?>, List<Object>> agent = delegate;
        if (agent == null || interceptors == null || !BEDROCK_RUNTIME_INTERCEPTORS.equals(path)) {
            return;
        }
        try {
            agent.accept(factory, (List<Object>) interceptors);
        } catch (Throwable ignored) {
            // the agent already reported what it could; a client is never harmed by it
        }
    }
}
