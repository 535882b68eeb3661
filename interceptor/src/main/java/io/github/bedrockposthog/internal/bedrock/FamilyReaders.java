package io.github.bedrockposthog.internal.bedrock;

import java.util.EnumMap;
import java.util.Map;

/** Picks the body reader of a model family; readers are stateless singletons, chosen once per call. */
public final class FamilyReaders {

    /** For models whose body format we do not know: tokens come from the response headers, texts are left out. */
    private static final FamilyReader NONE = new FamilyReader() {
        @Override
        public String prompt(Object requestJson) {
            return null;
        }

        @Override
        public ModelOutput output(Object responseJson) {
            return ModelOutput.EMPTY;
        }
    };

    private static final Map<ModelFamily, FamilyReader> READERS = new EnumMap<>(ModelFamily.class);

    static {
        ChatCompletionsReader chat = ChatCompletionsReader.INSTANCE;
        READERS.put(ModelFamily.ANTHROPIC, new AnthropicReader());
        READERS.put(ModelFamily.META, new MetaReader());
        READERS.put(ModelFamily.TITAN, new TitanReader());
        READERS.put(ModelFamily.NOVA, new NovaReader());
        READERS.put(ModelFamily.COHERE_COMMAND_R, new CohereCommandRReader());
        READERS.put(ModelFamily.COHERE_COMMAND, new CohereCommandReader());
        READERS.put(ModelFamily.MISTRAL, new MistralReader());
        READERS.put(ModelFamily.AI21, new Ai21Reader());
        // DeepSeek R1 answers in the text-completion variant of the shared shape, gpt-oss in the chat variant.
        READERS.put(ModelFamily.DEEPSEEK, chat);
        READERS.put(ModelFamily.OPENAI, chat);
        READERS.put(ModelFamily.UNKNOWN, NONE);
    }

    private FamilyReaders() {
    }

    /**
     * The reader for a family.
     *
     * @param family the model family, may be {@code null}
     * @return the family's reader; for {@code null} or {@link ModelFamily#UNKNOWN} one that reads nothing
     */
    public static FamilyReader forFamily(ModelFamily family) {
        FamilyReader reader = family == null ? null : READERS.get(family);
        return reader != null ? reader : NONE;
    }
}
