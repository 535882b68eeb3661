package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

/**
 * AI21. Jamba: OpenAI-style chat ({@code messages} / {@code choices[]} with {@code usage}). Jurassic-2: request
 * {@code {prompt}}, response {@code {prompt{tokens[]}, completions[{data{text, tokens[]}, finishReason{reason}}]}},
 * whose token counts are the lengths of the token lists.
 */
final class Ai21Reader implements FamilyReader {

    private final ChatCompletionsReader chat = ChatCompletionsReader.INSTANCE;

    @Override
    public String prompt(Object requestJson) {
        return chat.prompt(requestJson);
    }

    @Override
    public ModelOutput output(Object responseJson) {
        Object completion = Json.at(responseJson, "completions", 0);
        if (completion == null) {
            return chat.output(responseJson);
        }
        return BodyText.output(
                Json.string(completion, "data", "text"),
                BodyText.length(responseJson, "prompt", "tokens"),
                BodyText.length(completion, "data", "tokens"),
                null,
                null,
                Json.string(completion, "finishReason", "reason"));
    }
}
