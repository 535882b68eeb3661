package io.github.bedrockposthog;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A plain app run in a child JVM by {@link ChildJvmDeliveryIT}: zero-code (configured by environment variables), it
 * makes {@code calls} Bedrock calls with prompts {@code <marker>-<i>}, says so, then stays alive until a line arrives
 * on stdin, prints its delivery counters (once nothing is pending, or after 10 s) and returns from {@code main} without closing anything.
 * args: emulator endpoint, number of calls, marker.
 */
public final class OutageApp {

    private OutageApp() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int calls = Integer.parseInt(args[1]);
        String marker = args[2];
        BedrockRuntimeClient client = Clients.apache(endpoint, null);
        for (int i = 0; i < calls; i++) {
            String prompt = marker + "-" + i;
            client.invokeModel(r -> r.modelId("meta.llama3-1-8b-instruct-v1:0")
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"" + prompt + "\"}")));
        }
        System.out.println("calls done: " + calls);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        // PostHog records a batch before it answers: give the last answer a moment to be counted.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (BedrockPostHog.globalStats().queued() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        System.out.println("stats: " + BedrockPostHog.globalStats());
        System.out.flush();
    }
}
