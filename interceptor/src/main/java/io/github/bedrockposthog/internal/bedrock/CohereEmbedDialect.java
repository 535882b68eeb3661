package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.OperationKind;

import java.util.List;

/**
 * Cohere Embed v3 and v4: request {@code {texts[], input_type, truncate, embedding_types}} (or {@code images[]}; v4
 * also {@code inputs[{content[{type: text, text}|{type: image_url}]}]}); response {@code {id, embeddings,
 * response_type, texts}} and, where Bedrock passes it on, {@code meta.billed_units.input_tokens}. The prompt is the
 * texts, one per line; images and vectors are never read.
 */
final class CohereEmbedDialect extends NonTextDialect {

    static final CohereEmbedDialect INSTANCE = new CohereEmbedDialect();

    private CohereEmbedDialect() {
        super(OperationKind.EMBEDDING);
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        String texts = joinedStrings(Json.at(body, "texts"));
        b.prompt = texts != null ? texts : inputsText(Json.at(body, "inputs"));
    }

    /** The text parts of v4's {@code inputs}, one per line. */
    private static String inputsText(Object inputs) {
        if (!(inputs instanceof List)) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Object input : (List<?>) inputs) {
            Object content = Json.at(input, "content");
            if (!(content instanceof List)) {
                continue;
            }
            for (Object part : (List<?>) content) {
                String text = "text".equals(Json.string(part, "type")) ? Json.string(part, "text") : null;
                if (text != null) {
                    out.append(out.length() > 0 ? "\n" : "").append(text);
                }
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        inputTokens(b, BodyText.count(body, "meta", "billed_units", "input_tokens"));
    }
}
