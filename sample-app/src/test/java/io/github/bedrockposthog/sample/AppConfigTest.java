package io.github.bedrockposthog.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    private static AppConfig env(Map<String, String> environment) {
        return AppConfig.from(environment, name -> null);
    }

    @Test
    void defaultsMatchTheTutorial() {
        AppConfig config = env(Map.of());

        assertEquals(3000, config.port());
        assertEquals("meta.llama3-1-8b-instruct-v1:0", config.modelId());
        assertEquals(AppConfig.OfflineChoice.AUTO, config.offline());
        assertEquals(300, config.emulatorLatencyMs());
        assertEquals(0.05, config.emulatorErrorRate());
        assertNull(config.postHogApiKey());
        assertEquals("https://us.i.posthog.com", config.postHogHost());
    }

    @Test
    void readsEveryVariable() {
        AppConfig config = env(Map.of(
                "PORT", "8081",
                "BEDROCK_MODEL_ID", "us.meta.llama3-1-8b-instruct-v1:0",
                "BEDROCK_OFFLINE", "TRUE",
                "BEDROCK_EMULATOR_LATENCY_MS", "25",
                "BEDROCK_EMULATOR_ERROR_RATE", "0.5",
                "POSTHOG_API_KEY", " phc_real ",
                "POSTHOG_HOST", "https://eu.i.posthog.com"));

        assertEquals(8081, config.port());
        assertEquals("us.meta.llama3-1-8b-instruct-v1:0", config.modelId());
        assertEquals(AppConfig.OfflineChoice.ALWAYS, config.offline());
        assertEquals(25, config.emulatorLatencyMs());
        assertEquals(0.5, config.emulatorErrorRate());
        assertEquals("phc_real", config.postHogApiKey());
        assertEquals("https://eu.i.posthog.com", config.postHogHost());
        assertEquals(AppConfig.OfflineChoice.NEVER, env(Map.of("BEDROCK_OFFLINE", "false")).offline());
    }

    @Test
    void theSystemPropertiesTheInterceptorReadsBeatTheEnvironment() {
        Map<String, String> properties = Map.of("posthog.apiKey", "phc_property", "posthog.host", "http://127.0.0.1:1");
        AppConfig config = AppConfig.from(Map.of("POSTHOG_API_KEY", "phc_env"), properties::get);

        assertEquals("phc_property", config.postHogApiKey());
        assertEquals("http://127.0.0.1:1", config.postHogHost());
    }

    @Test
    void blankValuesCountAsUnset() {
        AppConfig config = env(Map.of("POSTHOG_API_KEY", "  ", "PORT", "", "BEDROCK_OFFLINE", " "));

        assertNull(config.postHogApiKey());
        assertEquals(3000, config.port());
        assertEquals(AppConfig.OfflineChoice.AUTO, config.offline());
    }

    @Test
    void invalidValuesAreRefusedNamingTheVariable() {
        assertMessageNames("PORT", Map.of("PORT", "http"));
        assertMessageNames("PORT", Map.of("PORT", "70000"));
        assertMessageNames("BEDROCK_EMULATOR_ERROR_RATE", Map.of("BEDROCK_EMULATOR_ERROR_RATE", "5%"));
        assertMessageNames("BEDROCK_EMULATOR_ERROR_RATE", Map.of("BEDROCK_EMULATOR_ERROR_RATE", "1.5"));
        assertMessageNames("BEDROCK_EMULATOR_LATENCY_MS", Map.of("BEDROCK_EMULATOR_LATENCY_MS", "-1"));
        assertMessageNames("BEDROCK_OFFLINE", Map.of("BEDROCK_OFFLINE", "maybe"));
    }

    private static void assertMessageNames(String variable, Map<String, String> environment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env(environment));
        assertTrue(e.getMessage().startsWith(variable + " "), e.getMessage());
    }
}
