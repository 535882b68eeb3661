package io.github.bedrockposthog.spring;

import io.github.bedrockposthog.BedrockPostHog;
import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auto-configuration alone, with a plain SDK client that nobody added an interceptor to: the properties reach
 * the zero-code interceptor, bad values stop the context with the builder's message, and Actuator is optional.
 */
class BedrockPostHogAutoConfigurationIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    @RegisterExtension
    static final LoopbackServers SERVERS = new LoopbackServers();
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BedrockPostHogAutoConfiguration.class,
                    BedrockPostHogActuatorAutoConfiguration.class));

    /** One Converse call through a client built as any library would, without interceptors. */
    private void converse() {
        try (BedrockRuntimeClient client = BedrockRuntimeClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.builder().build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .build()) {
            client.converse(r -> r.modelId("amazon.nova-lite-v1:0").messages(Message.builder()
                    .role(ConversationRole.USER).content(ContentBlock.fromText("Plan a picnic")).build()));
        }
    }

    private String[] posthog(String... more) {
        String[] all = new String[more.length + 2];
        all[0] = "posthog.api-key=phc_runner";
        all[1] = "posthog.host=" + capture.endpoint();
        System.arraycopy(more, 0, all, 2, more.length);
        return all;
    }

    @Test
    void thePropertiesConfigureTheZeroCodeInterceptor() {
        runner.withPropertyValues(posthog("posthog.bedrock.events=both", "posthog.bedrock.privacy-mode=true",
                        "posthog.bedrock.distinct-id=batch-job", "posthog.bedrock.max-queue=50",
                        "posthog.bedrock.max-text-chars=100", "posthog.bedrock.capture-stack=false",
                        "posthog.bedrock.flush-timeout=3s", "posthog.bedrock.gzip=true"))
                .run(context -> {
                    assertTrue(context.getBean(BedrockPostHog.class).reporting());
                    converse();
                });
        List<CapturedEvent> events = capture.awaitEvents(2, WAIT); // closing the context flushed them
        assertEquals(2, events.size(), () -> "events=both: two events for one call: " + events);
        CapturedEvent completion = capture.events("bedrock_completion").get(0);
        CapturedEvent generation = capture.events("$ai_generation").get(0);
        assertEquals("phc_runner", completion.apiKey());
        assertTrue(completion.gzipped(), "posthog.bedrock.gzip=true compresses the batch");
        assertEquals("batch-job", completion.distinctId());
        assertEquals("batch-job", generation.distinctId());
        assertFalse(completion.hasProperty("prompt"), "privacy mode: " + completion.properties());
        assertFalse(completion.hasProperty("generation"));
        assertNull(generation.property("$ai_input"), "privacy mode: " + generation.properties());
    }

    @Test
    void environmentVariablesWinOverPropertiesAsSpringSays() {
        Map<String, Object> environment = Map.of("POSTHOG_API_KEY", "phc_from_env",
                "POSTHOG_BEDROCK_DISTINCT_ID", "env-user", "POSTHOG_BEDROCK_PRIVACY_MODE", "true");
        runner.withPropertyValues(posthog("posthog.bedrock.distinct-id=properties-user"))
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .run(context -> converse());
        CapturedEvent event = capture.awaitEvents(1, WAIT).get(0);
        assertEquals("phc_from_env", event.apiKey(), "POSTHOG_API_KEY binds to posthog.api-key");
        assertEquals("env-user", event.distinctId(), "POSTHOG_BEDROCK_DISTINCT_ID binds to posthog.bedrock.distinct-id");
        assertFalse(event.hasProperty("prompt"), "POSTHOG_BEDROCK_PRIVACY_MODE binds to posthog.bedrock.privacy-mode");
    }

    @Test
    void anImpossibleValueStopsTheContextWithTheBuildersMessage() {
        runner.withPropertyValues(posthog("posthog.bedrock.max-queue=-5")).run(context -> {
            Throwable failure = context.getStartupFailure();
            assertNotNull(failure);
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertInstanceOf(IllegalArgumentException.class, root);
            assertEquals("maxQueue must be positive, not -5", root.getMessage());
        });
    }

    @Test
    void disabledReportsNothingEvenWhereAnotherConfigurationWould() {
        try (BedrockPostHog outer = BedrockPostHog.builder().apiKey("phc_outer").host(capture.endpoint().toString())
                .build().installAsDefault()) {
            runner.withPropertyValues(posthog("posthog.bedrock.enabled=false")).run(context -> {
                BedrockPostHog posthog = context.getBean(BedrockPostHog.class);
                assertFalse(posthog.reporting());
                assertEquals("UNKNOWN",
                        context.getBean(BedrockPostHogHealthIndicator.class).health().getStatus().getCode());
                converse(); // the context's disabled configuration applies, not the outer one
            });
            outer.close(); // flushes: anything it had received would have arrived now
        }
        assertEquals(0, capture.requestCount(), () -> "nothing sent: " + capture.events());
    }

    @Test
    void withoutActuatorThereIsNoHealthIndicatorAndEverythingElseWorks() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, MeterBinder.class))
                .withPropertyValues(posthog())
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    assertTrue(context.getBeansOfType(BedrockPostHogHealthIndicator.class).isEmpty());
                    assertTrue(context.getBeansOfType(BedrockPostHogMetrics.class).isEmpty());
                    assertTrue(context.getBean(BedrockPostHog.class).reporting());
                });
    }

    @Test
    void theIdeMetadataListsEveryProperty() throws Exception {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "generated by spring-boot-configuration-processor");
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String name : List.of("posthog.api-key", "posthog.host", "posthog.bedrock.enabled",
                "posthog.bedrock.privacy-mode", "posthog.bedrock.events", "posthog.bedrock.prices",
                "posthog.bedrock.distinct-id", "posthog.bedrock.max-queue", "posthog.bedrock.flush-timeout",
                "posthog.bedrock.capture-stack", "posthog.bedrock.max-text-chars", "posthog.bedrock.gzip")) {
            assertTrue(metadata.contains("\"name\": \"" + name + "\""), name + " in " + metadata);
        }
        assertTrue(metadata.contains("\"type\": \"java.time.Duration\""), "flush-timeout is a Duration");
    }
}
