package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.model.LlmCall;

/** Test view of a family's dialect as the prompt and output it reads from one body at a time. */
final class FamilyReaders {

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

    private FamilyReaders() {
    }

    static FamilyReader forFamily(ModelFamily family) {
        Dialect dialect = family == null ? null : family.dialect();
        if (dialect == null) {
            return NONE;
        }
        return new FamilyReader() {
            @Override
            public String prompt(Object requestJson) {
                if (requestJson == null) {
                    return null;
                }
                LlmCall.Builder b = new LlmCall.Builder();
                dialect.variantFor(requestJson).readRequest(requestJson, b);
                return b.prompt;
            }

            @Override
            public ModelOutput output(Object responseJson) {
                if (responseJson == null) {
                    return ModelOutput.EMPTY;
                }
                LlmCall.Builder b = new LlmCall.Builder();
                dialect.readResponse(responseJson, b);
                return BodyText.output(b.generation, b.inputTokens, b.outputTokens, b.cacheReadInputTokens,
                        b.cacheWriteInputTokens, b.stopReason);
            }
        };
    }
}
