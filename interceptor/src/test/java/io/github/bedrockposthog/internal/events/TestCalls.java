package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.bedrock.ModelId;
import io.github.bedrockposthog.internal.config.Settings;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Operation;

import java.util.EnumMap;
import java.util.Map;

/** What the mappers' tests start from: settings read from an environment, and a call record's common parts. */
final class TestCalls {

    private TestCalls() {
    }

    /** Settings with nothing set in code or system properties, and {@code env} as the environment. */
    static Settings settings(Map<String, String> env) {
        return Settings.resolve(new EnumMap<>(Settings.Key.class), name -> null, env::get);
    }

    /** A call of {@code modelId} answered at the first attempt, as CallRecord starts it; a test adds the rest. */
    static LlmCall.Builder call(Operation operation, String modelId, String traceId) {
        LlmCall.Builder b = new LlmCall.Builder();
        b.operation = operation;
        b.modelId = modelId;
        b.model = ModelId.parse(modelId).base();
        b.traceId = traceId;
        b.attempts = 1;
        return b;
    }
}
