package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

import java.util.List;

/**
 * Anthropic Claude. Messages API: request {@code {messages[{role, content}]}}, response
 * {@code {content[{type, text}], stop_reason, usage{input_tokens, output_tokens, cache_read_input_tokens,
 * cache_creation_input_tokens}}}. Legacy text completions (Claude 2, Instant): request {@code {prompt}}, response
 * {@code {completion, stop_reason}} with no usage.
 */
final class AnthropicReader implements FamilyReader {

    @Override
    public String prompt(Object requestJson) {
        return BodyText.firstNonNull(
                BodyText.lastUserText(Json.at(requestJson, "messages")),
                Json.string(requestJson, "prompt"));
    }

    @Override
    public ModelOutput output(Object responseJson) {
        Object content = Json.at(responseJson, "content");
        String text = content instanceof List
                ? BodyText.outputText(content)
                : Json.string(responseJson, "completion");
        return BodyText.output(
                text,
                BodyText.count(responseJson, "usage", "input_tokens"),
                BodyText.count(responseJson, "usage", "output_tokens"),
                BodyText.count(responseJson, "usage", "cache_read_input_tokens"),
                BodyText.count(responseJson, "usage", "cache_creation_input_tokens"),
                Json.string(responseJson, "stop_reason"));
    }
}
