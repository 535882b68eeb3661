package io.github.bedrockposthog.agent;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.pool.TypePool;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Byte Buddy's part: one advice on exit of {@code ClasspathInterceptorChainFactory.getInterceptors(String)}, which
 * every generated client builder calls with its service's {@code execution.interceptors} path while it builds a
 * client, and which returns a fresh mutable list. The method is the same from the oldest SDK with Converse (2.25.63)
 * to 2.57.8; if a release lacks it, nothing matches and the class is left as it is.
 */
final class AdviceWeaving {

    private static final ByteBuddy BYTE_BUDDY = new ByteBuddy().with(TypeValidation.DISABLED);
    private static final AsmVisitorWrapper ADVICE = Advice.to(GetInterceptorsAdvice.class)
            .on(named("getInterceptors").and(takesArguments(String.class)).and(returns(List.class)));

    private AdviceWeaving() {
    }

    /** {@code classFile} (the SDK's factory) with the advice woven in. */
    static byte[] weave(ClassLoader loader, byte[] classFile) {
        return weave(SdkWeaver.FACTORY, loader, classFile);
    }

    /**
     * Loads and runs Byte Buddy once, on one of the agent's own classes (which has no matching method), so that the
     * app's first client does not wait for it. Called on a daemon thread at startup.
     */
    static void warmUp() throws java.io.IOException {
        String name = AgentLog.class.getName();
        ClassLoader agentLoader = AdviceWeaving.class.getClassLoader();
        weave(name, agentLoader, ClassFileLocator.ForClassLoader.read(AgentLog.class));
    }

    private static byte[] weave(String name, ClassLoader loader, byte[] classFile) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        return BYTE_BUDDY.redefine(pool.describe(name).resolve(), locator).visit(ADVICE).make(pool).getBytes();
    }

    /**
     * Inlined into the SDK's class, so it names JDK types only: the hook is found by name through the system class
     * loader. Other services' clients pay one string comparison; Bedrock Runtime clients a reflective call.
     */
    static final class GetInterceptorsAdvice {

        private GetInterceptorsAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Origin Class<?> factory, @Advice.Argument(0) String path,
                         @Advice.Return List<?> interceptors) throws Exception {
            if ("software/amazon/awssdk/services/bedrockruntime/execution.interceptors".equals(path)) {
                Class.forName("io.github.bedrockposthog.agent.AgentHook", true, ClassLoader.getSystemClassLoader())
                        .getMethod("interceptorsResolved", Class.class, List.class)
                        .invoke(null, factory, interceptors);
            }
        }
    }
}
