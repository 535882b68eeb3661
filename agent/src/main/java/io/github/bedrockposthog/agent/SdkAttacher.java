package io.github.bedrockposthog.agent;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Adds one interceptor to each Bedrock Runtime client's classpath interceptors, the way the interceptor's own
 * {@code execution.interceptors} file would if its jar were on the app's class path:
 * <ul>
 *   <li>the SDK that builds the client is found from the woven factory and the thread's context loader (the SDK
 *       itself reads {@code execution.interceptors} through the context loader);</li>
 *   <li>if the list already holds bedrock-posthog's interceptor (the app has our jar or the Spring Boot starter),
 *       the app's copy reports and nothing is added;</li>
 *   <li>otherwise an interceptor from {@link SdkLoaders}' loader for that SDK is appended.</li>
 * </ul>
 * Runs while the app builds a client, so it never throws and logs at most one line per condition.
 */
final class SdkAttacher implements BiConsumer<Class<?>, List<Object>> {

    static final String INTERCEPTOR = "io.github.bedrockposthog.PostHogBedrockInterceptor";
    static final String CLIENT = "software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient";
    static final String EXECUTION_INTERCEPTOR = "software.amazon.awssdk.core.interceptor.ExecutionInterceptor";

    private final SdkLoaders loaders;

    SdkAttacher(NestedInterceptor nested) {
        this.loaders = new SdkLoaders(nested);
    }

    @Override
    public void accept(Class<?> factory, List<Object> interceptors) {
        try {
            if (hasOurs(interceptors)) {
                AgentLog.once("the app carries bedrock-posthog itself; its own interceptor reports, the agent adds none");
                return;
            }
            Class<?> client = bedrockRuntimeClient(factory);
            if (client == null) {
                AgentLog.once("a Bedrock Runtime client is being built, but neither " + factory.getClassLoader()
                        + " nor the context class loader sees " + CLIENT + ": not reported");
                return;
            }
            Object interceptor = loaders.interceptorFor(client);
            if (interceptor != null) {
                interceptors.add(interceptor);
            }
        } catch (Throwable t) {
            AgentLog.once("could not attach to a Bedrock Runtime client, it is not reported: " + AgentLog.describe(t));
        }
    }

    private static boolean hasOurs(List<Object> interceptors) {
        for (Object interceptor : interceptors) {
            if (interceptor != null && INTERCEPTOR.equals(interceptor.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Bedrock Runtime client interface of the SDK that owns {@code factory}: from the factory's loader, else
     * from the context loader if that loader resolves the same SDK core.
     */
    private static Class<?> bedrockRuntimeClient(Class<?> factory) {
        Class<?> sdkInterceptorType = load(EXECUTION_INTERCEPTOR, factory.getClassLoader());
        ClassLoader[] candidates = {factory.getClassLoader(), Thread.currentThread().getContextClassLoader()};
        for (ClassLoader candidate : candidates) {
            Class<?> client = load(CLIENT, candidate);
            if (client != null && load(EXECUTION_INTERCEPTOR, client.getClassLoader()) == sdkInterceptorType) {
                return client;
            }
        }
        return null;
    }

    static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
