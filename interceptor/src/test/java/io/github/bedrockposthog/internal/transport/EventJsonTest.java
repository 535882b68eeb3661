package io.github.bedrockposthog.internal.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bedrockposthog.internal.json.JsonNull;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the sender writes for one event: the envelope, every kind of value the renderers make, numbers as PostHog had them. */
class EventJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode write(Map<String, Object> properties) throws Exception {
        byte[] json = EventJson.toJson("9c25a181-ed71-4c4f-8be1-b75f11c68b21", "2026-12-01T04:33:43.123Z",
                "user@example.com", "bedrock_completion", properties, new ByteArrayOutputStream());
        return MAPPER.readTree(json);
    }

    @Test
    void theEnvelopeIsPostHogsCaptureShape() throws Exception {
        JsonNode event = write(Map.of("model", "llama"));
        assertEquals("9c25a181-ed71-4c4f-8be1-b75f11c68b21", event.get("uuid").asText());
        assertEquals("2026-12-01T04:33:43.123Z", event.get("timestamp").asText());
        assertEquals("user@example.com", event.get("distinct_id").asText());
        assertEquals("bedrock_completion", event.get("event").asText());
        assertEquals("llama", event.get("properties").get("model").asText());
    }

    @Test
    void everyValueTheRenderersMakeIsWrittenAsItself() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        String text = "Line one\nline \"two\" \\ </script> \u0001 \u0085 \u2028 café 日本 😀";
        properties.put("prompt", text);
        properties.put("stream", Boolean.FALSE);
        properties.put("attempts", 1);
        properties.put("prompt_token_count", 38L);
        properties.put("nested", Map.of("a", List.of(1, "two", Map.of("three", 3.25))));
        properties.put("list", Arrays.asList("x", null, true, JsonNull.VALUE, Double.NaN));
        properties.put("array", new Object[] {"y", 2});
        properties.put("$ai_input", JsonNull.VALUE);
        properties.put("absent", null);
        properties.put("nan", Double.NaN);
        properties.put("infinite", Double.POSITIVE_INFINITY);
        properties.put("kind", Thread.State.NEW);
        JsonNode p = write(properties).get("properties");
        assertEquals(text, p.get("prompt").asText());
        assertFalse(p.get("stream").asBoolean());
        assertEquals(1, p.get("attempts").asInt());
        assertEquals(38L, p.get("prompt_token_count").asLong());
        assertEquals(MAPPER.readTree("{\"a\":[1,\"two\",{\"three\":3.25}]}"), p.get("nested"));
        assertEquals(MAPPER.readTree("[\"x\",null,true,null,null]"), p.get("list"));
        assertEquals(MAPPER.readTree("[\"y\",2]"), p.get("array"));
        assertTrue(p.get("$ai_input").isNull(), "the null marker is sent as JSON null");
        assertFalse(p.has("absent"), "a plain null is left out");
        assertFalse(p.has("nan"), "not representable in JSON: left out, the rest kept");
        assertFalse(p.has("infinite"));
        assertEquals("NEW", p.get("kind").asText());
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
            "0.0, 0",
            "-0.0, -0",
            "1.0, 1",
            "3.0, 3",
            "1.5, 1.5",
            "100.0, 100",
            "412.5, 412.5",
            "0.1, 0.1",
            "0.000022, 2.2E-5",
            "1.0E-7, 1.0E-7",
            "123456789.125, 1.23456789125E8",
            "1234567.125, 1234567.125",
            "1.0E21, 1.0E21",
            "-2.5E-10, -2.5E-10",
    })
    void doublesAreSpelledAsPostHogJavaSpelledThem(double value, String expected) throws Exception {
        assertEquals(expected, EventJson.decimal(value));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("cost", value);
        String json = new String(EventJson.toJson("u", "t", "d", "e", properties, new ByteArrayOutputStream()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"cost\":" + expected + "}"), json);
    }

    @Test
    void anEmojiIsOneFourByteCharacterAsJsonSizeCountsIt() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("p", "😀");
        byte[] json = EventJson.toJson("u", "t", "d", "e", properties, new ByteArrayOutputStream());
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"p\":\"😀\""), text);
        assertEquals(io.github.bedrockposthog.internal.json.JsonSize.of("😀"),
                "\"😀\"".getBytes(StandardCharsets.UTF_8).length);
    }

    /** Plain jackson-core, configured as the sink's: the reference of its fast paths for texts and names. */
    private static final JsonFactory JACKSON = JsonFactory.builder()
            .enable(JsonWriteFeature.valueOf("COMBINE_UNICODE_SURROGATES_IN_UTF8")).build();

    /** What jackson-core writes with {@code writeString} for the same event. */
    private static String jacksonWrites(String distinctId, String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JACKSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("uuid", "u");
            g.writeStringField("timestamp", "t");
            g.writeStringField("distinct_id", distinctId);
            g.writeStringField("event", "e");
            g.writeFieldName("properties");
            g.writeStartObject();
            g.writeStringField("p", text);
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"plain ascii", "", "line\nbreak \"quoted\" back\\slash </script> \u0001 \t\u007f",
            "café \u0085 \u00ff", "\u2028 日本語", "😀 emoji", "what now?",
            "lone \uD83D high", "lone \uDE00 low", "ends high \uD83D"})
    void everyTextIsWrittenByteForByteAsJacksonWritesItsUtf8(String text) throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("p", text);
        String text8 = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8); // a lone half: ?
        assertEquals(jacksonWrites("d", text8), new String(EventJson.toJson("u", "t", "d", "e", properties,
                new ByteArrayOutputStream()), StandardCharsets.UTF_8));
        assertEquals(jacksonWrites(null, text8), new String(EventJson.toJson("u", "t", null, "e", properties,
                new ByteArrayOutputStream()), StandardCharsets.UTF_8), "a null distinct id is JSON null");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"plain_name", "café", "emoji 😀", "q\"uote\n", "lone \uD83D half", "lone \uDE00 low"})
    void everyPropertyNameIsWrittenAsJacksonWritesIt(String name) throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (JsonGenerator g = JACKSON.createGenerator(expected)) {
            g.writeStartObject();
            g.writeFieldName(name);
            g.writeNumber(1);
            g.writeEndObject();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(name, 1);
        for (int twice = 0; twice < 2; twice++) { // encoded, then remembered
            String json = new String(EventJson.toJson("u", "t", "d", "e", properties, new ByteArrayOutputStream()),
                    StandardCharsets.UTF_8);
            assertTrue(json.endsWith("\"properties\":" + expected.toString(StandardCharsets.UTF_8) + "}"), json);
        }
    }

    @Test
    void everyPropertyNameIsWrittenPastTheRememberedOnesAndNonStringKeysAsTheirText() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < 3_000; i++) { // more names than are remembered
            properties.put("app_property_" + i, i);
        }
        properties.put("nested", Map.of(7, "seven", Thread.State.NEW, "new"));
        JsonNode p = write(properties).get("properties");
        for (int i = 0; i < 3_000; i++) {
            assertEquals(i, p.get("app_property_" + i).asInt());
        }
        assertEquals("seven", p.get("nested").get("7").asText());
        assertEquals("new", p.get("nested").get("NEW").asText());
    }

    @Test
    void aFloatKeepsItsOwnShortestText() {
        assertEquals("0.1", EventJson.decimal(0.1f));
    }

    @Test
    void anApiKeyIsQuotedAsAJsonString() throws Exception {
        assertEquals("\"phc_\\\"x\\\\\"", EventJson.quote("phc_\"x\\"));
    }
}
