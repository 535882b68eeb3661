package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/** Chooses the {@link ModelFormat} for a model id (and, where a family has two APIs, the request's shape). */
final class ModelFormats {

    private ModelFormats() {
    }

    /** Newer providers whose InvokeModel API is the chat-completions shape (Writer: with {"text"} contents). */
    private static final String[] CHAT_COMPLETIONS_PREFIXES = {
        "qwen.", "minimax.", "moonshot.", "moonshotai.", "zai.", "nvidia.", "google.gemma", "writer.",
    };

    private static boolean speaksChatCompletions(String id) {
        for (String prefix : CHAT_COMPLETIONS_PREFIXES) {
            if (id.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static ModelFormat forModel(String modelId, JsonNode request) {
        String id = ModelIds.baseId(modelId);
        boolean chat = request != null && request.has("messages");
        if (id.startsWith("meta.")) {
            return new LlamaFormat();
        }
        if (id.startsWith("anthropic.")) {
            boolean text = !chat && request != null && request.has("prompt");
            return text ? new AnthropicTextFormat() : new AnthropicMessagesFormat();
        }
        if (id.startsWith("amazon.titan-text") || id.startsWith("amazon.titan-tg1")) {
            return new TitanFormat();
        }
        if (id.startsWith("amazon.nova")) {
            return new NovaFormat();
        }
        if (id.startsWith("cohere.command-r")) {
            return new CohereCommandRFormat();
        }
        if (id.startsWith("cohere.command")) {
            return new CohereCommandFormat();
        }
        if (id.startsWith("mistral.")) {
            return chat ? new MistralChatFormat() : new MistralTextFormat();
        }
        if (id.startsWith("deepseek.")) {
            return new DeepSeekFormat();
        }
        if (id.startsWith("ai21.j2")) {
            return new Ai21JurassicFormat();
        }
        if (id.startsWith("ai21.") || id.startsWith("openai.") || speaksChatCompletions(id)) {
            return new OpenAiChatFormat();
        }
        return new GenericFormat();
    }
}
