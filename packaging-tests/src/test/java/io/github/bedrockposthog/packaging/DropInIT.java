package io.github.bedrockposthog.packaging;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import io.github.bedrockposthog.testkit.Responders;
import io.github.bedrockposthog.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.github.bedrockposthog.packaging.AppLauncher.buildAppJar;
import static io.github.bedrockposthog.packaging.AppLauncher.classpath;
import static io.github.bedrockposthog.packaging.AppLauncher.jar;
import static io.github.bedrockposthog.packaging.AppLauncher.jars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drop-in promise, end to end in child JVMs: an unchanged app, compiled against the AWS SDK under test
 * ({@code -Dcompat.awssdk.version}), reports every Bedrock call to PostHog once our jar is on its class path.
 */
class DropInIT {

    private static final String KEY = "phc_drop_in";
    private static final String APP_KEY = "phc_the_apps_own";
    private static final int CALLS = 6;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final LoopbackServers SERVERS = new LoopbackServers();
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    @TempDir
    Path work;

    private Map<String, String> posthogEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("POSTHOG_API_KEY", KEY);
        env.put("POSTHOG_HOST", capture.endpoint().toString());
        return env;
    }

    @Test
    void theAppsClasspathIsTheSdkReleaseUnderTestAndNothingOfOurs() {
        List<String> sdk = jars("sdk").stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
        assertEquals(List.of("bedrockruntime-" + AppLauncher.AWS_SDK_VERSION + ".jar"),
                sdk.stream().filter(n -> n.startsWith("bedrockruntime-")).collect(Collectors.toList()));
        assertEquals(List.of(), sdk.stream().filter(n -> n.startsWith("bedrock-posthog") || n.startsWith("posthog-")
                || n.startsWith("jackson-core-")).collect(Collectors.toList()), "the app alone has none of these");
    }

    @Test
    void anUnchangedAppReportsEveryCallWithOnlyTheAllJarAdded() throws Exception {
        Path app = buildAppJar(work, jars("sdk"), "example/app/BedrockApp.java");
        AppLauncher.Run run = AppLauncher.run(work, classpath(List.of(app), List.of(jar("all", "-all.jar")), jars("sdk")),
                posthogEnvironment(), "example.app.BedrockApp", emulator.endpoint().toString());
        run.assertCompleted(CALLS);
        assertTheAppSawBedrocksAnswers(run);
        assertOneEventPerCall(run);
    }

    @Test
    void theAppsOwnOlderJacksonOkHttpKotlinAndPostHogComeFirstAndNothingClashes() throws Exception {
        List<Path> conflicts = jars("conflicts");
        Path app = buildAppJar(work, classpath(conflicts, jars("sdk")),
                "example/app/BedrockApp.java", "example/app/ConflictingLibrariesApp.java");
        // the app's libraries BEFORE ours: whatever the JVM finds first wins
        AppLauncher.Run run = AppLauncher.run(work,
                classpath(List.of(app), conflicts, List.of(jar("all", "-all.jar")), jars("sdk")),
                posthogEnvironment(), "example.app.ConflictingLibrariesApp",
                emulator.endpoint().toString(), capture.endpoint().toString(), APP_KEY);
        run.assertCompleted(CALLS);
        assertEquals("2.12.7", run.line("app jackson-core "), "the app runs on its own Jackson");
        assertEquals("1.8.21", run.line("app kotlin-stdlib "), "the app runs on its own Kotlin");
        assertEquals("4.12.0 status 200", run.line("app okhttp "), "the app runs on its own OkHttp");
        run.line("app posthog-java event sent");
        assertTheAppSawBedrocksAnswers(run);

        List<CapturedEvent> own = capture.awaitEvents(CALLS + 2, WAIT).stream()
                .filter(e -> APP_KEY.equals(e.apiKey())).collect(Collectors.toList());
        assertEquals(List.of("app_event_via_okhttp", "app_event_via_posthog_java"),
                own.stream().map(CapturedEvent::event).sorted().collect(Collectors.toList()),
                () -> "the app's own analytics arrive too: " + capture.events());
        CapturedEvent viaOkHttp = own.stream().filter(e -> e.event().equals("app_event_via_okhttp")).findFirst()
                .orElseThrow(AssertionError::new);
        assertEquals("2.12.7", viaOkHttp.property("jackson"));
        assertOneEventPerCall(run);
    }

    @Test
    void thePlainJarWithItsMavenDependenciesWorksTheSame() throws Exception {
        Path app = buildAppJar(work, jars("sdk"), "example/app/BedrockApp.java");
        AppLauncher.Run run = AppLauncher.run(work, classpath(List.of(app), jars("plain"), jars("sdk")),
                posthogEnvironment(), "example.app.BedrockApp", emulator.endpoint().toString());
        run.assertCompleted(CALLS);
        assertTheAppSawBedrocksAnswers(run);
        assertOneEventPerCall(run);
    }

    private static void assertTheAppSawBedrocksAnswers(AppLauncher.Run run) {
        String answer = Responders.DEFAULT_ANSWER;
        assertTrue(run.line("app InvokeModel sync default-client: ").contains(answer), run.output);
        assertEquals(answer, run.line("app Converse sync url-connection: "), run.output);
        assertEquals("400", run.line("app InvokeModel error: "), run.output);
        assertTrue(run.line("app InvokeModel async netty: ").contains(answer), run.output);
        assertEquals(answer, run.line("app ConverseStream async netty: ").trim(), run.output);
        assertTrue(!run.line("app InvokeModelWithResponseStream async netty: ").startsWith("0 "), run.output);
    }

    /** After the child exited (its exit flush done), exactly one complete event per call has arrived. */
    private void assertOneEventPerCall(AppLauncher.Run run) {
        capture.awaitEvents(CALLS, WAIT);
        List<CapturedEvent> events = capture.events().stream().filter(e -> KEY.equals(e.apiKey()))
                .collect(Collectors.toList());
        assertEquals(CALLS, events.size(), () -> "one event per call, got " + events + "\n" + run.output);

        int answerTokens = Tokens.estimate(Responders.DEFAULT_ANSWER);
        completion(events, "InvokeModel", "meta.llama3-1-8b-instruct-v1:0", false, "Name a river", answerTokens);
        completion(events, "Converse", "us.amazon.nova-lite-v1:0", false, "Name a mountain", answerTokens);
        completion(events, "InvokeModel", "anthropic.claude-3-haiku-20240307-v1:0", false, "Name a lake", answerTokens);
        completion(events, "ConverseStream", "us.amazon.nova-lite-v1:0", true, "Name a desert", answerTokens);
        completion(events, "InvokeModelWithResponseStream", "meta.llama3-1-8b-instruct-v1:0", true, "Name a forest",
                answerTokens);

        List<CapturedEvent> errors = events.stream().filter(e -> e.event().equals("bedrock_error"))
                .collect(Collectors.toList());
        assertEquals(1, errors.size(), () -> "one error event: " + events);
        CapturedEvent error = errors.get(0);
        assertEquals(400, ((Number) error.property("error_code")).intValue());
        assertEquals("ValidationException", error.property("error_name"));
        assertEquals("InvokeModel", error.property("operation"));
    }

    private static void completion(List<CapturedEvent> events, String operation, String model, boolean stream,
                                   String prompt, int outputTokens) {
        List<CapturedEvent> matching = events.stream().filter(e -> e.event().equals("bedrock_completion")
                && operation.equals(e.property("operation")) && model.equals(e.property("model_id")))
                .collect(Collectors.toList());
        assertEquals(1, matching.size(), () -> "one " + operation + " " + model + " event in " + events);
        CapturedEvent e = matching.get(0);
        String what = operation + " " + model + ": " + e.properties();
        assertEquals(stream, e.property("stream"), what);
        assertEquals(prompt, e.property("prompt"), what);
        assertEquals(Responders.DEFAULT_ANSWER, e.property("generation"), what);
        assertEquals(Tokens.estimate(prompt), number(e, "prompt_token_count"), what);
        assertEquals(outputTokens, number(e, "generation_token_count"), what);
        assertNotNull(e.property("total_cost_in_dollars"), what);
    }

    private static int number(CapturedEvent e, String property) {
        Object value = e.property(property);
        assertNotNull(value, () -> property + " missing in " + e.properties());
        return ((Number) value).intValue();
    }
}
