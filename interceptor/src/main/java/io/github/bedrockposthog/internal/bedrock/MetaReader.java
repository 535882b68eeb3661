package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

/**
 * Meta Llama: request {@code {prompt}}, response
 * {@code {generation, prompt_token_count, generation_token_count, stop_reason}}.
 */
final class MetaReader implements FamilyReader {

    @Override
    public String prompt(Object requestJson) {
        return Json.string(requestJson, "prompt");
    }

    @Override
    public ModelOutput output(Object responseJson) {
        return BodyText.output(
                Json.string(responseJson, "generation"),
                BodyText.count(responseJson, "prompt_token_count"),
                BodyText.count(responseJson, "generation_token_count"),
                null,
                null,
                Json.string(responseJson, "stop_reason"));
    }
}
