package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

/**
 * The OpenAI-style shape that several families share (OpenAI gpt-oss, DeepSeek, AI21 Jamba, Mistral chat):
 * request {@code {messages[{role, content}]}} or {@code {prompt}}; response
 * {@code {choices[{message{content}, finish_reason}], usage{prompt_tokens, completion_tokens}}}, or the
 * text-completion variant {@code {choices[{text, finish_reason | stop_reason}]}}.
 *
 * <p>Only the answer is taken as output text: {@code message.reasoning_content} (the model's reasoning) is not.
 */
final class ChatCompletionsReader implements FamilyReader {

    /** Stateless: one instance serves every family that speaks this shape. */
    static final ChatCompletionsReader INSTANCE = new ChatCompletionsReader();

    private ChatCompletionsReader() {
    }

    @Override
    public String prompt(Object requestJson) {
        return BodyText.firstNonNull(
                BodyText.lastUserText(Json.at(requestJson, "messages")),
                Json.string(requestJson, "prompt"));
    }

    @Override
    public ModelOutput output(Object responseJson) {
        Object choice = Json.at(responseJson, "choices", 0);
        Object message = Json.at(choice, "message");
        String text = message != null
                ? BodyText.outputText(Json.at(message, "content"))
                : Json.string(choice, "text");
        return BodyText.output(
                text,
                BodyText.count(responseJson, "usage", "prompt_tokens"),
                BodyText.count(responseJson, "usage", "completion_tokens"),
                null,
                null,
                BodyText.firstNonNull(Json.string(choice, "finish_reason"), Json.string(choice, "stop_reason")));
    }
}
