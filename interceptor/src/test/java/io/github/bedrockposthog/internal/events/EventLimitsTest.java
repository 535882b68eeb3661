package io.github.bedrockposthog.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Operation;
import io.github.bedrockposthog.internal.pricing.PriceTable;
import io.github.bedrockposthog.internal.text.CappedText;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static io.github.bedrockposthog.internal.events.TestCalls.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Size limits and redaction of the texts of an event. */
class EventLimitsTest {

    /** PostHog refuses events over about 1 MB. */
    private static final int POSTHOG_EVENT_LIMIT = 1_000_000;

    private static LlmCall.Builder call(String prompt, String generation) {
        LlmCall.Builder b = TestCalls.call(Operation.INVOKE_MODEL, "meta.llama3-1-8b-instruct-v1:0", "trace-1");
        b.distinctId = "ada@example.com";
        b.prompt = prompt;
        b.generation = generation;
        b.inputTokens = 10L;
        b.outputTokens = 20L;
        return b;
    }

    private static Event map(LlmCall.Builder b) {
        return new EventMapper(settings(Map.of()), PriceTable.bundled()).map(b.build());
    }

    /** Writes as the sender does: a surrogate pair is one 4-byte UTF-8 character, not two escapes. */
    private static final ObjectMapper WIRE = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build());

    /** The event as the sender writes it (jackson-core, envelope included), in UTF-8 bytes. */
    private static int wireBytes(Event e) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", "0b1f6c1e-6b5c-4a3e-9f43-1c5d7e2a9b10");
        json.put("timestamp", "2025-01-01T00:00:00.000Z");
        json.put("distinct_id", e.distinctId());
        json.put("event", e.name());
        json.put("properties", e.properties());
        return WIRE.writeValueAsBytes(json).length;
    }

    private static int jacksonBytes(Event e) throws Exception {
        return new ObjectMapper().writeValueAsBytes(e.properties()).length;
    }

    @Test
    void multiByteTextsShrinkProportionallySoTheWholeEventStaysUnderOneMegabyte() throws Exception {
        String prompt = "提".repeat(200_000); // 600 KB of UTF-8 each, 1.2 MB together: under the character cap
        String generation = "答".repeat(200_000);
        Event e = map(call(prompt, generation));
        assertTrue(jacksonBytes(e) < POSTHOG_EVENT_LIMIT, "serialized by Jackson: " + jacksonBytes(e));
        assertEquals(true, e.properties().get("prompt_truncated"));
        assertEquals(true, e.properties().get("generation_truncated"));
        String keptPrompt = (String) e.properties().get("prompt");
        String keptGeneration = (String) e.properties().get("generation");
        assertTrue(keptPrompt.endsWith(CappedText.TRUNCATION_MARKER));
        assertTrue(keptGeneration.endsWith(CappedText.TRUNCATION_MARKER));
        int p = keptPrompt.length() - CappedText.TRUNCATION_MARKER.length();
        int g = keptGeneration.length() - CappedText.TRUNCATION_MARKER.length();
        assertTrue(p > 140_000 && g > 140_000, "most of the budget is used: " + p + " + " + g);
        assertTrue(Math.abs(p - g) <= 2, "equal texts keep equal shares: " + p + " vs " + g);
        assertEquals(prompt.substring(0, p), keptPrompt.substring(0, p));
    }

    @Test
    void sharesFollowTheTextSizes() throws Exception {
        Event e = map(call("p".repeat(100_000), "雪".repeat(400_000)));
        assertTrue(wireBytes(e) < POSTHOG_EVENT_LIMIT);
        assertFalse(e.properties().containsKey("prompt_truncated") && ((String) e.properties().get("prompt")).length() < 50_000,
                "a small text keeps most of itself");
        assertEquals(true, e.properties().get("generation_truncated"));
    }

    @Test
    void textsEscapedByTheSerializerAreCountedAsEscaped() throws Exception {
        // U+2028 is written by org.json as the six bytes \u2028; 160,000 of them are 960 KB on the wire.
        Event e = map(call("\u2028".repeat(160_000), "ok"));
        assertTrue(wireBytes(e) < POSTHOG_EVENT_LIMIT, "serialized: " + wireBytes(e));
        assertEquals(true, e.properties().get("prompt_truncated"));
    }

    @Test
    void surrogatePairsAreNeverSplit() throws Exception {
        Event e = map(call("😀".repeat(200_000), null)); // 800 KB of UTF-8 in 400,000 chars: over the character cap
        String kept = (String) e.properties().get("prompt");
        String text = kept.substring(0, kept.length() - CappedText.TRUNCATION_MARKER.length());
        assertEquals(0, text.length() % 2);
        assertFalse(Character.isHighSurrogate(text.charAt(text.length() - 1)));
        assertEquals(true, e.properties().get("prompt_truncated"));
        assertTrue(wireBytes(e) < POSTHOG_EVENT_LIMIT);
    }

    @Test
    void anEventThatFitsIsLeftAlone() {
        Event e = map(call("short prompt", "short answer"));
        assertEquals("short prompt", e.properties().get("prompt"));
        assertEquals("short answer", e.properties().get("generation"));
        assertFalse(e.properties().containsKey("prompt_truncated"));
        assertFalse(e.properties().containsKey("generation_truncated"));
    }

    @Test
    void theCharacterCapIsReportedForThePromptToo() throws Exception {
        Event e = new EventMapper(settings(Map.of("POSTHOG_BEDROCK_MAX_TEXT_CHARS", "10")), PriceTable.bundled())
                .map(call("0123456789abc", "fits").build());
        assertEquals("0123456789" + CappedText.TRUNCATION_MARKER, e.properties().get("prompt"));
        assertEquals(true, e.properties().get("prompt_truncated"));
        assertFalse(e.properties().containsKey("generation_truncated"));
    }

    @Test
    void aHugeErrorMessageIsCutAndFlagged() throws Exception {
        LlmCall.Builder b = call("hi", null);
        b.error = new IllegalStateException("boom");
        b.errorMessage = "エラー".repeat(150_000); // 1.35 MB of UTF-8
        Event e = map(b);
        assertEquals("bedrock_error", e.name());
        assertEquals(true, e.properties().get("error_message_truncated"));
        assertTrue(wireBytes(e) < POSTHOG_EVENT_LIMIT);
    }

    @Test
    void hugeUserPropertiesAreRemovedRatherThanLosingTheEvent() throws Exception {
        LlmCall.Builder b = call("hi", "there");
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("team", "search");
        user.put("document", "文".repeat(400_000));
        b.userProperties = user;
        Event e = map(b);
        assertTrue(wireBytes(e) < POSTHOG_EVENT_LIMIT);
        assertEquals("search", e.properties().get("team"));
        assertFalse(e.properties().containsKey("document"));
        assertEquals(true, e.properties().get("properties_truncated"));
        assertEquals(20L, e.properties().get("generation_token_count"));
    }

    @Test
    void theRedactorSeesAtMostTheCappedTextAndTheCutIsStillMarked() {
        List<Integer> seen = new ArrayList<>();
        EventMapper mapper = new EventMapper(settings(Map.of("POSTHOG_BEDROCK_MAX_TEXT_CHARS", "1000")), PriceTable.bundled(),
                (property, text) -> {
                    seen.add(text.length());
                    return text;
                });
        Event e = mapper.map(call("p".repeat(5_000_000), "g".repeat(5_000_000)).build());
        assertEquals(List.of(1_001, 1_001), seen.subList(0, 2), "the redactor's input is capped: " + seen);
        assertEquals(Boolean.TRUE, e.properties().get("prompt_truncated"));
        assertEquals(Boolean.TRUE, e.properties().get("generation_truncated"));
    }

    @Test
    void theRedactorRewritesEveryTextBeforeItIsKept() {
        List<String> seen = new ArrayList<>();
        BiFunction<String, String, String> redactor = (property, text) -> {
            seen.add(property);
            return text.replace("4111111111111111", "[card]");
        };
        EventMapper mapper = new EventMapper(settings(Map.of()), PriceTable.bundled(), redactor);
        Event ok = mapper.map(call("pay with 4111111111111111", "charged 4111111111111111").build());
        assertEquals("pay with [card]", ok.properties().get("prompt"));
        assertEquals("charged [card]", ok.properties().get("generation"));
        LlmCall.Builder failed = call("pay with 4111111111111111", null);
        failed.error = new IllegalArgumentException("bad card 4111111111111111");
        failed.errorMessage = "bad card 4111111111111111";
        Event error = mapper.map(failed.build());
        assertEquals("bad card [card]", error.properties().get("error_message"));
        String stack = (String) error.properties().get("error_stack");
        assertTrue(stack.startsWith(IllegalArgumentException.class.getName() + "\n"), stack);
        assertFalse(stack.contains("4111111111111111"), "no raw message can bypass the redactor through the stack");
        assertEquals(List.of("prompt", "generation", "prompt", "error_message"), seen);
    }

    @Test
    void aRedactorReturningNullDropsTheText() {
        EventMapper mapper = new EventMapper(settings(Map.of()), PriceTable.bundled(),
                (property, text) -> property.equals("prompt") ? null : text);
        Event e = mapper.map(call("secret", "public").build());
        assertFalse(e.properties().containsKey("prompt"));
        assertEquals("public", e.properties().get("generation"));
    }

    @Test
    void aThrowingRedactorDropsTheTextAndTheEventStillExists() {
        EventMapper mapper = new EventMapper(settings(Map.of()), PriceTable.bundled(), (property, text) -> {
            throw new IllegalStateException("redactor bug");
        });
        Event e = mapper.map(call("secret", "also secret").build());
        assertFalse(e.properties().containsKey("prompt"));
        assertFalse(e.properties().containsKey("generation"));
        assertEquals(20L, e.properties().get("generation_token_count"));
    }

    @Test
    void privacyModeNeverCallsTheRedactor() {
        // Counted, not thrown: the fail-closed wrapper would swallow an AssertionError thrown by the redactor.
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        EventMapper mapper = new EventMapper(settings(Map.of("POSTHOG_BEDROCK_PRIVACY_MODE", "true")), PriceTable.bundled(),
                (property, text) -> {
                    calls.incrementAndGet();
                    return text;
                });
        Event e = mapper.map(call("secret", "also secret").build());
        assertNull(e.properties().get("prompt"));
        assertNull(e.properties().get("generation"));
        org.junit.jupiter.api.Assertions.assertEquals(0, calls.get(), "the redactor was called in privacy mode");
    }

    /** A call with every kind of text over the default 200,000-character cap; emoji put a surrogate pair on the cut. */
    private static LlmCall.Builder longCall() {
        String text = "a" + "😀".repeat(150_000); // 300,001 chars: the cap falls inside a pair
        LlmCall.Builder b = call("p" + text, "g" + text);
        b.reasoning = "r" + text;
        b.inputMessages = new io.github.bedrockposthog.internal.model.Messages()
                .text("system", "s" + text).text("user", "u" + text).list();
        b.toolCall("call-1", "search", "{\"q\":\"" + text + "\"}");
        return b;
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "redactor: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void boundingTheTextsOfAWaitingCallChangesNoEventOfEitherSchema(boolean redacting) {
        BiFunction<String, String, String> redactor = redacting ? (property, text) -> text.replace('a', 'A') : null;
        io.github.bedrockposthog.internal.config.Settings settings = settings(Map.of());
        int bound = settings.maxTextChars() + 1; // what Pipeline.emit bounds them to
        EventMapper bedrock = new EventMapper(settings, PriceTable.bundled(), redactor);
        AiGenerationMapper ai = new AiGenerationMapper(settings, PriceTable.bundled(), redactor);

        assertEquals(bedrock.map(longCall().build()).properties(),
                bedrock.map(longCall().boundTexts(bound).build()).properties());
        Map<String, Object> whole = ai.map(longCall().build()).properties();
        Map<String, Object> fromBounded = ai.map(longCall().boundTexts(bound).build()).properties();
        whole.remove("$ai_span_id"); // random per event
        fromBounded.remove("$ai_span_id");
        assertEquals(whole, fromBounded);

        LlmCall bounded = longCall().boundTexts(bound).build();
        assertEquals(bound, bounded.prompt.length());
        assertEquals(bound, bounded.generation.length());
        assertEquals(bound, bounded.reasoning.length());
        assertEquals(bound, ((String) bounded.inputMessages.get(1).get("content")).length());
        assertTrue(io.github.bedrockposthog.internal.model.HeapEstimate.of(bounded) < 8L * bound * 2,
                "a waiting record holds about its bounded texts: " + io.github.bedrockposthog.internal.model.HeapEstimate.of(bounded));
    }
}
