package io.github.bedrockposthog.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posthog.java.shaded.org.json.JSONObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fast writer gives the JSON org.json gives, value for value and number spelling for number spelling. */
class EventJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aTypicalEventMeansTheSameAsOrgJsonsText() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("prompt", "Line one\nline \"two\" \\ </script> \u0001 \u0085 \u2028 café 日本 😀");
        properties.put("model_id", "meta.llama3-1-8b-instruct-v1:0");
        properties.put("stream", Boolean.FALSE);
        properties.put("response_time_in_ms", 412.5);
        properties.put("whole_double", 3.0);
        properties.put("tiny_cost", 0.000022);
        properties.put("huge", 1.0E21);
        properties.put("attempts", 1);
        properties.put("prompt_token_count", 38L);
        properties.put("float", 0.1f);
        properties.put("none", null);
        properties.put("nested", Map.of("a", List.of(1, "two", Map.of("three", 3.25))));
        properties.put("list", Arrays.asList("x", null, true));
        JSONObject event = event(properties);
        String fast = EventJson.toJson(event);
        assertSameJson(event.toString(), fast);
        assertEquals(MAPPER.readTree(event.toString()).get("properties").get("whole_double").toString(),
                MAPPER.readTree(fast).get("properties").get("whole_double").toString());
    }

    @Test
    void doublesAreSpelledAsOrgJsonSpellsThem() throws Exception {
        for (double d : new double[] {0.0, -0.0, 1.0, 1.5, 100.0, 0.1, 1e-7, 123456789.125, 1e300, -2.5e-10}) {
            assertEquals(JSONObject.numberToString(d), EventJson.decimal(d), Double.toString(d));
        }
        assertEquals(JSONObject.numberToString(0.1f), EventJson.decimal(0.1f));
    }

    @Test
    void valuesOnlyOrgJsonKnowsHowToWriteFallBackToIt() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("big", new BigDecimal("1.000"));
        JSONObject event = event(properties);
        assertEquals(event.toString(), EventJson.toJson(event));
    }

    private static JSONObject event(Map<String, Object> properties) {
        JSONObject event = new JSONObject();
        event.put("event", "bedrock_completion");
        event.put("distinct_id", "user@example.com");
        event.put("properties", properties);
        event.put("uuid", "9c25a181-ed71-4c4f-8be1-b75f11c68b21");
        return event;
    }

    private static void assertSameJson(String expected, String actual) throws Exception {
        JsonNode a = MAPPER.readTree(expected);
        JsonNode b = MAPPER.readTree(actual);
        assertEquals(a, b, () -> expected + "\n" + actual);
    }
}
