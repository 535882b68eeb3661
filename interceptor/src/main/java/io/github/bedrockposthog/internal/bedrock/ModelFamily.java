package io.github.bedrockposthog.internal.bedrock;

/**
 * The model families whose InvokeModel bodies we read. Detection from a model id lives in {@code ModelId};
 * each family has its own reader ({@code FamilyReaders.forFamily}).
 */
public enum ModelFamily {
    /** Anthropic Claude: messages API ({@code content[]}) and the legacy text-completion API ({@code completion}). */
    ANTHROPIC,
    /** Meta Llama: {@code prompt} / {@code generation}. */
    META,
    /** Amazon Titan Text: {@code inputText} / {@code results[].outputText}. */
    TITAN,
    /** Amazon Nova: {@code messages} / {@code output.message.content[]}. */
    NOVA,
    /** Cohere Command R / R+: {@code message} / {@code text}. */
    COHERE_COMMAND_R,
    /** Cohere legacy Command: {@code prompt} / {@code generations[].text}. */
    COHERE_COMMAND,
    /** Mistral: text shape ({@code prompt} / {@code outputs[]}) and chat shape ({@code messages} / {@code choices[]}). */
    MISTRAL,
    /** AI21: Jamba (OpenAI-style chat) and Jurassic-2 ({@code prompt} / {@code completions[].data.text}). */
    AI21,
    /** DeepSeek R1: {@code prompt} / {@code choices[].text}. */
    DEEPSEEK,
    /** OpenAI gpt-oss: OpenAI-style chat completions. */
    OPENAI,
    /** Anything else (imported models, new providers): tokens from headers, texts left out. */
    UNKNOWN
}
