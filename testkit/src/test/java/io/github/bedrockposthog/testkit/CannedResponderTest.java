package io.github.bedrockposthog.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CannedResponderTest {

    private static final String PROMPT = "Give me three pasta recipes";
    private static final int IN = Tokens.estimate(PROMPT);
    private static final int OUT = Tokens.estimate(Responders.DEFAULT_ANSWER);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "meta.llama3-1-8b-instruct-v1:0         | {\"prompt\":\"P\"}                                   | /generation                     | /prompt_token_count",
        "anthropic.claude-3-haiku-20240307-v1:0 | {\"messages\":[{\"role\":\"user\",\"content\":\"P\"}]} | /content/0/text                 | /usage/input_tokens",
        "amazon.titan-text-express-v1           | {\"inputText\":\"P\"}                                | /results/0/outputText           | /inputTextTokenCount",
        "apac.amazon.nova-pro-v1:0              | {\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"P\"}]}]} | /output/message/content/0/text | /usage/inputTokens",
        "cohere.command-r-plus-v1:0             | {\"message\":\"P\"}                                  | /text                           | ",
        "mistral.mistral-7b-instruct-v0:2       | {\"prompt\":\"P\"}                                   | /outputs/0/text                 | ",
        "mistral.mistral-large-2407-v1:0        | {\"messages\":[{\"role\":\"user\",\"content\":\"P\"}]} | /choices/0/message/content      | ",
        "us.deepseek.r1-v1:0                    | {\"prompt\":\"P\"}                                   | /choices/0/text                 | ",
        "ai21.jamba-1-5-mini-v1:0               | {\"messages\":[{\"role\":\"user\",\"content\":\"P\"}]} | /choices/0/message/content      | /usage/prompt_tokens",
        "openai.gpt-oss-20b-1:0                 | {\"messages\":[{\"role\":\"user\",\"content\":\"P\"}]} | /choices/0/message/content      | /usage/prompt_tokens",
        "anthropic.claude-v2:1                  | {\"prompt\":\"P\"}                                   | /completion                     | ",
        "cohere.command-text-v14                | {\"prompt\":\"P\"}                                   | /generations/0/text             | ",
        "ai21.j2-ultra-v1                       | {\"prompt\":\"P\"}                                   | /completions/0/data/text        | ",
        "arn:aws:sagemaker:us-east-1:1:endpoint/x | {\"prompt\":\"P\"}                                 | /completion                     | "
    })
    void invokeModelAnswersInTheFamilyWireFormatWithMatchingUsageHeaders(String modelId, String body, String textPointer,
                                                                          String inputTokensPointer) {
        EmulatorReply reply = respond("InvokeModel", modelId, body.replace("P", PROMPT));

        JsonNode json = Json.read(reply.bodyText());
        assertEquals(Responders.DEFAULT_ANSWER, json.at(textPointer).asText(), reply.bodyText());
        if (inputTokensPointer != null) {
            assertEquals(IN, json.at(inputTokensPointer).asInt(), reply.bodyText());
        }
        assertEquals("application/json", reply.header("content-type"));
        assertEquals(Integer.toString(IN), reply.header("X-Amzn-Bedrock-Input-Token-Count"));
        assertEquals(Integer.toString(OUT), reply.header("X-Amzn-Bedrock-Output-Token-Count"));
        assertEquals(Integer.toString(20 + 5 * OUT), reply.header("X-Amzn-Bedrock-Invocation-Latency"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "meta.llama3-1-8b-instruct-v1:0         | {\"prompt\":\"P\"}",
        "anthropic.claude-3-haiku-20240307-v1:0 | {\"messages\":[{\"role\":\"user\",\"content\":\"P\"}]}",
        "amazon.titan-text-lite-v1              | {\"inputText\":\"P\"}",
        "amazon.nova-micro-v1:0                 | {\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"P\"}]}]}",
        "cohere.command-r-v1:0                  | {\"message\":\"P\"}",
        "mistral.mixtral-8x7b-instruct-v0:1     | {\"prompt\":\"P\"}",
        "deepseek.r1-v1:0                       | {\"prompt\":\"P\"}",
        "openai.gpt-oss-120b-1:0                | {\"messages\":[{\"role\":\"user\",\"content\":\"P\"}]}",
        "some.unknown-model                     | {\"prompt\":\"P\"}"
    })
    void streamsEndWithInvocationMetricsMatchingTheTexts(String modelId, String body) {
        EmulatorReply reply = respond("InvokeModelWithResponseStream", modelId, body.replace("P", PROMPT));

        List<JsonNode> chunks = chunks(reply);
        JsonNode metrics = chunks.get(chunks.size() - 1).get("amazon-bedrock-invocationMetrics");
        assertEquals(IN, metrics.get("inputTokenCount").asInt());
        assertEquals(OUT, metrics.get("outputTokenCount").asInt());
        assertEquals(20 + 5 * OUT, metrics.get("invocationLatency").asInt());
        assertEquals(20, metrics.get("firstByteLatency").asInt());
        assertEquals(EmulatorReply.EVENT_STREAM, reply.header("Content-Type"));
        assertEquals("application/json", reply.header("X-Amzn-Bedrock-Content-Type"));
        assertTrue(chunks.size() > 1, "streams in pieces");
    }

    @Test
    void converseStreamFramesFollowTheRecordedEventOrder() {
        EmulatorReply reply = respond("ConverseStream", "meta.llama3-1-8b-instruct-v1:0",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + PROMPT + "\"}]}]}");

        List<String> types = EventStreamFrames.decode(frames(reply)).stream()
                .map(m -> EventStreamFrames.header(m, ":event-type")).distinct().collect(Collectors.toList());

        assertEquals(List.of("messageStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"), types);
    }

    @Test
    void aCustomAnswerKeepsTheTokenArithmetic() {
        Responder responder = Responders.canned(request -> "Pasta al pomodoro");

        EmulatorReply reply = responder.respond(request("InvokeModel", "meta.llama3-8b-instruct-v1:0", "{\"prompt\":\"x\"}"));

        assertEquals(Integer.toString(Tokens.estimate("Pasta al pomodoro")), reply.header("X-Amzn-Bedrock-Output-Token-Count"));
        assertEquals("Pasta al pomodoro", Json.read(reply.bodyText()).get("generation").asText());
    }

    @Test
    void tokenEstimateIsWordsTimesOnePointThreeAtLeastOne() {
        assertEquals(1, Tokens.estimate(""));
        assertEquals(1, Tokens.estimate("one"));
        assertEquals(3, Tokens.estimate("one two"));
        assertEquals(13, Tokens.estimate("a b c d e f g h i j"));
    }

    private static List<JsonNode> chunks(EmulatorReply reply) {
        return EventStreamFrames.decode(frames(reply)).stream()
                .map(m -> Json.read(EventStreamFrames.chunkJson(m))).collect(Collectors.toList());
    }

    private static byte[] frames(EmulatorReply reply) {
        int size = reply.frames().stream().mapToInt(f -> f.length).sum();
        byte[] all = new byte[size];
        int offset = 0;
        for (byte[] frame : reply.frames()) {
            System.arraycopy(frame, 0, all, offset, frame.length);
            offset += frame.length;
        }
        return all;
    }

    private static EmulatorReply respond(String operation, String modelId, String body) {
        return Responders.canned().respond(request(operation, modelId, body));
    }

    private static EmulatedRequest request(String operation, String modelId, String body) {
        return EmulatedRequest.of(operation, modelId, body);
    }
}
