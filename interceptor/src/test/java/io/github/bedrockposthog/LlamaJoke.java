package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.RecordedExchange;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The plain call the JVM-wide configuration tests (ZeroCodeIT, InstalledDefaultIT) make: Llama 3.1 8B asked for a
 * joke on InvokeModel, answered with the recorded Llama 3 completion.
 */
final class LlamaJoke {

    static final String MODEL = "meta.llama3-1-8b-instruct-v1:0";
    static final String BODY = "{\"prompt\":\"Tell me a joke about opentelemetry\"}";

    /** The recorded answer, for the emulator to give. */
    static RecordedExchange answer() {
        return RecordedExchange.named("test_meta__test_meta_llama3_completion");
    }

    /** Asks with {@code client}; returns the answer's body. */
    static String ask(BedrockRuntimeClient client) {
        return client.invokeModel(r -> r.modelId(MODEL).body(SdkBytes.fromUtf8String(BODY))).body().asUtf8String();
    }

    private LlamaJoke() {
    }
}
