package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Operation;
import io.github.bedrockposthog.internal.pricing.Price;
import io.github.bedrockposthog.internal.pricing.PriceTable;
import io.github.bedrockposthog.internal.text.CappedText;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.bedrockposthog.internal.events.TestCalls.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventMapperTest {

    private static LlmCall.Builder completion() {
        LlmCall.Builder b = TestCalls.call(Operation.INVOKE_MODEL, "anthropic.claude-3-5-haiku-20241022-v1:0", "trace-1");
        b.distinctId = "ada@example.com";
        b.prompt = "Hi";
        b.generation = "Hello!";
        b.inputTokens = 1000L;
        b.outputTokens = 2000L;
        b.cacheReadInputTokens = 10_000L;
        b.cacheWriteInputTokens = 500L;
        b.responseTimeMillis = 123.4567;
        return b;
    }

    @Test
    void costIncludesCachePricesPerTheFormula() {
        PriceTable prices = PriceTable.of(Map.of("anthropic.claude-3-5-haiku-20241022-v1:0", Price.of(0.80, 4.00, 0.08, 1.00)));
        Event e = new EventMapper(settings(Map.of()), prices).map(completion().build());
        double input = (1000 * 0.80 + 10_000 * 0.08 + 500 * 1.00) / 1e6;
        double output = 2000 * 4.00 / 1e6;
        assertEquals(input, (Double) e.properties().get("input_cost_in_dollars"), 1e-15);
        assertEquals(output, (Double) e.properties().get("output_cost_in_dollars"), 1e-15);
        assertEquals(input + output, (Double) e.properties().get("total_cost_in_dollars"), 1e-15);
        assertEquals(123.457, e.properties().get("response_time_in_ms"));
    }

    @Test
    void userPropertiesCannotOverwriteMeasuredFacts() {
        LlmCall.Builder b = completion();
        b.userProperties = Map.of("prompt_token_count", -1, "team", "search");
        Event e = new EventMapper(settings(Map.of()), PriceTable.of(Map.of())).map(b.build());
        assertEquals(1000L, e.properties().get("prompt_token_count"));
        assertEquals("search", e.properties().get("team"));
    }

    @Test
    void textsAreCappedAndTheCapIsReported() {
        LlmCall.Builder b = completion();
        b.generation = "x".repeat(50);
        b.prompt = "y".repeat(50);
        Event e = new EventMapper(settings(Map.of("POSTHOG_BEDROCK_MAX_TEXT_CHARS", "20")), PriceTable.of(Map.of())).map(b.build());
        assertEquals("x".repeat(20) + CappedText.TRUNCATION_MARKER, e.properties().get("generation"));
        assertEquals("y".repeat(20) + CappedText.TRUNCATION_MARKER, e.properties().get("prompt"));
        assertEquals(true, e.properties().get("generation_truncated"));
    }

    @Test
    void privacyModeLeavesEveryTextOut() {
        LlmCall.Builder b = completion();
        b.error = new IllegalStateException("echo of the prompt: secret recipe");
        b.errorMessage = "echo of the prompt: secret recipe";
        Event e = new EventMapper(settings(Map.of("POSTHOG_BEDROCK_PRIVACY_MODE", "true")), PriceTable.of(Map.of())).map(b.build());
        assertEquals("bedrock_error", e.name());
        assertFalse(e.properties().containsKey("prompt"));
        assertFalse(e.properties().containsKey("generation"));
        assertFalse(e.properties().containsKey("error_message"));
        assertFalse(e.properties().toString().contains("secret recipe"));
        assertTrue(((String) e.properties().get("error_stack")).startsWith("java.lang.IllegalStateException\n"));
    }

    @Test
    void stacksCanBeLeftOut() {
        LlmCall.Builder b = completion();
        b.error = new IllegalStateException("boom");
        Event e = new EventMapper(settings(Map.of("POSTHOG_BEDROCK_CAPTURE_STACK", "false")), PriceTable.of(Map.of())).map(b.build());
        assertFalse(e.properties().containsKey("error_stack"));
        assertEquals("IllegalStateException", e.properties().get("error_name"));
        assertEquals("boom", e.properties().get("error_message"));
    }
}
