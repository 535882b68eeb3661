package io.github.bedrockposthog.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedExchangeTest {

    @Test
    void fixturesDirIsFoundAndEveryFixtureLoads() {
        Path dir = RecordedExchange.fixturesDir();

        List<RecordedExchange> all = RecordedExchange.loadAll(dir);

        assertTrue(all.size() >= 30, "fixtures: " + all.size());
        for (RecordedExchange exchange : all) {
            assertNotNull(exchange.operation(), exchange.name());
            assertNotNull(exchange.modelId(), exchange.name());
            assertTrue(exchange.responseBody().length > 0, exchange.name());
        }
    }

    @Test
    void aPlainFixtureExposesItsRequestAndResponse() {
        RecordedExchange exchange = RecordedExchange.named("test_meta__test_meta_llama3_completion");

        assertEquals("test_meta__test_meta_llama3_completion", exchange.name());
        assertEquals("InvokeModel", exchange.operation());
        assertEquals("meta.llama3-70b-instruct-v1:0", exchange.modelId());
        assertEquals("/model/meta.llama3-70b-instruct-v1%3A0/invoke", exchange.path());
        assertTrue(exchange.requestBody().contains("opentelemetry"));
        assertEquals(200, exchange.status());
        assertEquals("35", exchange.responseHeader("x-amzn-bedrock-output-token-count"));
        assertTrue(exchange.responseHeaders().containsKey("X-Amzn-Bedrock-Output-Token-Count"), "case preserved");
        assertEquals(Integer.parseInt(exchange.responseHeader("Content-Length")), exchange.responseBody().length);
        assertFalse(exchange.isStream());
    }

    @Test
    void aStreamFixtureDecodesItsBase64Body() {
        RecordedExchange exchange = RecordedExchange.named("test_titan__test_titan_invoke_stream.json");

        assertTrue(exchange.isStream());
        assertEquals("chunk", EventStreamFrames.header(EventStreamFrames.decode(exchange.responseBody()).get(0), ":event-type"));
    }

    @Test
    void theSystemPropertyOverridesTheSearch(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("one.json"), "{\"request\":{\"operation\":\"Converse\",\"model_id\":\"m\"},"
                + "\"response\":{\"status\":500,\"headers\":{\"X-A\":\"b\"},\"body\":\"{}\"}}");
        String previous = System.getProperty("bedrockposthog.fixtures");
        System.setProperty("bedrockposthog.fixtures", dir.toString());
        try {
            RecordedExchange one = RecordedExchange.named("one");
            assertEquals(500, one.status());
            assertEquals("b", one.responseHeader("x-a"));
            assertEquals(null, one.requestBody());
        } finally {
            if (previous == null) {
                System.clearProperty("bedrockposthog.fixtures");
            } else {
                System.setProperty("bedrockposthog.fixtures", previous);
            }
        }
    }

    @Test
    void aFileWithoutAResponseIsRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"request\":{}}");

        assertThrows(IllegalArgumentException.class, () -> RecordedExchange.load(file));
    }
}
