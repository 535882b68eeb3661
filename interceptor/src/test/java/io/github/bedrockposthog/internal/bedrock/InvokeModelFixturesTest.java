package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.bedrock.RecordedFixtures.Exchange;
import io.github.bedrockposthog.internal.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every recorded non-streaming InvokeModel exchange, read by the reader its model id selects. */
class InvokeModelFixturesTest {

    private static final String INPUT = "X-Amzn-Bedrock-Input-Token-Count";
    private static final String OUTPUT = "X-Amzn-Bedrock-Output-Token-Count";
    private static final String CACHE_READ = "X-Amzn-Bedrock-Cache-Read-Input-Token-Count";
    private static final String CACHE_WRITE = "X-Amzn-Bedrock-Cache-Write-Input-Token-Count";

    /** Families whose InvokeModel bodies always report the input token count. */
    private static final Set<ModelFamily> INPUT_IN_BODY =
            EnumSet.of(ModelFamily.META, ModelFamily.TITAN, ModelFamily.NOVA, ModelFamily.AI21);

    static List<Exchange> exchanges() {
        return RecordedFixtures.invokeModel();
    }

    @Test
    void theRecordedExchangesAreFound() {
        assertTrue(exchanges().size() >= 17, "InvokeModel fixtures found: " + exchanges());
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void promptIsWhatTheRequestAsked(Exchange exchange) {
        FamilyReader reader = readerFor(exchange);
        ModelFamily family = ModelId.parse(exchange.modelId()).family();
        String expected = family == ModelFamily.UNKNOWN ? null : askedIn(exchange.request());
        assertEquals(expected, reader.prompt(exchange.request()));
        if (family != ModelFamily.UNKNOWN) {
            assertNotNull(expected, "every recorded request of a known family asks something");
        }
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void generatedTextIsWhatTheResponseSays(Exchange exchange) {
        ModelFamily family = ModelId.parse(exchange.modelId()).family();
        String text = readerFor(exchange).output(exchange.response()).text();
        assertEquals(answerIn(family, exchange.response()), text);
        if (family != ModelFamily.UNKNOWN) {
            assertFalse(text == null || text.isEmpty(), "a recorded answer has text");
        }
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void bodyTokenCountsEqualTheResponseHeaders(Exchange exchange) {
        ModelOutput output = readerFor(exchange).output(exchange.response());
        assertNotNull(exchange.header(INPUT), "every recorded InvokeModel response has usage headers");
        if (output.inputTokens() != null) {
            assertEquals(exchange.header(INPUT), output.inputTokens(), "input tokens");
        }
        if (output.outputTokens() != null) {
            assertEquals(exchange.header(OUTPUT), output.outputTokens(), "output tokens");
        }
        if (output.cacheReadInputTokens() != null) {
            assertEquals(exchange.header(CACHE_READ), output.cacheReadInputTokens(), "cache-read tokens");
        }
        if (output.cacheWriteInputTokens() != null) {
            assertEquals(exchange.header(CACHE_WRITE), output.cacheWriteInputTokens(), "cache-write tokens");
        }
        ModelFamily family = ModelId.parse(exchange.modelId()).family();
        boolean anthropicMessages = family == ModelFamily.ANTHROPIC && Json.at(exchange.response(), "usage") != null;
        if (INPUT_IN_BODY.contains(family) || anthropicMessages) {
            assertNotNull(output.inputTokens(), "this family's body reports input tokens");
        }
    }

    @Test
    void anthropicCacheTokensFromTheBodyMatchTheHeaders() {
        ModelOutput write = read("test_prompt_caching__test_invoke_model_cache_tokens__0.json");
        assertEquals(4L, write.inputTokens());
        assertEquals(50L, write.outputTokens());
        assertEquals(0L, write.cacheReadInputTokens());
        assertEquals(18131L, write.cacheWriteInputTokens());
        assertEquals("max_tokens", write.stopReason());

        ModelOutput read = read("test_prompt_caching__test_invoke_model_cache_tokens__1.json");
        assertEquals(18131L, read.cacheReadInputTokens());
        assertEquals(0L, read.cacheWriteInputTokens());
    }

    @Test
    void novaGuardrailBodyKeepsTheMaskedAnswerAndLacksOutputTokens() {
        ModelOutput output = read("test_nova__test_nova_completion.json");
        assertTrue(output.text().contains("{Account Number}"), output.text());
        assertFalse(output.text().contains("1234561666"), "the unmasked guardrail trace must not be read");
        assertEquals(30L, output.inputTokens());
        assertNull(output.outputTokens(), "an intervening guardrail drops outputTokens; the headers carry 51");
        assertEquals("end_turn", output.stopReason());
    }

    @Test
    void titanGuardrailCountsArriveAsDecimalsAndAreReadAsWholeNumbers() {
        ModelOutput output = read("test_guardrails__test_guardrail_invoke.json");
        assertEquals(28L, output.inputTokens());
        assertEquals(197L, output.outputTokens());
        assertEquals("FINISH", output.stopReason());
    }

    @Test
    void jurassicTokenCountsAreTheLengthsOfItsTokenLists() {
        ModelOutput output = read("test_ai21__test_ai21_j2_completion_string_content.json");
        assertEquals(26L, output.inputTokens());
        assertEquals(42L, output.outputTokens());
        assertEquals("endoftext", output.stopReason());
    }

    @Test
    void legacyAnthropicAndCohereBodiesHaveTextButNoTokens() {
        ModelOutput claude2 = read("test_anthropic__test_anthropic_2_completion.json");
        assertTrue(claude2.text().startsWith(" Here's a silly joke"));
        assertEquals("stop_sequence", claude2.stopReason());
        assertNull(claude2.inputTokens());
        assertNull(claude2.outputTokens());

        ModelOutput cohere = read("test_cohere__test_cohere_completion.json");
        assertTrue(cohere.text().startsWith(" What does an open-source project say"));
        assertEquals("COMPLETE", cohere.stopReason());
        assertNull(cohere.inputTokens());
    }

    @Test
    void importedSageMakerModelIsOpaqueAndItsBodiesAreNotRead() {
        Exchange exchange = RecordedFixtures.named("test_imported_model__test_imported_model_completion.json");
        ModelId id = ModelId.parse(exchange.modelId());
        assertTrue(id.opaque());
        assertEquals(ModelFamily.UNKNOWN, id.family());
        assertNull(readerFor(exchange).prompt(exchange.request()));
        assertSame(ModelOutput.EMPTY, readerFor(exchange).output(exchange.response()));
        assertEquals(6L, exchange.header(INPUT), "its tokens come from the headers");
    }

    @Test
    void crossRegionNovaProfileIsReadAsNova() {
        Exchange exchange = RecordedFixtures.named("test_nova__test_nova_cross_region_invoke.json");
        assertEquals(ModelFamily.NOVA, ModelId.parse(exchange.modelId()).family());
        ModelOutput output = readerFor(exchange).output(exchange.response());
        assertEquals(7L, output.inputTokens());
        assertEquals(53L, output.outputTokens());
        assertEquals(0L, output.cacheReadInputTokens());
        assertEquals(0L, output.cacheWriteInputTokens());
    }

    private static ModelOutput read(String fileName) {
        Exchange exchange = RecordedFixtures.named(fileName);
        return readerFor(exchange).output(exchange.response());
    }

    private static FamilyReader readerFor(Exchange exchange) {
        return FamilyReaders.forFamily(ModelId.parse(exchange.modelId()).family());
    }

    /**
     * What a recorded request asks, stated independently of the readers: each recorded chat request holds one
     * user message whose content is a string or a single text block; other requests name their text field.
     */
    private static String askedIn(Object request) {
        List<Object> messages = Json.array(Json.at(request, "messages"));
        if (!messages.isEmpty()) {
            Object content = Json.at(messages.get(messages.size() - 1), "content");
            return content instanceof String ? (String) content : Json.string(content, 0, "text");
        }
        for (String field : new String[] {"prompt", "inputText", "message"}) {
            if (Json.string(request, field) != null) {
                return Json.string(request, field);
            }
        }
        return null;
    }

    /** Where each family's documented response format puts the answer. */
    private static String answerIn(ModelFamily family, Object response) {
        return switch (family) {
            case ANTHROPIC -> Json.at(response, "content") != null
                    ? Json.string(response, "content", 0, "text")
                    : Json.string(response, "completion");
            case META -> Json.string(response, "generation");
            case TITAN -> Json.string(response, "results", 0, "outputText");
            case NOVA -> Json.string(response, "output", "message", "content", 0, "text");
            case COHERE_COMMAND -> Json.string(response, "generations", 0, "text");
            case AI21 -> Json.string(response, "completions", 0, "data", "text");
            case UNKNOWN -> null;
            default -> throw new AssertionError("no recorded fixture expected for " + family);
        };
    }
}
