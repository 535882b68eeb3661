package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.testkit.RecordedExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

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

    /** Every non-streaming InvokeModel exchange (the ones whose response body is plain JSON text). */
    static List<RecordedExchange> exchanges() {
        return RecordedExchange.loadAll().stream().filter(e -> "InvokeModel".equals(e.operation())).toList();
    }

    @Test
    void theRecordedExchangesAreFound() {
        assertTrue(exchanges().size() >= 17, "InvokeModel fixtures found: " + exchanges());
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void promptIsWhatTheRequestAsked(RecordedExchange exchange) {
        FamilyReader reader = readerFor(exchange);
        ModelFamily family = ModelId.parse(exchange.modelId()).family();
        String expected = family == ModelFamily.UNKNOWN ? null : askedIn(request(exchange));
        assertEquals(expected, reader.prompt(request(exchange)));
        if (family != ModelFamily.UNKNOWN) {
            assertNotNull(expected, "every recorded request of a known family asks something");
        }
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void generatedTextIsWhatTheResponseSays(RecordedExchange exchange) {
        ModelFamily family = ModelId.parse(exchange.modelId()).family();
        String text = readerFor(exchange).output(response(exchange)).text();
        assertEquals(answerIn(family, response(exchange)), text);
        if (family != ModelFamily.UNKNOWN) {
            assertFalse(text == null || text.isEmpty(), "a recorded answer has text");
        }
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void bodyTokenCountsEqualTheResponseHeaders(RecordedExchange exchange) {
        ModelOutput output = readerFor(exchange).output(response(exchange));
        assertNotNull(header(exchange, INPUT), "every recorded InvokeModel response has usage headers");
        if (output.inputTokens() != null) {
            assertEquals(header(exchange, INPUT), output.inputTokens(), "input tokens");
        }
        if (output.outputTokens() != null) {
            assertEquals(header(exchange, OUTPUT), output.outputTokens(), "output tokens");
        }
        if (output.cacheReadInputTokens() != null) {
            assertEquals(header(exchange, CACHE_READ), output.cacheReadInputTokens(), "cache-read tokens");
        }
        if (output.cacheWriteInputTokens() != null) {
            assertEquals(header(exchange, CACHE_WRITE), output.cacheWriteInputTokens(), "cache-write tokens");
        }
        ModelFamily family = ModelId.parse(exchange.modelId()).family();
        boolean anthropicMessages = family == ModelFamily.ANTHROPIC && Json.at(response(exchange), "usage") != null;
        if (INPUT_IN_BODY.contains(family) || anthropicMessages) {
            assertNotNull(output.inputTokens(), "this family's body reports input tokens");
        }
    }

    /** Recorded bodies with their usage and stop reason as the recording says ({@code null}: not in the body). */
    static Stream<Arguments> usage() {
        return Stream.of(
                Arguments.of("anthropic cache write", "test_prompt_caching__test_invoke_model_cache_tokens__0.json",
                        4L, 50L, 0L, 18131L, "max_tokens"),
                Arguments.of("anthropic cache read", "test_prompt_caching__test_invoke_model_cache_tokens__1.json",
                        4L, 50L, 18131L, 0L, "max_tokens"),
                Arguments.of("titan guardrail: decimal counts read as whole numbers",
                        "test_guardrails__test_guardrail_invoke.json", 28L, 197L, null, null, "FINISH"),
                Arguments.of("jurassic: the lengths of its token lists",
                        "test_ai21__test_ai21_j2_completion_string_content.json", 26L, 42L, null, null, "endoftext"),
                Arguments.of("nova on a cross-region profile", "test_nova__test_nova_cross_region_invoke.json",
                        7L, 53L, 0L, 0L, "end_turn"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usage")
    void theBodyGivesItsUsageAndStopReason(String name, String fileName, Long input, Long output, Long cacheRead,
                                           Long cacheWrite, String stopReason) {
        ModelOutput out = read(fileName);
        assertEquals(input, out.inputTokens(), "input tokens");
        assertEquals(output, out.outputTokens(), "output tokens");
        assertEquals(cacheRead, out.cacheReadInputTokens(), "cache-read tokens");
        assertEquals(cacheWrite, out.cacheWriteInputTokens(), "cache-write tokens");
        assertEquals(stopReason, out.stopReason(), "stop reason");
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
        RecordedExchange exchange = RecordedExchange.named("test_imported_model__test_imported_model_completion.json");
        ModelId id = ModelId.parse(exchange.modelId());
        assertTrue(id.opaque());
        assertEquals(ModelFamily.UNKNOWN, id.family());
        assertNull(readerFor(exchange).prompt(request(exchange)));
        assertSame(ModelOutput.EMPTY, readerFor(exchange).output(response(exchange)));
        assertEquals(6L, header(exchange, INPUT), "its tokens come from the headers");
    }

    @Test
    void crossRegionNovaProfileIsReadAsNova() {
        RecordedExchange exchange = RecordedExchange.named("test_nova__test_nova_cross_region_invoke.json");
        assertEquals(ModelFamily.NOVA, ModelId.parse(exchange.modelId()).family(), "its usage: see usage()");
    }

    private static ModelOutput read(String fileName) {
        RecordedExchange exchange = RecordedExchange.named(fileName);
        return readerFor(exchange).output(response(exchange));
    }

    private static FamilyReader readerFor(RecordedExchange exchange) {
        return FamilyReaders.forFamily(ModelId.parse(exchange.modelId()).family());
    }

    private static Object request(RecordedExchange exchange) {
        return Json.parse(exchange.requestBody());
    }

    private static Object response(RecordedExchange exchange) {
        return Json.parse(exchange.responseBodyText());
    }

    /** A recorded response header as a number, case-insensitively; {@code null} when absent. */
    private static Long header(RecordedExchange exchange, String name) {
        String value = exchange.responseHeader(name);
        return value == null ? null : Long.valueOf(value);
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
