package io.github.bedrockposthog.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;

class FixtureReplayTest {

    @RegisterExtension
    static final LoopbackServers SERVERS = new LoopbackServers();
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient syncClient;
    private static BedrockRuntimeAsyncClient asyncClient;

    @BeforeAll
    static void start() {
        emulator = SERVERS.emulator();
        syncClient = SdkClients.sync(emulator.endpoint());
        asyncClient = SdkClients.async(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        syncClient.close();
        asyncClient.close();
    }

    static Stream<RecordedExchange> invokeModelFixtures() {
        return RecordedExchange.loadAll().stream().filter(e -> "InvokeModel".equals(e.operation()));
    }

    static Stream<RecordedExchange> invokeStreamFixtures() {
        return RecordedExchange.loadAll().stream().filter(e -> "InvokeModelWithResponseStream".equals(e.operation()));
    }

    static Stream<RecordedExchange> converseStreamFixtures() {
        return RecordedExchange.loadAll().stream().filter(e -> "ConverseStream".equals(e.operation()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invokeModelFixtures")
    void aRecordedInvokeModelAnswerReplaysByteIdenticallyWithItsHeaders(RecordedExchange fixture) {
        emulator.enqueueFixture(fixture);

        InvokeModelResponse response = syncClient.invokeModel(r -> r.modelId(fixture.modelId())
                .body(SdkBytes.fromUtf8String(fixture.requestBody())));

        assertArrayEquals(fixture.responseBody(), response.body().asByteArray());
        assertEquals(fixture.responseHeader("X-Amzn-Bedrock-Output-Token-Count"),
                response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count").orElse(null));
        assertEquals(fixture.responseHeader("x-amzn-RequestId"),
                response.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId").orElse(null));
        assertEquals(fixture.modelId(), emulator.requests().get(0).modelId());
    }

    @Test
    void aRecordedConverseAnswerReplaysThroughTheSdk() {
        RecordedExchange fixture = RecordedExchange.named("test_meta__test_meta_converse");
        emulator.enqueueFixture(fixture);

        ConverseResponse response = syncClient.converse(r -> r.modelId(fixture.modelId()));

        assertEquals(52, response.usage().inputTokens());
        assertEquals(30, response.usage().outputTokens());
        assertEquals(589L, response.metrics().latencyMs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invokeStreamFixtures")
    void aRecordedStreamDeliversEveryChunkThroughTheAsyncClient(RecordedExchange fixture) throws Exception {
        emulator.enqueueFixture(fixture);

        assertEquals(expectedChunks(fixture), invokeStream(fixture));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invokeStreamFixtures")
    void aRecordedStreamWrittenOneByteAtATimeDeliversTheSameChunks(RecordedExchange fixture) throws Exception {
        emulator.enqueueFixture(fixture, 1);

        assertEquals(expectedChunks(fixture), invokeStream(fixture));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("converseStreamFixtures")
    void aRecordedConverseStreamDeliversItsEventsThroughTheAsyncClient(RecordedExchange fixture) throws Exception {
        emulator.enqueueFixture(fixture, 7);

        List<ConverseStreamOutput> events = StreamCollector.converseEvents(asyncClient,
                ConverseStreamRequest.builder().modelId(fixture.modelId()).build());

        assertEquals(EventStreamFrames.decode(fixture.responseBody()).size(), events.size());
        assertFalse(events.stream().filter(e -> e instanceof ContentBlockDeltaEvent).findAny().isEmpty());
        assertInstanceOf(ConverseStreamMetadataEvent.class, events.get(events.size() - 1));
    }

    private static List<String> expectedChunks(RecordedExchange fixture) {
        return EventStreamFrames.decode(fixture.responseBody()).stream()
                .map(EventStreamFrames::chunkJson).collect(Collectors.toList());
    }

    private static List<String> invokeStream(RecordedExchange fixture) throws Exception {
        return StreamCollector.invokeChunks(asyncClient, InvokeModelWithResponseStreamRequest.builder()
                .modelId(fixture.modelId()).body(SdkBytes.fromUtf8String(fixture.requestBody())).build());
    }
}
