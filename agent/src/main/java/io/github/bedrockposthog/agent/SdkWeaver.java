package io.github.bedrockposthog.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Watches class loading for the one AWS SDK class the agent changes, {@code ClasspathInterceptorChainFactory}, and
 * hands it to {@link AdviceWeaving}. A plain transformer that compares one name, so other class loading pays one
 * string comparison; Byte Buddy is loaded on a daemon thread at startup, off the app's threads.
 */
final class SdkWeaver implements ClassFileTransformer {

    static final String FACTORY = "software.amazon.awssdk.core.interceptor.ClasspathInterceptorChainFactory";
    private static final String FACTORY_INTERNAL = FACTORY.replace('.', '/');

    private SdkWeaver() {
    }

    /** Registers the transformer; on a late attach also reweaves the SDKs already loaded. */
    static void install(Instrumentation instrumentation, boolean alreadyRunning) throws Exception {
        instrumentation.addTransformer(new SdkWeaver(), alreadyRunning);
        Thread warmUp = new Thread(SdkWeaver::warmUp, "bedrock-posthog-agent-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        if (alreadyRunning) {
            for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
                if (FACTORY.equals(loaded.getName()) && instrumentation.isModifiableClass(loaded)) {
                    instrumentation.retransformClasses(loaded);
                }
            }
        }
    }

    /** Byte Buddy's class loading off the app's threads; a failure here only means the first weave pays for it. */
    private static void warmUp() {
        try {
            AdviceWeaving.warmUp();
        } catch (Throwable ignored) {
            // the real weave reports its own failure
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefining,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (!FACTORY_INTERNAL.equals(className)) {
            return null;
        }
        try {
            return AdviceWeaving.weave(loader, classFile);
        } catch (Throwable t) {
            AgentLog.once("could not weave " + FACTORY + " in " + loader
                    + ", Bedrock calls of that SDK are not reported: " + AgentLog.describe(t));
            return null;
        }
    }
}
