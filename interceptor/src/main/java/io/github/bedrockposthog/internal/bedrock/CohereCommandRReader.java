package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

/**
 * Cohere Command R / R+: request {@code {message, chat_history}}, response {@code {text, finish_reason}}.
 * Bedrock's body carries no usage (the response headers do); Cohere's own {@code meta.billed_units} is read in
 * case it appears.
 */
final class CohereCommandRReader implements FamilyReader {

    @Override
    public String prompt(Object requestJson) {
        return Json.string(requestJson, "message");
    }

    @Override
    public ModelOutput output(Object responseJson) {
        return BodyText.output(
                Json.string(responseJson, "text"),
                BodyText.count(responseJson, "meta", "billed_units", "input_tokens"),
                BodyText.count(responseJson, "meta", "billed_units", "output_tokens"),
                null,
                null,
                Json.string(responseJson, "finish_reason"));
    }
}
