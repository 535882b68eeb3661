package io.github.bedrockposthog.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;

class BedrockEmulatorStreamingTest {

    private static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final String PROMPT = "Write a haiku about bread";

    @RegisterExtension
    static final LoopbackServers SERVERS = new LoopbackServers();
    private static BedrockEmulator emulator;
    private static BedrockRuntimeAsyncClient client;

    @BeforeAll
    static void start() {
        emulator = SERVERS.emulator();
        client = SdkClients.async(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void cannedAnthropicStreamDeliversTextDeltasAndInvocationMetrics() throws Exception {
        List<JsonNode> chunks = invokeStream(CLAUDE).stream().map(Json::read).collect(Collectors.toList());

        assertEquals("message_start", chunks.get(0).get("type").asText());
        assertEquals(Tokens.estimate(PROMPT), chunks.get(0).at("/message/usage/input_tokens").asInt());
        String text = chunks.stream()
                .filter(c -> "content_block_delta".equals(c.get("type").asText()))
                .map(c -> c.at("/delta/text").asText())
                .collect(Collectors.joining());
        assertEquals(Responders.DEFAULT_ANSWER, text);
        JsonNode last = chunks.get(chunks.size() - 1);
        assertEquals("message_stop", last.get("type").asText());
        JsonNode metrics = last.get("amazon-bedrock-invocationMetrics");
        assertEquals(Tokens.estimate(PROMPT), metrics.get("inputTokenCount").asInt());
        assertEquals(Tokens.estimate(Responders.DEFAULT_ANSWER), metrics.get("outputTokenCount").asInt());
        assertTrue(metrics.has("invocationLatency") && metrics.has("firstByteLatency"));
    }

    @Test
    void cannedLlamaStreamEndsWithStopReasonAndFullGenerationCount() throws Exception {
        List<JsonNode> chunks = invokeStream("us.meta.llama3-2-3b-instruct-v1:0").stream()
                .map(Json::read).collect(Collectors.toList());

        JsonNode last = chunks.get(chunks.size() - 1);
        assertEquals("stop", last.get("stop_reason").asText());
        assertEquals(Tokens.estimate(Responders.DEFAULT_ANSWER), last.get("generation_token_count").asInt());
        assertEquals(Tokens.estimate(PROMPT), chunks.get(0).get("prompt_token_count").asInt());
        assertEquals(Responders.DEFAULT_ANSWER,
                chunks.stream().map(c -> c.get("generation").asText()).collect(Collectors.joining()));
    }

    @Test
    void cannedConverseStreamDeliversDeltasStopReasonAndUsage() throws Exception {
        List<ConverseStreamOutput> events = StreamCollector.converseEvents(client, ConverseStreamRequest.builder()
                .modelId("amazon.nova-lite-v1:0")
                .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(PROMPT)).build())
                .build());

        String text = events.stream().filter(e -> e instanceof ContentBlockDeltaEvent)
                .map(e -> ((ContentBlockDeltaEvent) e).delta().text()).collect(Collectors.joining());
        assertEquals(Responders.DEFAULT_ANSWER, text);
        MessageStopEvent stop = (MessageStopEvent) events.stream().filter(e -> e instanceof MessageStopEvent)
                .findFirst().orElseThrow();
        assertEquals("end_turn", stop.stopReasonAsString());
        ConverseStreamMetadataEvent metadata = (ConverseStreamMetadataEvent) events.get(events.size() - 1);
        assertEquals(Tokens.estimate(PROMPT), metadata.usage().inputTokens());
        assertEquals(Tokens.estimate(Responders.DEFAULT_ANSWER), metadata.usage().outputTokens());
        assertEquals(20L + 5L * Tokens.estimate(Responders.DEFAULT_ANSWER), metadata.metrics().latencyMs());
    }

    @Test
    void aStreamEndingWithAnExceptionFrameFailsTheCallWithThatException() {
        List<byte[]> frames = new ArrayList<>();
        frames.add(EventStreamFrames.chunk("{\"generation\":\"Hel\",\"stop_reason\":null}"));
        frames.add(EventStreamFrames.exception("modelStreamErrorException", "The model stopped unexpectedly."));
        emulator.enqueue(EmulatorReply.stream(frames));

        ExecutionException e = assertThrows(ExecutionException.class, () -> invokeStream("meta.llama3-1-8b-instruct-v1:0"));

        ModelStreamErrorException cause = assertInstanceOf(ModelStreamErrorException.class, e.getCause());
        assertEquals("The model stopped unexpectedly.", cause.awsErrorDetails().errorMessage());
    }

    /**
     * Documents an SDK fact: over HTTP/1.1 the async client ends the stream normally when the connection drops
     * mid-stream (even mid-frame); only the missing final chunk (and its invocation metrics) tells.
     */
    @Test
    void aDroppedConnectionEndsTheStreamEarlyWithoutAnSdkError() throws Exception {
        EmulatorReply whole = Responders.canned().respond(request(EmulatedRequest.INVOKE_MODEL_WITH_RESPONSE_STREAM));
        emulator.enqueue(whole.toBuilder().disconnectAfterFrames(3).build());

        List<String> chunks = invokeStream(CLAUDE);

        assertEquals(3, chunks.size());
        assertTrue(chunks.stream().noneMatch(c -> c.contains("amazon-bedrock-invocationMetrics")));
    }

    @Test
    void framesWrittenOneByteAtATimeStillDecode() throws Exception {
        EmulatorReply whole = Responders.canned().respond(request(EmulatedRequest.INVOKE_MODEL_WITH_RESPONSE_STREAM));
        emulator.enqueue(whole.toBuilder().chunkSize(1).build());

        List<String> chunks = invokeStream(CLAUDE);

        assertEquals(whole.frames().size(), chunks.size());
    }

    @Test
    void firstByteDelayAndFrameGapPaceTheStream() throws Exception {
        List<byte[]> frames = List.of(
                EventStreamFrames.chunk("{\"generation\":\"a\"}"),
                EventStreamFrames.chunk("{\"generation\":\"b\"}"),
                EventStreamFrames.chunk("{\"generation\":\"c\"}"));
        emulator.enqueue(EmulatorReply.builder().frames(frames)
                .firstByteDelay(Duration.ofMillis(200)).frameGap(Duration.ofMillis(100)).build());

        long start = System.nanoTime();
        List<String> chunks = invokeStream("meta.llama3-1-8b-instruct-v1:0");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(3, chunks.size());
        assertTrue(elapsedMs >= 400, "elapsed " + elapsedMs);
    }

    private static EmulatedRequest request(String operation) {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}],\"max_tokens\":100}";
        return EmulatedRequest.of(operation, CLAUDE, body);
    }

    private static List<String> invokeStream(String modelId) throws Exception {
        String body = modelId.contains("anthropic")
                ? "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":100,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + PROMPT + "\"}]}]}"
                : "{\"prompt\":\"" + PROMPT + "\"}";
        return StreamCollector.invokeChunks(client, InvokeModelWithResponseStreamRequest.builder()
                .modelId(modelId).body(SdkBytes.fromUtf8String(body)).build());
    }
}
