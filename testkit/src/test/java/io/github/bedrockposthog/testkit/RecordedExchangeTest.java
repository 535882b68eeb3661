package io.github.bedrockposthog.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RecordedExchangeTest {

    @Test
    void everyIndexedFixtureLoadsFromTheClasspath() {
        List<RecordedExchange> all = RecordedExchange.loadAll();

        assertEquals(37, all.size(), "fixtures: " + all);
        assertEquals(RecordedExchange.names(), all.stream().map(RecordedExchange::name).toList());
        for (RecordedExchange exchange : all) {
            assertNotNull(exchange.operation(), exchange.name());
            assertNotNull(exchange.modelId(), exchange.name());
            assertTrue(exchange.source().contains("traceloop/openllmetry"), exchange.name());
            assertTrue(exchange.responseBody().length > 0, exchange.name());
        }
    }

    /** A fixture file left out of the index would silently drop out of every replay test. */
    @Test
    void theIndexNamesEveryFixtureFileInTheSources() throws Exception {
        Path dir = Paths.get("src/main/resources/io/github/bedrockposthog/testkit", RecordedExchange.DIRECTORY);
        List<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - ".json".length())).sorted().toList();
        }

        assertEquals(files, RecordedExchange.names());
    }

    @Test
    void anUnknownFixtureFailsNamingWhereItLooked() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RecordedExchange.named("test_no_such_recording"));

        assertTrue(e.getMessage().contains("/io/github/bedrockposthog/testkit/recorded-bedrock/test_no_such_recording.json"),
                e.getMessage());
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
    void aMinimalDocumentReadsWithDefaults() {
        RecordedExchange one = RecordedExchange.parse("one", ("{\"request\":{\"operation\":\"Converse\",\"model_id\":\"m\"},"
                + "\"response\":{\"status\":500,\"headers\":{\"X-A\":\"b\"},\"body\":\"{}\"}}").getBytes(StandardCharsets.UTF_8));

        assertEquals(500, one.status());
        assertEquals("b", one.responseHeader("x-a"));
        assertNull(one.requestBody());
    }

    @Test
    void aDocumentWithoutAResponseIsRejected() {
        byte[] broken = "{\"request\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThrows(IllegalArgumentException.class, () -> RecordedExchange.parse("broken", broken));
    }
}
