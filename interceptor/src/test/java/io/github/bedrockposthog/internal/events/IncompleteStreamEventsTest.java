package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.config.Settings;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Operation;
import io.github.bedrockposthog.internal.pricing.PriceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cut-off streams (#13) in both schemas: an error named {@code IncompleteStream}, flagged, with what arrived; priced
 * at exactly the tokens seen, and not at all without tokens; no text in privacy mode.
 */
class IncompleteStreamEventsTest {

    private static Settings settings(boolean privacy) {
        return TestCalls.settings(Map.of("POSTHOG_BEDROCK_PRIVACY_MODE", String.valueOf(privacy)));
    }

    /** A Llama stream cut before its metrics chunk, as CallRecord records it. */
    private static LlmCall.Builder cut(Long input, Long output) {
        LlmCall.Builder b = TestCalls.call(Operation.INVOKE_MODEL_STREAM, "meta.llama3-1-8b-instruct-v1:0", "trace-cut");
        b.prompt = "Tell me a story";
        b.generation = "Once upon a time";
        b.inputTokens = input;
        b.outputTokens = output;
        b.streamIncomplete = true;
        b.errorName = LlmCall.INCOMPLETE_STREAM;
        b.errorType = LlmCall.INCOMPLETE_STREAM;
        b.errorMessage = "The stream ended before its final event";
        return b;
    }

    private static Map<String, Object> bedrock(LlmCall.Builder b, boolean privacy) {
        Event e = new EventMapper(settings(privacy), PriceTable.bundled()).map(b.build());
        assertEquals(e.properties().containsKey("error_name") ? EventMapper.ERROR : EventMapper.COMPLETION, e.name());
        return e.properties();
    }

    private static Map<String, Object> ai(LlmCall.Builder b, boolean privacy) {
        return new AiGenerationMapper(settings(privacy), PriceTable.bundled()).map(b.build()).properties();
    }

    @Test
    void aCutOffStreamIsPricedAtExactlyTheTokensSeen() {
        Map<String, Object> error = bedrock(cut(5L, 4L), false);
        LlmCall.Builder whole = cut(5L, 4L);
        whole.streamIncomplete = false;
        whole.errorName = null;
        whole.errorType = null;
        whole.errorMessage = null;
        Map<String, Object> completion = bedrock(whole, false);

        assertEquals("IncompleteStream", error.get("error_name"));
        assertEquals("IncompleteStream", error.get("error_type"));
        assertEquals(true, error.get("stream_incomplete"));
        assertEquals("Once upon a time", error.get("generation"));
        assertEquals(5L, error.get("prompt_token_count"));
        assertEquals(4L, error.get("generation_token_count"));
        assertTrue(completion.containsKey("total_cost_in_dollars"), "the model is priced: " + completion);
        for (String cost : List.of("input_cost_in_dollars", "output_cost_in_dollars", "total_cost_in_dollars")) {
            assertEquals(completion.get(cost), error.get(cost), cost);
        }
        Map<String, Object> aiError = ai(cut(5L, 4L), false);
        assertEquals(completion.get("total_cost_in_dollars"), aiError.get("$ai_total_cost_usd"));
        assertEquals(true, aiError.get("$ai_is_error"));
        assertEquals("IncompleteStream: The stream ended before its final event", aiError.get("$ai_error"));
        assertEquals(true, aiError.get("$ai_stream_incomplete"));
        assertEquals(4L, aiError.get("$ai_output_tokens"));
    }

    @Test
    void withoutTokensThereIsNoCostAtAll() {
        Map<String, Object> error = bedrock(cut(null, null), false);
        Map<String, Object> aiError = ai(cut(null, null), false);
        for (String key : List.of("input_cost_in_dollars", "output_cost_in_dollars", "total_cost_in_dollars",
                "price_unknown_dimension", "prompt_token_count", "generation_token_count")) {
            assertFalse(error.containsKey(key), key + " in " + error);
        }
        assertFalse(aiError.containsKey("$ai_total_cost_usd"));
        assertFalse(aiError.containsKey("$ai_output_tokens"));
        assertEquals(true, error.get("stream_incomplete"));
    }

    @ParameterizedTest(name = "privacy mode {0}")
    @ValueSource(booleans = {true, false})
    void privacyModeKeepsTheFlagAndDropsTheTexts(boolean privacy) {
        Map<String, Object> error = bedrock(cut(5L, 4L), privacy);
        Map<String, Object> aiError = ai(cut(5L, 4L), privacy);
        assertEquals(true, error.get("stream_incomplete"));
        assertEquals("IncompleteStream", error.get("error_name"));
        assertEquals(!privacy, error.containsKey("generation"));
        assertEquals(!privacy, error.containsKey("error_message"));
        assertEquals(privacy ? "IncompleteStream" : "IncompleteStream: The stream ended before its final event",
                aiError.get("$ai_error"));
    }
}
