package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.bedrockposthog.internal.bedrock.TestBodies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which dialect reads a call: by the id's family, else by the body's unmistakable marks (opaque ids). */
class DialectsTest {

    private static final String PROFILE = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc";

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "{'anthropic_version': 'bedrock-2023-05-31', 'messages': []} | - | AnthropicMessagesDialect",
            "{'prompt': 'x'} | {'type': 'message', 'content': []} | AnthropicTextDialect",
            "{'schemaVersion': 'messages-v1', 'messages': []} | - | NovaDialect",
            "{'x': 1} | {'output': {'message': {'content': []}}} | NovaDialect",
            "{'inputText': 'x', 'textGenerationConfig': {}} | - | TitanDialect",
            "{'prompt': 'x', 'max_gen_len': 10} | - | LlamaDialect",
            "{'prompt': 'x'} | {'generation': 'y'} | LlamaDialect",
            "{'prompt': 'x'} | {'choices': [{'text': 'y'}]} | ChatCompletionsDialect",
            "{'prompt': 'x'} | {'outputs': [{'text': 'y'}]} | MistralDialect",
            "{'prompt': 'x'} | {'completion': 'y'} | AnthropicTextDialect",
            "{'prompt': 'x'} | {'something': 'else'} | -",
            "- | - | -",
    })
    void anOpaqueIdIsReadByTheBodysShape(String request, String response, String expected) {
        Dialect dialect = Dialects.of(ModelId.parse(PROFILE), json(request), json(response));
        assertEquals(expected, dialect == null ? null : dialect.getClass().getSimpleName());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "us.anthropic.claude-3-5-haiku-20241022-v1:0 | {'messages': []} | AnthropicMessagesDialect",
            "anthropic.claude-v2:1 | {'prompt': 'x'} | AnthropicTextDialect",
            "ai21.j2-ultra-v1 | {'prompt': 'x'} | Ai21JurassicDialect",
            "ai21.jamba-1-5-mini-v1:0 | {'messages': []} | ChatCompletionsDialect",
            "qwen.qwen3-32b-v1:0 | {'messages': []} | ChatCompletionsDialect",
            "writer.palmyra-x5-v1:0 | {'messages': []} | WriterDialect",
    })
    void aKnownIdWinsOverTheShape(String modelId, String request, String expected) {
        // a Llama-shaped response cannot change the family the id names
        Dialect dialect = Dialects.of(ModelId.parse(modelId), json(request), json("{'generation': 'x'}"));
        assertEquals(expected, dialect.getClass().getSimpleName());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'type': 'content_block_delta', 'delta': {'type': 'text_delta', 'text': 'hi'}}",
            "{'generation': 'hi', 'generation_token_count': 1}",
            "{'choices': [{'delta': {'content': 'hi'}}]}",
            "{'outputText': 'hi'}",
    })
    void aStreamChunkOfAnUnknownFamilyIsReadByItsShapeToo(String chunk) {
        RecordingSink sink = new RecordingSink();
        Dialects.readChunk(null, Json.object(json(chunk)), sink);
        assertEquals("hi", sink.text.toString());
    }

    @Test
    void aStreamWithoutAResponseBodyGetsTheFamilysOneDialect() {
        assertSame(ModelFamily.META.dialect(), Dialects.of(ModelId.parse("meta.llama3-8b-instruct-v1:0"), null, null));
    }

    /** Records what a chunk said. */
    private static final class RecordingSink implements ChunkSink {
        final StringBuilder text = new StringBuilder();

        @Override
        public void text(String fragment) {
            if (fragment != null) {
                text.append(fragment);
            }
        }

        @Override
        public void toolCall(String id, String name) {
        }

        @Override
        public void toolArguments(String fragment) {
        }

        @Override
        public void usage(Long input, Long output, Long cacheRead, Long cacheWrite, boolean reportedByService) {
        }

        @Override
        public void stopReason(String reason) {
        }

        @Override
        public void guardrailAction(String action) {
        }

        @Override
        public void latencies(Long invocationMs, Long firstByteMs) {
        }

        @Override
        public void exception(String type, String message) {
        }

        @Override
        public void finalEvent() {
        }
    }
}
