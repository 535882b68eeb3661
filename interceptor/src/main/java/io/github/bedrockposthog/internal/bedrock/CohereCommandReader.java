package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

/**
 * Cohere legacy Command (command-text, command-light-text): request {@code {prompt}}, response
 * {@code {generations[{text, finish_reason}]}} with no usage (the response headers carry it).
 */
final class CohereCommandReader implements FamilyReader {

    @Override
    public String prompt(Object requestJson) {
        return Json.string(requestJson, "prompt");
    }

    @Override
    public ModelOutput output(Object responseJson) {
        // num_generations > 1 asks for alternatives; the first one stands for the answer.
        Object generation = Json.at(responseJson, "generations", 0);
        return BodyText.output(
                Json.string(generation, "text"),
                null,
                null,
                null,
                null,
                Json.string(generation, "finish_reason"));
    }
}
