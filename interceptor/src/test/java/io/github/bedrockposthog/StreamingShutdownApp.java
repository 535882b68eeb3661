package io.github.bedrockposthog;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;

import java.net.URI;

/**
 * An app run in a child JVM by {@link ChildJvmDeliveryIT}: zero-code (configured by environment variables), it starts
 * one streaming call, says "streaming", and waits for the stream; the test sends SIGTERM meanwhile.
 * args: emulator endpoint.
 */
public final class StreamingShutdownApp {

    private StreamingShutdownApp() {
    }

    public static void main(String[] args) throws Exception {
        BedrockRuntimeAsyncClient client = Clients.netty(URI.create(args[0]), null);
        System.out.println("streaming");
        System.out.flush();
        client.invokeModelWithResponseStream(
                r -> r.modelId("meta.llama3-1-8b-instruct-v1:0").body(SdkBytes.fromUtf8String("{\"prompt\":\"slow story\"}")),
                InvokeModelWithResponseStreamResponseHandler.builder().subscriber(e -> { }).build()).join();
        System.out.println("stream done");
        System.out.flush();
    }
}
