package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

/**
 * Mistral. Text models (Mistral 7B, Mixtral, Large 2402): request {@code {prompt}}, response
 * {@code {outputs[{text, stop_reason}]}}. Chat models (Large 2407 and later): request {@code {messages}}, response
 * in the OpenAI-style {@code choices[]} shape. No usage in the body for the text shape (the headers carry it).
 */
final class MistralReader implements FamilyReader {

    private final ChatCompletionsReader chat = ChatCompletionsReader.INSTANCE;

    @Override
    public String prompt(Object requestJson) {
        return chat.prompt(requestJson);
    }

    @Override
    public ModelOutput output(Object responseJson) {
        Object first = Json.at(responseJson, "outputs", 0);
        if (first == null) {
            return chat.output(responseJson);
        }
        return BodyText.output(Json.string(first, "text"), null, null, null, null, Json.string(first, "stop_reason"));
    }
}
