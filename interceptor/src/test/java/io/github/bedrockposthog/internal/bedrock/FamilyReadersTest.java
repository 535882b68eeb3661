package io.github.bedrockposthog.internal.bedrock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.github.bedrockposthog.internal.bedrock.TestBodies.json;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Hand-written bodies for families without a recording, message-list rules, and garbage. */
class FamilyReadersTest {


    private static FamilyReader reader(ModelFamily family) {
        return FamilyReaders.forFamily(family);
    }

    /**
     * Hand-written bodies of the families without a recording: the prompt a request gives, and the answer, stop reason
     * and token counts a response gives ({@code null} where the body has none: the headers carry them, say).
     */
    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of("mistral text shape", ModelFamily.MISTRAL,
                        "{'prompt': '<s>[INST] What is 2+2? [/INST]', 'max_tokens': 50}", "<s>[INST] What is 2+2? [/INST]",
                        "{'outputs': [{'text': ' 4.', 'stop_reason': 'stop'}]}", " 4.", "stop", null, null),
                Arguments.of("mistral chat shape", ModelFamily.MISTRAL,
                        "{'messages': [{'role': 'system', 'content': 'Be brief.'}, {'role': 'user', 'content': 'Name a colour.'}]}",
                        "Name a colour.",
                        "{'id': 'x', 'object': 'chat.completion', 'choices': [{'index': 0,"
                                + " 'message': {'role': 'assistant', 'content': 'Blue.'}, 'finish_reason': 'stop'}]}",
                        "Blue.", "stop", null, null),
                Arguments.of("deepseek text completion choices", ModelFamily.DEEPSEEK,
                        "{'prompt': 'Why is the sky blue?', 'max_tokens': 512}", "Why is the sky blue?",
                        "{'choices': [{'text': '<think>Rayleigh</think> Scattering.', 'stop_reason': 'stop'}]}",
                        "<think>Rayleigh</think> Scattering.", "stop", null, null),
                Arguments.of("openai gpt-oss: the answer, not the reasoning", ModelFamily.OPENAI,
                        "{'messages': [{'role': 'user', 'content': [{'type': 'text', 'text': 'Say hi'}]}], 'max_completion_tokens': 20}",
                        "Say hi",
                        "{'choices': [{'index': 0, 'message': {'role': 'assistant',"
                                + " 'content': 'Hi!', 'reasoning_content': 'User wants a greeting.'}, 'finish_reason': 'stop'}],"
                                + " 'usage': {'prompt_tokens': 71, 'completion_tokens': 18, 'total_tokens': 89}}",
                        "Hi!", "stop", 71L, 18L),
                Arguments.of("jamba: OpenAI-style chat with usage", ModelFamily.AI21,
                        "{'messages': [{'role': 'user', 'content': 'Hello'},"
                                + " {'role': 'assistant', 'content': 'Hi'}, {'role': 'user', 'content': 'Summarise this.'}]}",
                        "Summarise this.",
                        "{'id': 'chat-1', 'choices': [{'index': 0, 'message': {'role': 'assistant',"
                                + " 'content': 'A summary.', 'tool_calls': null}, 'finish_reason': 'stop'}],"
                                + " 'usage': {'prompt_tokens': 12, 'completion_tokens': 4, 'total_tokens': 16}}",
                        "A summary.", "stop", 12L, 4L),
                Arguments.of("cohere command r: message and text, no usage on Bedrock", ModelFamily.COHERE_COMMAND_R,
                        "{'message': 'What is RAG?', 'chat_history': [{'role': 'USER', 'message': 'earlier'}]}",
                        "What is RAG?",
                        "{'response_id': 'r', 'text': 'Retrieval-augmented generation.',"
                                + " 'generation_id': 'g', 'finish_reason': 'COMPLETE'}",
                        "Retrieval-augmented generation.", "COMPLETE", null, null),
                Arguments.of("legacy cohere: the first generation", ModelFamily.COHERE_COMMAND,
                        "{'prompt': 'Write a haiku', 'num_generations': 2}", "Write a haiku",
                        "{'generations': [{'text': 'first', 'finish_reason': 'COMPLETE'},"
                                + " {'text': 'second', 'finish_reason': 'MAX_TOKENS'}]}",
                        "first", "COMPLETE", null, null),
                // Qwen: bodies as AWS's model-parameter page shows them (chat completions, with reasoning)
                Arguments.of("qwen: chat completions, the answer not the reasoning", ModelFamily.of("qwen.qwen3-32b-v1:0"),
                        "{'messages': [{'role': 'system',"
                                + " 'content': 'You are helpful.'}, {'role': 'user', 'content': 'What is the capital of France?'}],"
                                + " 'max_tokens': 512, 'temperature': 0.7, 'top_p': 0.9}",
                        "What is the capital of France?",
                        "{'id': 'chatcmpl-1', 'object': 'chat.completion', 'model':"
                                + " 'qwen.qwen3-32b-v1:0', 'choices': [{'index': 0, 'message': {'role': 'assistant',"
                                + " 'reasoning_content': 'The user asks...', 'content': 'Paris.'}, 'finish_reason': 'stop'}],"
                                + " 'usage': {'prompt_tokens': 21, 'completion_tokens': 3, 'total_tokens': 24}}",
                        "Paris.", "stop", 21L, 3L),
                // Writer Palmyra: {"text": ...} contents in, chat completions out (AWS's Palmyra X5 page, Writer's API)
                Arguments.of("writer: text object contents", ModelFamily.of("writer.palmyra-x5-v1:0"),
                        "{'messages': [{'role': 'user',"
                                + " 'content': {'text': 'Explain quantum computing in simple terms'}}], 'max_tokens': 256}",
                        "Explain quantum computing in simple terms",
                        "{'id': 'x', 'object': 'chat.completion', 'choices': [{'index': 0,"
                                + " 'finish_reason': 'stop', 'message': {'content': 'Qubits can be 0 and 1 at once.', 'role': 'assistant',"
                                + " 'tool_calls': null}}], 'usage': {'prompt_tokens': 40, 'total_tokens': 52, 'completion_tokens': 12}}",
                        "Qubits can be 0 and 1 at once.", "stop", 40L, 12L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aFamilyReadsItsPromptAnswerStopReasonAndTokens(String name, ModelFamily family, String request, String prompt,
                                                        String response, String text, String stopReason,
                                                        Long inputTokens, Long outputTokens) {
        FamilyReader reader = reader(family);
        assertEquals(prompt, reader.prompt(json(request)), "prompt");
        ModelOutput out = reader.output(json(response));
        assertEquals(text, out.text(), "text");
        assertEquals(stopReason, out.stopReason(), "stop reason");
        assertEquals(inputTokens, out.inputTokens(), "input tokens");
        assertEquals(outputTokens, out.outputTokens(), "output tokens");
    }

    @Test
    void openAiContentBlocksAreConcatenated() {
        ModelOutput out = reader(ModelFamily.OPENAI).output(json("{'choices': [{'message': {'content': ["
                + "{'type': 'reasoning', 'text': 'hidden'}, {'type': 'text', 'text': 'Part one, '},"
                + " {'type': 'text', 'text': 'part two.'}]}, 'finish_reason': 'length'}]}"));
        assertEquals("Part one, part two.", out.text());
        assertEquals("length", out.stopReason());
    }

    @Test
    void promptIsTheLastUserMessageWithTextBlocksJoinedByNewlines() {
        Object request = json("{'messages': ["
                + "{'role': 'user', 'content': 'first question'},"
                + "{'role': 'assistant', 'content': [{'type': 'text', 'text': 'an answer'}]},"
                + "{'role': 'user', 'content': [{'type': 'image', 'source': {'data': 'AAAA'}},"
                + " {'type': 'text', 'text': 'line one'}, {'type': 'text', 'text': 'line two'}]}]}");
        assertEquals("line one\nline two", reader(ModelFamily.ANTHROPIC).prompt(request));
    }

    @Test
    void aTrailingToolResultTurnIsThePromptOfThatToolLoopStep() { // the rule Converse follows too
        Object request = json("{'messages': ["
                + "{'role': 'user', 'content': [{'type': 'text', 'text': 'Weather in Paris?'}]},"
                + "{'role': 'assistant', 'content': [{'type': 'tool_use', 'id': 't1', 'name': 'weather', 'input': {}}]},"
                + "{'role': 'user', 'content': [{'type': 'tool_result', 'tool_use_id': 't1', 'content': '18C'}]}]}");
        assertEquals("18C", reader(ModelFamily.ANTHROPIC).prompt(request));
    }

    @Test
    void novaPromptSkipsImageBlocks() {
        Object request = json("{'messages': [{'role': 'user', 'content': [{'image': {'format': 'png',"
                + " 'source': {'bytes': 'AAAA'}}}, {'text': 'Describe it.'}]}]}");
        assertEquals("Describe it.", reader(ModelFamily.NOVA).prompt(request));
    }

    @Test
    void anthropicOutputKeepsOnlyTextBlocks() {
        ModelOutput out = reader(ModelFamily.ANTHROPIC).output(json("{'content': ["
                + "{'type': 'thinking', 'thinking': 'hmm'}, {'type': 'text', 'text': 'The answer is '},"
                + "{'type': 'text', 'text': '42.'}, {'type': 'tool_use', 'id': 'x', 'name': 'n', 'input': {}}],"
                + " 'stop_reason': 'tool_use', 'usage': {'input_tokens': 10, 'output_tokens': 5}}"));
        assertEquals("The answer is 42.", out.text());
        assertEquals("tool_use", out.stopReason());
        assertNull(out.cacheReadInputTokens());
    }

    @Test
    void unknownFamilyReadsNothing() {
        FamilyReader unknown = reader(ModelFamily.UNKNOWN);
        assertNull(unknown.prompt(json("{'prompt': 'hello'}")));
        assertSame(ModelOutput.EMPTY, unknown.output(json("{'choices': [{'text': 'hi'}]}")));
        assertSame(unknown, FamilyReaders.forFamily(null));
    }

    @Test
    void negativeOrNonNumericTokenCountsAreDropped() {
        ModelOutput out = reader(ModelFamily.META).output(json(
                "{'generation': 'x', 'prompt_token_count': -3, 'generation_token_count': 'many'}"));
        assertEquals("x", out.text());
        assertNull(out.inputTokens());
        assertNull(out.outputTokens());
    }

    /** Bodies of the wrong kind: absent, scalars, wrong nesting, empty lists, wrong types everywhere. */
    private static List<Object> garbage() {
        List<Object> bodies = new ArrayList<>(Arrays.asList(null, 42L, "text", true, 1.5));
        for (String text : new String[] {
                "{}", "[]", "[{}]", "{'messages': []}", "{'messages': 'hello'}", "{'messages': [null, 3, 'x']}",
                "{'messages': [{'role': 'user'}]}", "{'messages': [{'role': 'user', 'content': [null, 1, {'text': 5}]}]}",
                "{'messages': [{'role': 7, 'content': 'x'}]}",
                "{'prompt': 5, 'inputText': [], 'message': {}}",
                "{'content': 'not a list', 'usage': 'none'}", "{'content': [], 'usage': {'input_tokens': 'x'}}",
                "{'results': []}", "{'results': 'x'}", "{'results': [null]}",
                "{'output': {'message': {'content': null}}, 'usage': []}",
                "{'generations': []}", "{'outputs': []}", "{'outputs': [5]}",
                "{'choices': []}", "{'choices': [null]}", "{'choices': [{'message': 'x'}]}",
                "{'choices': [{'message': {'content': 7}}]}", "{'choices': {}}",
                "{'completions': [{}], 'prompt': 'x'}", "{'completions': [{'data': 3}], 'prompt': {'tokens': 'x'}}",
                "{'usage': {'prompt_tokens': 1e400}}", "{'generation': null, 'prompt_token_count': 99999999999999999999}",
        }) {
            bodies.add(json(text));
        }
        return bodies;
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void garbageNeverThrows(ModelFamily family) {
        FamilyReader reader = reader(family);
        for (Object body : garbage()) {
            assertDoesNotThrow(() -> reader.prompt(body), () -> family + " prompt of " + body);
            ModelOutput out = assertDoesNotThrow(() -> reader.output(body), () -> family + " output of " + body);
            assertNotNull(out);
        }
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void absentBodiesGiveNothing(ModelFamily family) {
        assertNull(reader(family).prompt(null));
        assertSame(ModelOutput.EMPTY, reader(family).output(null));
    }
}
