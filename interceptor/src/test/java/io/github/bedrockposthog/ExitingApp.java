package io.github.bedrockposthog;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.net.URI;

/**
 * A plain app run in a child JVM by {@link JvmExitIT}: it makes Bedrock calls with a zero-code client and
 * returns from {@code main} without closing anything. args: emulator endpoint, number of calls.
 */
public final class ExitingApp {

    private ExitingApp() {
    }

    public static void main(String[] args) {
        URI endpoint = URI.create(args[0]);
        int calls = Integer.parseInt(args[1]);
        BedrockRuntimeClient client = Clients.apache(endpoint, null);
        for (int i = 0; i < calls; i++) {
            client.invokeModel(r -> r.modelId("meta.llama3-1-8b-instruct-v1:0")
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"Say hi\"}")));
        }
        System.out.println("calls done: " + calls);
        // no client.close(), no flush: the library must deliver on JVM exit by itself
    }
}
