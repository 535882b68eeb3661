package io.github.bedrockposthog.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bedrockposthog.internal.json.JsonNull;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transport's translation of the event layer's plain values into what posthog-java's queue sends. */
class QueuedEventTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theNullMarkerIsSentAsJsonNullAndAPlainNullIsLeftOut() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("$ai_input", JsonNull.VALUE);
        properties.put("absent", null);
        properties.put("$ai_model", "anthropic.claude-3-haiku-20240307-v1:0");

        JsonNode sent = MAPPER.readTree(EventJson.toJson(QueuedEvent.of("$ai_generation", "ada", properties, 0)))
                .get("properties");

        assertTrue(sent.has("$ai_input"), sent::toString);
        assertTrue(sent.get("$ai_input").isNull(), sent::toString);
        assertFalse(sent.has("absent"), sent::toString);
        assertEquals("anthropic.claude-3-haiku-20240307-v1:0", sent.get("$ai_model").asText());
    }
}
