package io.github.bedrockposthog.agent;

import io.github.bedrockposthog.agent.bootstrap.InterceptorBridge;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Weaves one advice into the AWS SDK: on exit of {@code ClasspathInterceptorChainFactory.getInterceptors(String)},
 * which every generated client builder calls with its service's {@code execution.interceptors} path while it builds
 * a client. That method exists unchanged from the oldest SDK with Converse (2.25.63) to today's (2.57.8). Only that
 * one class is matched, by name, so class loading elsewhere pays a string comparison.
 */
final class SdkWeaver {

    static final String FACTORY = "software.amazon.awssdk.core.interceptor.ClasspathInterceptorChainFactory";

    private SdkWeaver() {
    }

    static void install(Instrumentation instrumentation, boolean alreadyRunning) {
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(new OneLineOnError())
                .with(AgentBuilder.TypeStrategy.Default.DECORATE);
        if (alreadyRunning) {
            builder = builder.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        }
        builder.type(named(FACTORY))
                .transform(SdkWeaver::adviseGetInterceptors)
                .installOn(instrumentation);
    }

    private static DynamicType.Builder<?> adviseGetInterceptors(DynamicType.Builder<?> type, TypeDescription description,
                                                                ClassLoader loader, JavaModule module,
                                                                java.security.ProtectionDomain domain) {
        return type.visit(Advice.to(GetInterceptorsAdvice.class).on(named("getInterceptors")
                .and(takesArguments(String.class)).and(returns(List.class))));
    }

    /** A class the agent could not weave: one line, and the class stays as the SDK made it. */
    static final class OneLineOnError extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            AgentLog.once("could not weave " + typeName + ", Bedrock calls of that SDK are not reported: "
                    + AgentLog.describe(throwable));
        }
    }

    /** Inlined into the SDK's class: may only name JDK types and the bootstrap bridge. */
    static final class GetInterceptorsAdvice {

        private GetInterceptorsAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Origin Class<?> factory, @Advice.Argument(0) String path,
                         @Advice.Return List<?> interceptors) {
            InterceptorBridge.interceptorsResolved(factory, path, interceptors);
        }
    }
}
