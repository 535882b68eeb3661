package io.github.bedrockposthog.internal.config;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    private static final Map<Settings.Key, String> NONE = new EnumMap<>(Settings.Key.class);

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Settings s = Settings.resolve(NONE, name -> null, name -> null);
        assertNull(s.apiKey());
        assertEquals("https://us.i.posthog.com", s.host());
        assertTrue(s.enabled());
        assertFalse(s.active(), "no key: inert");
        assertFalse(s.privacyMode());
        assertEquals(5_000, s.flushTimeoutMillis());
        assertEquals(10_000, s.maxQueue());
        assertEquals(200_000, s.maxTextChars());
        assertTrue(s.captureStack());
    }

    @Test
    void deliverySettingsHaveTheirDefaultsAndNames() {
        Settings.Delivery defaults = Settings.resolve(NONE, name -> null, name -> null).delivery();
        assertEquals(600_000, defaults.retryMaxAgeMillis());
        assertEquals(0, defaults.retryMaxAttempts(), "no attempt limit unless set");
        assertEquals(250, defaults.retryBackoffMillis());
        assertEquals(30_000, defaults.retryBackoffMaxMillis());
        assertEquals(30_000, defaults.requestTimeoutMillis());
        assertFalse(defaults.gzip(), "plain JSON unless gzip is asked for");
        Map<String, String> env = Map.of("POSTHOG_BEDROCK_RETRY_MAX_AGE_MS", "5000", "POSTHOG_BEDROCK_RETRY_MAX_ATTEMPTS", "4",
                "POSTHOG_BEDROCK_RETRY_BACKOFF_MS", "50", "POSTHOG_BEDROCK_RETRY_BACKOFF_MAX_MS", "500",
                "POSTHOG_BEDROCK_REQUEST_TIMEOUT_MS", "7000", "POSTHOG_BEDROCK_GZIP", "true");
        Settings.Delivery fromEnv = Settings.resolve(NONE, name -> null, env::get).delivery();
        assertEquals(5_000, fromEnv.retryMaxAgeMillis());
        assertEquals(4, fromEnv.retryMaxAttempts());
        assertEquals(50, fromEnv.retryBackoffMillis());
        assertEquals(500, fromEnv.retryBackoffMaxMillis());
        assertEquals(7_000, fromEnv.requestTimeoutMillis());
        assertTrue(fromEnv.gzip());
        Map<String, String> props = Map.of("posthog.bedrock.retryMaxAgeMs", "9000");
        assertEquals(9_000, Settings.resolve(NONE, props::get, env::get).delivery().retryMaxAgeMillis());
    }

    @Test
    void systemPropertyBeatsEnvironmentAndBuilderBeatsBoth() {
        Map<String, String> env = Map.of("POSTHOG_API_KEY", "phc_env", "POSTHOG_HOST", "http://env",
                "POSTHOG_BEDROCK_PRIVACY_MODE", "true", "POSTHOG_BEDROCK_MAX_QUEUE", "7");
        Map<String, String> props = Map.of("posthog.apiKey", "phc_prop", "posthog.host", "http://prop/");
        Settings fromSources = Settings.resolve(NONE, props::get, env::get);
        assertEquals("phc_prop", fromSources.apiKey());
        assertEquals("http://prop", fromSources.host(), "trailing slash removed");
        assertTrue(fromSources.privacyMode(), "environment applies where no property is set");
        assertEquals(7, fromSources.maxQueue());

        Map<Settings.Key, String> builder = new EnumMap<>(Settings.Key.class);
        builder.put(Settings.Key.API_KEY, "phc_builder");
        builder.put(Settings.Key.PRIVACY_MODE, "false");
        Settings fromBuilder = Settings.resolve(builder, props::get, env::get);
        assertEquals("phc_builder", fromBuilder.apiKey());
        assertFalse(fromBuilder.privacyMode());
        assertEquals("http://prop", fromBuilder.host());
    }

    @Test
    void unparsableValuesFallBackToDefaults() {
        Map<String, String> env = Map.of("POSTHOG_BEDROCK_FLUSH_TIMEOUT_MS", "soon", "POSTHOG_BEDROCK_MAX_QUEUE", "-3",
                "POSTHOG_BEDROCK_ENABLED", "maybe");
        Settings s = Settings.resolve(NONE, name -> null, env::get);
        assertEquals(5_000, s.flushTimeoutMillis());
        assertEquals(10_000, s.maxQueue());
        assertTrue(s.enabled());
    }

    @Test
    void disabledOrKeylessIsInactive() {
        Settings off = Settings.resolve(NONE, name -> null,
                Map.of("POSTHOG_API_KEY", "phc_x", "POSTHOG_BEDROCK_ENABLED", "false")::get);
        assertFalse(off.active());
    }

    @Test
    void theKeyNeverAppearsInToString() {
        Settings s = Settings.resolve(NONE, name -> null, Map.of("POSTHOG_API_KEY", "phc_secret_123")::get);
        assertFalse(s.toString().contains("phc_secret_123"));
    }

    @Test
    void aThrowingPropertySourceCountsAsUnset() {
        Settings s = Settings.resolve(NONE, name -> {
            throw new SecurityException("no");
        }, Map.of("POSTHOG_API_KEY", "phc_env")::get);
        assertEquals("phc_env", s.apiKey());
    }
}
