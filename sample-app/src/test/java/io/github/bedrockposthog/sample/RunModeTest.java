package io.github.bedrockposthog.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class RunModeTest {

    private final AtomicInteger probes = new AtomicInteger();

    private Supplier<AwsEnvironment> found(AwsEnvironment environment) {
        return () -> {
            probes.incrementAndGet();
            return environment;
        };
    }

    private static AppConfig config(Map<String, String> environment) {
        return AppConfig.from(environment, name -> null);
    }

    @Test
    void withoutCredentialsEverythingRunsLocally() {
        RunMode mode = RunMode.decide(config(Map.of()), found(new AwsEnvironment(null, "no AWS credentials found")));

        assertTrue(mode.localBedrock());
        assertEquals("no AWS credentials found", mode.bedrockReason());
        assertTrue(mode.localPostHog());
        assertEquals("POSTHOG_API_KEY is not set", mode.postHogReason());
    }

    @Test
    void withCredentialsAndRegionBedrockIsReal() {
        RunMode mode = RunMode.decide(config(Map.of()), found(new AwsEnvironment(Region.US_WEST_2, null)));

        assertFalse(mode.localBedrock());
        assertEquals(Region.US_WEST_2, mode.region());
        assertTrue(mode.localPostHog());
    }

    @Test
    void aPostHogKeyMakesPostHogRealWhateverBedrockIs() {
        RunMode mode = RunMode.decide(config(Map.of("POSTHOG_API_KEY", "phc_x")),
                found(new AwsEnvironment(null, "no AWS credentials found")));

        assertTrue(mode.localBedrock());
        assertFalse(mode.localPostHog());
    }

    @Test
    void bedrockOfflineTrueNeverLooksForCredentials() {
        RunMode mode = RunMode.decide(config(Map.of("BEDROCK_OFFLINE", "true")), found(new AwsEnvironment(Region.US_EAST_1, null)));

        assertTrue(mode.localBedrock());
        assertEquals(0, probes.get());
    }

    @Test
    void bedrockOfflineFalseAlwaysUsesRealBedrock() {
        RunMode mode = RunMode.decide(config(Map.of("BEDROCK_OFFLINE", "false")), found(new AwsEnvironment(null, "none")));

        assertFalse(mode.localBedrock());
        assertNull(mode.region(), "the SDK's own region chain decides");
        assertEquals(0, probes.get());
    }
}
