package io.github.bedrockposthog.testkit;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;

/** Runs streaming calls through the real async client and collects what the application would see. */
final class StreamCollector {

    private StreamCollector() {
    }

    /** The model JSON of every chunk the SDK delivered. */
    static List<String> invokeChunks(BedrockRuntimeAsyncClient client, InvokeModelWithResponseStreamRequest request)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> chunks = new CopyOnWriteArrayList<>();
        InvokeModelWithResponseStreamResponseHandler handler = InvokeModelWithResponseStreamResponseHandler.builder()
                .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                        .onChunk(chunk -> chunks.add(chunk.bytes().asUtf8String()))
                        .build())
                .build();
        CompletableFuture<Void> done = client.invokeModelWithResponseStream(request, handler);
        done.get(20, TimeUnit.SECONDS);
        return chunks;
    }

    /** Every ConverseStream event the SDK delivered. */
    static List<ConverseStreamOutput> converseEvents(BedrockRuntimeAsyncClient client, ConverseStreamRequest request)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<ConverseStreamOutput> events = new CopyOnWriteArrayList<>();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(events::add)
                .build();
        client.converseStream(request, handler).get(20, TimeUnit.SECONDS);
        return events;
    }
}
