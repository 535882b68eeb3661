package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

/**
 * Amazon Nova: request {@code {messages[{role, content[{text}]}]}}, response
 * {@code {output.message.content[{text}], stopReason, usage{inputTokens, outputTokens, cacheReadInputTokenCount,
 * cacheWriteInputTokenCount}}}.
 *
 * <p>When a guardrail intervenes, {@code usage} may lack {@code outputTokens} (the headers still carry it), and
 * {@code amazon-bedrock-trace.guardrail.modelOutput} holds the unmasked answer: it is deliberately not read, the
 * masked text in {@code output} is what the application received.
 */
final class NovaReader implements FamilyReader {

    @Override
    public String prompt(Object requestJson) {
        return BodyText.lastUserText(Json.at(requestJson, "messages"));
    }

    @Override
    public ModelOutput output(Object responseJson) {
        Object usage = Json.at(responseJson, "usage");
        return BodyText.output(
                BodyText.outputText(Json.at(responseJson, "output", "message", "content")),
                BodyText.count(usage, "inputTokens"),
                BodyText.count(usage, "outputTokens"),
                // Converse spells these without "Count"; accept both so a shape change does not lose them.
                BodyText.firstNonNull(BodyText.count(usage, "cacheReadInputTokenCount"),
                        BodyText.count(usage, "cacheReadInputTokens")),
                BodyText.firstNonNull(BodyText.count(usage, "cacheWriteInputTokenCount"),
                        BodyText.count(usage, "cacheWriteInputTokens")),
                Json.string(responseJson, "stopReason"));
    }
}
