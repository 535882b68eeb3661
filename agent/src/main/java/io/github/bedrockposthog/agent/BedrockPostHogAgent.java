package io.github.bedrockposthog.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry point of {@code -javaagent:bedrock-posthog-agent.jar} ({@code Premain-Class}) and of attaching to a running
 * JVM ({@code Agent-Class}; only clients built after the attach are reported).
 *
 * <p>Fail-safe above all: whatever goes wrong here is one line on standard error and the app runs as without the
 * agent. Nothing of the interceptor is loaded at this point; see {@link SdkAttacher} for when and where it is.
 */
public final class BedrockPostHogAgent {

    private BedrockPostHogAgent() {
    }

    /**
     * Called by the JVM before the app's {@code main}.
     *
     * @param arguments the text after {@code =} in the flag; unused
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        start(instrumentation, false);
    }

    /**
     * Called when the agent is attached to a running JVM.
     *
     * @param arguments the attach arguments; unused
     * @param instrumentation the JVM's instrumentation
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(instrumentation, true);
    }

    private static void start(Instrumentation instrumentation, boolean alreadyRunning) {
        try {
            if (!AgentSettings.hasApiKey()) {
                AgentLog.line("no PostHog API key (POSTHOG_API_KEY or -Dposthog.apiKey): inactive, "
                        + "the app runs as without the agent");
                return;
            }
            AgentHook.delegateTo(new SdkAttacher(NestedInterceptor.fromAgentJar()));
            SdkWeaver.install(instrumentation, alreadyRunning);
        } catch (Throwable t) {
            AgentLog.line("could not start, the app runs as without the agent: " + AgentLog.describe(t));
        }
    }
}
