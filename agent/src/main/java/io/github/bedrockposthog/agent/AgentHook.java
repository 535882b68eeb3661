package io.github.bedrockposthog.agent;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * What the advice woven into the AWS SDK calls, by reflection through the system class loader (where the JVM put the
 * agent jar): the SDK's loader may not delegate to the system loader (an app server's), so the woven code names no
 * class of ours. Nothing is added to the bootstrap class path, which would cost the JVM its class-data sharing for
 * app classes. Not an API.
 */
public final class AgentHook {

    private static volatile BiConsumer<Class<?>, List<Object>> attacher;

    private AgentHook() {
    }

    static void delegateTo(BiConsumer<Class<?>, List<Object>> agent) {
        attacher = agent;
    }

    /**
     * Called on exit of {@code ClasspathInterceptorChainFactory.getInterceptors(path)} for Bedrock Runtime clients,
     * with the fresh list it returns. Never throws.
     *
     * @param factory the woven SDK class, which tells the SDK's class loader
     * @param interceptors the list the SDK is about to use for the new client
     */
    @SuppressWarnings("unchecked")
    public static void interceptorsResolved(Class<?> factory, List<?> interceptors) {
        BiConsumer<Class<?>, List<Object>> agent = attacher;
        if (agent == null || factory == null || interceptors == null) {
            return;
        }
        try {
            agent.accept(factory, (List<Object>) interceptors);
        } catch (Throwable ignored) {
            // the attacher logged what it could; building a client is never harmed by the agent
        }
    }
}
