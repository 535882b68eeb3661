package io.github.bedrockposthog.agent.it;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import io.github.bedrockposthog.testkit.Responders;
import io.github.bedrockposthog.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import com.sun.tools.attach.VirtualMachine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.github.bedrockposthog.agent.it.ChildJvm.app;
import static io.github.bedrockposthog.agent.it.ChildJvm.classpath;
import static io.github.bedrockposthog.agent.it.ChildJvm.jars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -javaagent:bedrock-posthog-agent.jar} end to end: apps that know nothing of bedrock-posthog, started in
 * child JVMs against the loopback Bedrock emulator, report one event per call to the loopback capture server, and
 * print exactly what they print without the agent.
 */
class AgentIT {

    private static final String KEY = "phc_agent";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ANSWER = Responders.DEFAULT_ANSWER;
    private static final String SHADED_MAIN = "example.shaded.BedrockCalls";

    @RegisterExtension
    static final LoopbackServers SERVERS = new LoopbackServers();
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    @TempDir
    Path work;

    private ChildJvm agentWithKey() {
        return ChildJvm.withAgent().env("POSTHOG_API_KEY", KEY).env("POSTHOG_HOST", capture.endpoint().toString());
    }

    private String bedrock() {
        return emulator.endpoint().toString();
    }

    @Test
    void aShadedUberJarStartedWithJavaJarReportsEveryCallAndPrintsWhatItPrintsWithoutTheAgent() throws Exception {
        ChildJvm.Run without = ChildJvm.withoutAgent().env("POSTHOG_API_KEY", KEY)
                .env("POSTHOG_HOST", capture.endpoint().toString())
                .run(work, "-jar", app("bedrock-posthog-agent-shaded-app.jar").toString(), bedrock()).assertCompleted(6);
        assertEquals(0, capture.requestCount(), "nothing reports without the agent");
        assertTheShadedAppSawBedrocksAnswers(without);

        ChildJvm.Run with = agentWithKey().run(work, "-jar", app("bedrock-posthog-agent-shaded-app.jar").toString(), bedrock())
                .assertCompleted(6);
        assertEquals(without.appLines(), with.appLines(), "the app's output is unchanged");
        assertEquals("app", with.line("app loaded by: "));
        assertOneAgentLine(with, "reporting the Bedrock Runtime calls of AWS SDK ");
        assertOneEventPerShadedAppCall(with);
    }

    @Test
    void aSpringBootExecutableJarWithSpringAiReportsItsCallAndItsStream() throws Exception {
        ChildJvm.Run run = agentWithKey().run(work, "-jar", app("bedrock-posthog-agent-spring-boot-app.jar").toString(),
                "--app.bedrock.endpoint=" + bedrock()).assertCompleted(2);
        assertEquals("org.springframework.boot.loader.launch.LaunchedClassLoader", run.line("app loaded by: "),
                "the SDK lives in Spring Boot's nested-jar class loader, not on the system class path");
        assertEquals(ANSWER, run.line("app call: "), run::toString);
        assertEquals(ANSWER, run.line("app stream: ").trim(), run::toString);
        assertOneAgentLine(run, "reporting the Bedrock Runtime calls of AWS SDK ");

        List<CapturedEvent> events = eventsOf(2, run);
        completion(events, "Converse", "us.amazon.nova-lite-v1:0", false, "Name a river");
        completion(events, "ConverseStream", "us.amazon.nova-lite-v1:0", true, "Name a desert");
    }

    @Test
    void anAppServerStyleLoaderThatHidesTheSystemClassPathIsReportedToo() throws Exception {
        ChildJvm.Run run = agentWithKey().run(work, "-cp", app("bedrock-posthog-agent-shaded-app-launcher.jar").toString(),
                "example.isolating.IsolatingLauncher", app("bedrock-posthog-agent-shaded-app.jar").toString(), SHADED_MAIN, bedrock())
                .assertCompleted(6);
        assertEquals("deployment", run.line("app loaded by: "));
        assertTheShadedAppSawBedrocksAnswers(run);
        assertOneAgentLine(run, "reporting the Bedrock Runtime calls of AWS SDK ");
        assertOneEventPerShadedAppCall(run);
    }

    @Test
    void withoutAKeyTheAgentSaysSoOnceAndTheAppRunsAsWithoutIt() throws Exception {
        ChildJvm.Run without = ChildJvm.withoutAgent().run(work, "-jar", app("bedrock-posthog-agent-shaded-app.jar").toString(), bedrock())
                .assertCompleted(6);
        ChildJvm.Run with = ChildJvm.withAgent().env("POSTHOG_HOST", capture.endpoint().toString())
                .run(work, "-jar", app("bedrock-posthog-agent-shaded-app.jar").toString(), bedrock()).assertCompleted(6);
        assertEquals(without.appLines(), with.appLines(), "the app's output is unchanged");
        assertEquals(List.of("no PostHog API key (POSTHOG_API_KEY or -Dposthog.apiKey): inactive, "
                + "the app runs as without the agent"), with.agentLines());
        assertEquals(0, capture.requestCount(), "an inert agent sends nothing");
    }

    @Test
    void anAppThatCarriesThePlainJarAlreadyIsReportedOnceByItsOwnCopy() throws Exception {
        List<java.nio.file.Path> cp = new ArrayList<>();
        cp.add(app("bedrock-posthog-agent-shaded-app.jar"));
        cp.addAll(jars("plain"));
        ChildJvm.Run run = agentWithKey().run(work, "-cp", classpath(cp), SHADED_MAIN, bedrock()).assertCompleted(6);
        assertTheShadedAppSawBedrocksAnswers(run);
        assertOneEventPerShadedAppCall(run);
        assertOneAgentLine(run, "the app carries bedrock-posthog itself");
    }

    @Test
    void anSdkTooOldForBedrockPostHogGetsOneLineAndTheAppRunsUnchanged() throws Exception {
        List<java.nio.file.Path> cp = new ArrayList<>();
        cp.add(app("bedrock-posthog-agent-shaded-app-old-sdk-app.jar"));
        cp.addAll(jars("old-sdk"));
        ChildJvm.Run run = agentWithKey().run(work, "-cp", classpath(cp), "example.oldsdk.InvokeOnly", bedrock())
                .assertCompleted(1);
        assertTrue(run.line("app InvokeModel sync: ").contains(ANSWER), run::toString);
        assertEquals(2, run.appLines().size(), run::toString);
        assertTrue(!run.stderr.contains("io.github.bedrockposthog"), () -> "the interceptor was never loaded:\n" + run);
        assertEquals(0, capture.requestCount(), "nothing is reported for an SDK the interceptor does not support");
        assertOneAgentLine(run, "AWS SDK 2.21.0 in ");
        assertTrue(run.agentLines().get(0).contains("is older than 2.25.63"), run::toString);
    }

    @Test
    void attachedToARunningAppItReportsTheClientsBuiltAfterwards() throws Exception {
        ChildJvm.Run run = ChildJvm.withoutAgent().env("POSTHOG_API_KEY", KEY)
                .env("POSTHOG_HOST", capture.endpoint().toString())
                .run(work, child -> {
                    VirtualMachine vm = VirtualMachine.attach(String.valueOf(child.pid()));
                    try {
                        vm.loadAgent(ChildJvm.AGENT.toString());
                    } finally {
                        vm.detach();
                    }
                }, "-cp", app("bedrock-posthog-agent-shaded-app.jar").toString(), "example.shaded.LateAttachApp",
                        bedrock())
                .assertCompleted(2);
        assertTrue(run.line("app InvokeModel before: ").contains(ANSWER), run::toString);
        assertEquals(ANSWER, run.line("app Converse after: "), run::toString);
        List<CapturedEvent> events = eventsOf(1, run);
        completion(events, "Converse", "us.amazon.nova-lite-v1:0", false, "Name a mountain");
        assertOneAgentLine(run, "reporting the Bedrock Runtime calls of AWS SDK ");
    }

    private static void assertOneAgentLine(ChildJvm.Run run, String start) {
        List<String> lines = run.agentLines();
        assertEquals(1, lines.size(), () -> "one agent line:\n" + run);
        assertTrue(lines.get(0).startsWith(start), () -> "agent line starting with '" + start + "':\n" + run);
    }

    private static void assertTheShadedAppSawBedrocksAnswers(ChildJvm.Run run) {
        assertTrue(run.line("app InvokeModel sync: ").contains(ANSWER), run::toString);
        assertEquals(ANSWER, run.line("app Converse sync: "), run::toString);
        assertEquals("400", run.line("app InvokeModel error: "), run::toString);
        assertTrue(run.line("app InvokeModel async: ").contains(ANSWER), run::toString);
        assertEquals(ANSWER, run.line("app ConverseStream: ").trim(), run::toString);
        assertTrue(!run.line("app InvokeModelWithResponseStream: ").startsWith("0 "), run::toString);
    }

    /** After the child exited (its exit flush done), exactly one complete event per call of the shaded app. */
    private void assertOneEventPerShadedAppCall(ChildJvm.Run run) {
        List<CapturedEvent> events = eventsOf(6, run);
        completion(events, "InvokeModel", "meta.llama3-1-8b-instruct-v1:0", false, "Name a river");
        completion(events, "Converse", "us.amazon.nova-lite-v1:0", false, "Name a mountain");
        completion(events, "InvokeModel", "anthropic.claude-3-haiku-20240307-v1:0", false, "Name a lake");
        completion(events, "ConverseStream", "us.amazon.nova-lite-v1:0", true, "Name a desert");
        completion(events, "InvokeModelWithResponseStream", "meta.llama3-1-8b-instruct-v1:0", true, "Name a forest");
        List<CapturedEvent> errors = events.stream().filter(e -> e.event().equals("bedrock_error"))
                .collect(Collectors.toList());
        assertEquals(1, errors.size(), () -> "one error event: " + events);
        CapturedEvent error = errors.get(0);
        assertEquals(400, ((Number) error.property("error_code")).intValue());
        assertEquals("ValidationException", error.property("error_name"));
        assertEquals("InvokeModel", error.property("operation"));
        assertEquals("meta.llama3-1-8b-instruct-v1:0", error.property("model_id"));
    }

    private List<CapturedEvent> eventsOf(int calls, ChildJvm.Run run) {
        capture.awaitEvents(calls, WAIT);
        List<CapturedEvent> events = capture.events().stream().filter(e -> KEY.equals(e.apiKey()))
                .collect(Collectors.toList());
        assertEquals(calls, events.size(), () -> "one event per call, got " + events + "\n" + run);
        return events;
    }

    private static void completion(List<CapturedEvent> events, String operation, String model, boolean stream,
                                   String prompt) {
        List<CapturedEvent> matching = events.stream().filter(e -> e.event().equals("bedrock_completion")
                && operation.equals(e.property("operation")) && model.equals(e.property("model_id")))
                .collect(Collectors.toList());
        assertEquals(1, matching.size(), () -> "one " + operation + " " + model + " event in " + events);
        CapturedEvent e = matching.get(0);
        String what = operation + " " + model + ": " + e.properties();
        assertEquals(stream, e.property("stream"), what);
        assertEquals(prompt, e.property("prompt"), what);
        assertEquals(ANSWER, e.property("generation"), what);
        assertEquals(Tokens.estimate(prompt), number(e, "prompt_token_count"), what);
        assertEquals(Tokens.estimate(ANSWER), number(e, "generation_token_count"), what);
        assertNotNull(e.property("total_cost_in_dollars"), what);
        assertNotNull(e.distinctId(), what);
    }

    private static int number(CapturedEvent e, String property) {
        Object value = e.property(property);
        assertNotNull(value, () -> property + " missing in " + e.properties());
        return ((Number) value).intValue();
    }
}
