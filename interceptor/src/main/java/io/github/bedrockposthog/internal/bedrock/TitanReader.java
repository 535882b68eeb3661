package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

/**
 * Amazon Titan Text: request {@code {inputText}}, response
 * {@code {inputTextTokenCount, results[{outputText, tokenCount, completionReason}]}}.
 * With a guardrail attached the counts arrive as decimals ({@code 28.0}); they are read as whole numbers.
 */
final class TitanReader implements FamilyReader {

    @Override
    public String prompt(Object requestJson) {
        return Json.string(requestJson, "inputText");
    }

    @Override
    public ModelOutput output(Object responseJson) {
        // Titan returns one result per request; only the first is read.
        Object result = Json.at(responseJson, "results", 0);
        return BodyText.output(
                Json.string(result, "outputText"),
                BodyText.count(responseJson, "inputTextTokenCount"),
                BodyText.count(result, "tokenCount"),
                null,
                null,
                Json.string(result, "completionReason"));
    }
}
