package io.github.bedrockposthog.internal.bedrock;

/**
 * The registry of model families: each line maps the model id prefixes of one family (matched against
 * {@link ModelId#base()}, first line wins) to the {@link Dialect} that reads its bodies and stream chunks. Adding a
 * family is one dialect file (or none, when it speaks a shape we already read), its fixtures, and one line here.
 */
public enum ModelFamily {
    ANTHROPIC(AnthropicMessagesDialect.INSTANCE, "anthropic."),
    // operation kind (#13): embedding, image and rerank models, ahead of the text families sharing their prefixes
    TITAN_EMBED(TitanEmbedDialect.INSTANCE, "amazon.titan-embed"),
    NOVA_EMBED(NovaEmbedDialect.INSTANCE, "amazon.nova-2-multimodal-embeddings", "amazon.nova-multimodal-embeddings"),
    COHERE_EMBED(CohereEmbedDialect.INSTANCE, "cohere.embed"),
    AMAZON_IMAGE(AmazonImageDialect.INSTANCE, "amazon.nova-canvas", "amazon.titan-image-generator"),
    STABILITY(StabilityImageDialect.INSTANCE, "stability."),
    RERANK(RerankDialect.INSTANCE, "cohere.rerank", "amazon.rerank"),
    META(LlamaDialect.INSTANCE, "meta."),
    TITAN(TitanDialect.INSTANCE, "amazon.titan-text", "amazon.titan-tg1"),
    NOVA(NovaDialect.INSTANCE, "amazon.nova"),
    COHERE_COMMAND_R(CohereCommandRDialect.INSTANCE, "cohere.command-r"),
    COHERE_COMMAND(CohereCommandDialect.INSTANCE, "cohere.command"),
    MISTRAL(MistralDialect.INSTANCE, "mistral."),
    AI21(Ai21JurassicDialect.INSTANCE, "ai21."),
    /** DeepSeek R1 answers in the text-completion variant of the chat-completions shape. */
    DEEPSEEK(ChatCompletionsDialect.INSTANCE, "deepseek."),
    OPENAI(ChatCompletionsDialect.INSTANCE, "openai."),
    QWEN(ChatCompletionsDialect.INSTANCE, "qwen."),
    MINIMAX(ChatCompletionsDialect.INSTANCE, "minimax."),
    KIMI(ChatCompletionsDialect.INSTANCE, "moonshot.", "moonshotai."),
    GLM(ChatCompletionsDialect.INSTANCE, "zai."),
    NEMOTRON(ChatCompletionsDialect.INSTANCE, "nvidia."),
    GEMMA(ChatCompletionsDialect.INSTANCE, "google.gemma"),
    WRITER(WriterDialect.INSTANCE, "writer."),
    /** Anything else (imported models, opaque ARNs, non-text models): the body decides ({@link Dialects#sniff}). */
    UNKNOWN(null);

    private final Dialect dialect;
    private final String[] prefixes;

    ModelFamily(Dialect dialect, String... prefixes) {
        this.dialect = dialect;
        this.prefixes = prefixes;
    }

    /**
     * The family of a foundation-model id.
     *
     * @param baseId {@link ModelId#base()}, may be {@code null}
     * @return the first family with a matching prefix, else {@link #UNKNOWN}
     */
    static ModelFamily of(String baseId) {
        if (baseId == null) {
            return UNKNOWN;
        }
        for (ModelFamily family : values()) {
            for (String prefix : family.prefixes) {
                if (baseId.startsWith(prefix)) {
                    return family;
                }
            }
        }
        return UNKNOWN;
    }

    /** The family's dialect; {@code null} for {@link #UNKNOWN}. */
    public Dialect dialect() {
        return dialect;
    }
}
