package io.github.bedrockposthog.agent;

import java.lang.reflect.Constructor;

/**
 * One interceptor class loader per AWS SDK in the JVM, decided once per SDK and remembered on the SDK's
 * {@code BedrockRuntimeClient} class itself ({@link ClassValue}): no map holds an app's class loader, so an app
 * server can still unload a web app and, with it, our loader on top of it.
 */
final class SdkLoaders {

    /** The oldest AWS SDK release bedrock-posthog is tested with (docs/COMPATIBILITY.md). */
    static final SdkVersion OLDEST_SUPPORTED = SdkVersion.parse("2.25.63");

    private final NestedInterceptor nested;
    /** Racing threads may each compute a holder, but ClassValue installs one; only that one ever attaches. */
    private final ClassValue<Attachment> attachments = new ClassValue<Attachment>() {
        @Override
        protected Attachment computeValue(Class<?> bedrockRuntimeClient) {
            return new Attachment(bedrockRuntimeClient);
        }
    };

    SdkLoaders(NestedInterceptor nested) {
        this.nested = nested;
    }

    /** A new interceptor for one client of the SDK that defined {@code bedrockRuntimeClient}; null to step aside. */
    Object interceptorFor(Class<?> bedrockRuntimeClient) throws ReflectiveOperationException {
        Constructor<?> constructor = attachments.get(bedrockRuntimeClient).constructor();
        return constructor == null ? null : constructor.newInstance();
    }

    /** The decision for one SDK, made on first use, once. */
    private final class Attachment {
        private final Class<?> bedrockRuntimeClient;
        private boolean decided;
        private Constructor<?> constructor;

        Attachment(Class<?> bedrockRuntimeClient) {
            this.bedrockRuntimeClient = bedrockRuntimeClient;
        }

        synchronized Constructor<?> constructor() {
            if (!decided) {
                constructor = attach(bedrockRuntimeClient);
                decided = true;
            }
            return constructor;
        }
    }

    /** Null (after one line of log) when this SDK does not fit; the decision is kept for the SDK's lifetime. */
    private Constructor<?> attach(Class<?> bedrockRuntimeClient) {
        ClassLoader sdkLoader = bedrockRuntimeClient.getClassLoader();
        try {
            SdkVersion version = SdkVersion.of(sdkLoader);
            if (version == null || version.isOlderThan(OLDEST_SUPPORTED)) {
                AgentLog.line("AWS SDK " + (version == null ? "of unknown version" : version) + " in " + sdkLoader
                        + " is older than " + OLDEST_SUPPORTED + ", the oldest bedrock-posthog supports: "
                        + "its Bedrock calls are not reported, the app runs as without the agent");
                return null;
            }
            ClassLoader ours = new InterceptorClassLoader(nested.jar(), sdkLoader);
            Class<?> interceptor = Class.forName(SdkAttacher.INTERCEPTOR, true, ours);
            Class<?> sdkType = Class.forName(SdkAttacher.EXECUTION_INTERCEPTOR, false, sdkLoader);
            if (!sdkType.isAssignableFrom(interceptor)) {
                AgentLog.line("the interceptor does not link against the AWS SDK in " + sdkLoader
                        + ": its Bedrock calls are not reported");
                return null;
            }
            Constructor<?> constructor = interceptor.getConstructor();
            AgentLog.line("reporting the Bedrock Runtime calls of AWS SDK " + version + " in " + sdkLoader);
            return constructor;
        } catch (Throwable t) {
            AgentLog.line("could not load the interceptor next to the AWS SDK in " + sdkLoader
                    + ", its Bedrock calls are not reported: " + AgentLog.describe(t));
            return null;
        }
    }
}
