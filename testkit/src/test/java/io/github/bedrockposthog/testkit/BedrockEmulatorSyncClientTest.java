package io.github.bedrockposthog.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

class BedrockEmulatorSyncClientTest {

    private static final String LLAMA = "meta.llama3-1-8b-instruct-v1:0";
    private static final String LLAMA_PROMPT = "Suggest a recipe with tomatoes and basil";

    @RegisterExtension
    static final LoopbackServers SERVERS = new LoopbackServers();
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient client;

    @BeforeAll
    static void start() {
        emulator = SERVERS.emulator();
        client = SdkClients.sync(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void invokeModelReturnsTheCannedLlamaAnswerWithConsistentUsageHeaders() {
        InvokeModelResponse response = invokeLlama();

        JsonNode body = Json.read(response.body().asUtf8String());
        int inputTokens = Tokens.estimate(LLAMA_PROMPT);
        int outputTokens = Tokens.estimate(Responders.DEFAULT_ANSWER);
        assertEquals(Responders.DEFAULT_ANSWER, body.get("generation").asText());
        assertEquals(inputTokens, body.get("prompt_token_count").asInt());
        assertEquals(outputTokens, body.get("generation_token_count").asInt());
        assertEquals("stop", body.get("stop_reason").asText());
        assertEquals("application/json", response.contentType());
        assertEquals(List.of(Integer.toString(inputTokens)), header(response, "X-Amzn-Bedrock-Input-Token-Count"));
        assertEquals(List.of(Integer.toString(outputTokens)), header(response, "X-Amzn-Bedrock-Output-Token-Count"));
        assertEquals(List.of(Integer.toString(20 + 5 * outputTokens)), header(response, "X-Amzn-Bedrock-Invocation-Latency"));
        assertEquals(1, header(response, "x-amzn-RequestId").size());
    }

    @Test
    void converseReturnsTheCannedAnswerInConverseShape() {
        ConverseResponse response = client.converse(r -> r.modelId("us.anthropic.claude-3-5-haiku-20241022-v1:0")
                .messages(Message.builder().role(ConversationRole.USER)
                        .content(ContentBlock.fromText("Plan a dinner for four")).build()));

        int inputTokens = Tokens.estimate("Plan a dinner for four");
        int outputTokens = Tokens.estimate(Responders.DEFAULT_ANSWER);
        assertEquals(Responders.DEFAULT_ANSWER, response.output().message().content().get(0).text());
        assertEquals("end_turn", response.stopReasonAsString());
        assertEquals(inputTokens, response.usage().inputTokens());
        assertEquals(outputTokens, response.usage().outputTokens());
        assertEquals(inputTokens + outputTokens, response.usage().totalTokens());
        assertEquals(20L + 5L * outputTokens, response.metrics().latencyMs());
    }

    @Test
    void enqueuedThrottlingSurfacesAsThrottlingException() {
        emulator.enqueueError(429, "ThrottlingException", "Too many requests");

        ThrottlingException e = assertThrows(ThrottlingException.class, this::invokeLlama);

        assertEquals(429, e.statusCode());
        assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
        assertEquals("Too many requests", e.awsErrorDetails().errorMessage());
        assertTrue(e.requestId() != null && !e.requestId().isEmpty(), "request id");
    }

    @Test
    void enqueuedValidationErrorSurfacesAsValidationException() {
        emulator.enqueue(BedrockError.VALIDATION.reply());

        ValidationException e = assertThrows(ValidationException.class, this::invokeLlama);

        assertEquals(400, e.statusCode());
    }

    @Test
    void scriptedRepliesAreUsedInOrderBeforeTheResponder() {
        emulator.enqueue(EmulatorReply.json("{\"generation\":\"first\"}"));
        emulator.enqueue(EmulatorReply.json("{\"generation\":\"second\"}"));

        assertEquals("{\"generation\":\"first\"}", invokeLlama().body().asUtf8String());
        assertEquals("{\"generation\":\"second\"}", invokeLlama().body().asUtf8String());
        assertEquals(Responders.DEFAULT_ANSWER, Json.read(invokeLlama().body().asUtf8String()).get("generation").asText());
        assertEquals(0, emulator.pendingReplies());
    }

    @Test
    void anArnModelIdIsDecodedFromThePath() {
        String arn = "arn:aws:bedrock:us-east-1:012345678901:inference-profile/us.meta.llama3-1-8b-instruct-v1:0";

        client.invokeModel(r -> r.modelId(arn).body(SdkBytes.fromUtf8String("{\"prompt\":\"hi\"}")));

        EmulatedRequest request = emulator.requests().get(0);
        assertEquals(arn, request.modelId());
        assertEquals("InvokeModel", request.operation());
        assertEquals("{\"prompt\":\"hi\"}", request.bodyText());
        assertTrue(request.path().contains("%2F"), request.path());
    }

    @Test
    void errorRateOneAnswersOnlyTransientBedrockErrors() {
        try (BedrockEmulator failing = BedrockEmulator.builder().errorRate(1.0).random(new Random(7)).start();
             BedrockRuntimeClient failingClient = SdkClients.sync(failing.endpoint())) {
            for (int i = 0; i < 5; i++) {
                BedrockRuntimeException e = assertThrows(BedrockRuntimeException.class,
                        () -> failingClient.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String("{}"))));
                assertTrue(List.of(408, 424, 429, 500, 503).contains(e.statusCode()), "status " + e.statusCode());
            }
        }
    }

    @Test
    void latencyIsAddedBeforeTheAnswer() {
        try (BedrockEmulator slow = BedrockEmulator.builder().latency(Duration.ofMillis(300)).start();
             BedrockRuntimeClient slowClient = SdkClients.sync(slow.endpoint())) {
            long start = System.nanoTime();
            slowClient.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String("{\"prompt\":\"x\"}")));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 300, "elapsed " + elapsedMs);
        }
    }

    @Test
    void aBodyThatIsNotJsonGetsAValidationException() {
        assertThrows(ValidationException.class,
                () -> client.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String("not json"))));
    }

    @Test
    void unknownPathsAnswer404UnknownOperation() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/foundation-models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
        assertEquals("UnknownOperationException", response.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertTrue(Json.read(response.body()).has("message"));
        assertTrue(emulator.requests().isEmpty());
    }

    private InvokeModelResponse invokeLlama() {
        return client.invokeModel(r -> r.modelId(LLAMA)
                .body(SdkBytes.fromUtf8String("{\"prompt\":\"" + LLAMA_PROMPT + "\",\"max_gen_len\":256}")));
    }

    private static List<String> header(InvokeModelResponse response, String name) {
        return response.sdkHttpResponse().matchingHeaders(name);
    }
}
